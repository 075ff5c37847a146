package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
    void embeddedJarIsExtractedOnceByContent() throws Exception {
        byte[] content = "pretend this is a jar".getBytes();
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve(AgentJar.RESOURCE).getParent());
        Files.write(classes.resolve(AgentJar.RESOURCE), content);
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Path first = AgentJar.locate(null, loader, tmp, dir);
            assertEquals(tmp.resolve("leak-inspector-" + AgentJar.sha256(content).substring(0, 16))
                    .resolve("leak-inspector-agent.jar"), first);
            assertArrayEquals(content, Files.readAllBytes(first));

            FileTime written = FileTime.fromMillis(1_000_000L);
            Files.setLastModifiedTime(first, written);
            Path second = AgentJar.locate(null, loader, tmp, dir);
            assertEquals(first, second);
            assertEquals(written, Files.getLastModifiedTime(second), "an identical copy is reused, not rewritten");
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
}
