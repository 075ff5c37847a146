package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentJarTest {

    @TempDir
    Path dir;

    @Test
    void systemPropertyWins() throws IOException {
        Path jar = Files.write(dir.resolve("agent.jar"), new byte[] {1, 2, 3});
        String previous = System.getProperty(AgentJar.PROPERTY);
        System.setProperty(AgentJar.PROPERTY, jar.toString());
        try {
            assertEquals(jar.toAbsolutePath(), AgentJar.locate());
        } finally {
            if (previous == null) {
                System.clearProperty(AgentJar.PROPERTY);
            } else {
                System.setProperty(AgentJar.PROPERTY, previous);
            }
        }
    }

    @Test
    void systemPropertyNamingNoFileIsAnError() {
        IOException e = assertThrows(IOException.class,
                () -> AgentJar.locate(dir.resolve("gone.jar").toString(), null, dir, dir));
        assertTrue(e.getMessage().contains("gone.jar"), e.getMessage());
    }

    @Test
    void embeddedJarIsStoredOnceByContent() throws Exception {
        byte[] content = "pretend this is a jar".getBytes();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        try (URLClassLoader loader = embedding(content, "classes")) {
            Path first = AgentJar.locate(null, loader, tmp, dir);
            assertEquals(tmp.toRealPath().resolve("leak-inspector-" + TrustedPaths.currentUid())
                    .resolve("leak-inspector-agent-" + AgentJarStore.sha256(content).substring(0, 16) + ".jar"), first);
            assertArrayEquals(content, Files.readAllBytes(first));

            Object inode = Files.getAttribute(first, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            Path second = AgentJar.locate(null, loader, tmp, dir);
            assertEquals(first, second);
            assertEquals(inode, Files.getAttribute(second, "unix:ino", LinkOption.NOFOLLOW_LINKS),
                    "an identical copy is reused, not rewritten");
        }
    }

    /**
     * Finding 8 of issue 11: every build left its 10 MB copy in the temporary folder for good. A copy of another
     * version that nobody used lately is removed when another version is stored; the current one is reused.
     */
    @Test
    void anOldVersionsCopyIsRemovedWhenANewVersionIsStored() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path old;
        try (URLClassLoader loader = embedding("version 1".getBytes(), "v1")) {
            old = AgentJar.locate(null, loader, tmp, dir);
        }
        FileTime lastUsed = FileTime.from(Instant.now().minus(AgentJarStore.UNUSED_FOR).minus(Duration.ofMinutes(1)));
        Files.setLastModifiedTime(old, lastUsed);
        Files.setLastModifiedTime(old.getParent(), lastUsed);

        try (URLClassLoader loader = embedding("version 2".getBytes(), "v2")) {
            Path current = AgentJar.locate(null, loader, tmp, dir);
            Object inode = Files.getAttribute(current, "unix:ino", LinkOption.NOFOLLOW_LINKS);

            assertFalse(Files.exists(old, LinkOption.NOFOLLOW_LINKS), "the old version's copy is removed");
            assertEquals(current, AgentJar.locate(null, loader, tmp, dir));
            assertEquals(inode, Files.getAttribute(current, "unix:ino", LinkOption.NOFOLLOW_LINKS), "reused");
        }
    }

    @Test
    void fallsBackToTheBuildOutputThenGivesUp() throws IOException {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        IOException e = assertThrows(IOException.class, () -> AgentJar.locate(null, empty, dir, dir));
        assertEquals("agent jar not found: build with ./mvnw package", e.getMessage());

        Path built = Files.createDirectories(dir.resolve("target")).resolve("leak-inspector-agent.jar");
        Files.write(built, new byte[] {4});
        assertEquals(built, AgentJar.locate(null, empty, dir, dir));
    }

    /** Run from a folder others can write (a shared /tmp, say), "target/" could be anyone's. */
    @Test
    void aBuildOutputOthersCouldHavePutThereIsRefused() throws IOException {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        Path target = Files.createDirectories(dir.resolve("target"));
        Files.write(target.resolve("leak-inspector-agent.jar"), new byte[] {4});
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));

        IOException e = assertThrows(IOException.class, () -> AgentJar.locate(null, empty, dir, dir));

        assertEquals("agent jar " + target.resolve("leak-inspector-agent.jar") + " is not safe to load: " + target
                + " can be written by other users", e.getMessage());
    }

    /** A class loader whose {@link AgentJar#RESOURCE} is {@code content}, as in a packaged Leak Inspector. */
    private URLClassLoader embedding(byte[] content, String name) throws IOException {
        Path classes = dir.resolve(name);
        Files.createDirectories(classes.resolve(AgentJar.RESOURCE).getParent());
        Files.write(classes.resolve(AgentJar.RESOURCE), content);
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }
}
