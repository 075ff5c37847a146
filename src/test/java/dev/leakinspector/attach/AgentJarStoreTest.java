package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent jar store on a real file system; the cases with another user's files need root (to chown). */
class AgentJarStoreTest {

    private static final byte[] JAR = "our agent".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FOREIGN = "someone else's agent".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path tmp;
    private int uid;
    private AgentJarStore store;

    @BeforeEach
    void setUp() throws IOException {
        tmp = Files.createDirectories(dir.resolve("tmp")).toRealPath();
        uid = TrustedPaths.currentUid();
        store = new AgentJarStore(tmp, uid);
    }

    @Test
    void theCopyIsOursReadableByAllWritableByUsAloneInAFolderNobodyElseCanList() throws IOException {
        AgentJarStore.Copy copy = store.put(JAR);

        Path folder = tmp.resolve("leak-inspector-" + uid);
        assertEquals(folder.resolve("leak-inspector-agent-" + AgentJarStore.sha256(JAR).substring(0, 16) + ".jar"),
                copy.path());
        assertEquals("rwx--x--x", mode(folder));
        assertEquals("rw-r--r--", mode(copy.path()));
        assertEquals(uid, Files.getAttribute(copy.path(), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertArrayEquals(JAR, Files.readAllBytes(copy.path()));
        store.verify(copy);
    }

    @Test
    void aCopyOfAnotherVersionUsedLatelyIsKept() throws IOException {
        // Another Leak Inspector of another version may be about to load it.
        AgentJarStore.Copy other = store.put(FOREIGN);

        store.put(JAR);

        assertTrue(Files.exists(other.path()));
    }

    @Test
    void foldersOfTheEarlierLayoutAndHalfWrittenFilesAreRemovedOnceUnused() throws IOException {
        Path earlier = Files.createDirectories(tmp.resolve("leak-inspector-0123456789abcdef"));
        Files.write(earlier.resolve("leak-inspector-agent.jar"), FOREIGN);
        Path folder = Files.createDirectories(tmp.resolve("leak-inspector-" + uid));
        Path partial = Files.write(folder.resolve("leak-inspector-agent-123.part"), FOREIGN);
        Path unrelated = Files.createDirectories(tmp.resolve("leak-inspector-notes"));
        makeUnused(earlier.resolve("leak-inspector-agent.jar"), earlier, partial, unrelated);

        store.put(JAR);

        assertFalse(Files.exists(earlier));
        assertFalse(Files.exists(partial));
        assertTrue(Files.exists(unrelated), "only names we make are ever removed");
    }

    /** Finding 1 of issue 11: a link planted at the folder's name is neither followed nor written through. */
    @Test
    void aLinkAtTheFoldersNameIsNeverFollowed() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(tmp.resolve("leak-inspector-" + uid), elsewhere);

        AgentJarStore.Copy copy = store.put(JAR);

        assertFalse(copy.path().startsWith(link), copy.path().toString());
        assertEquals(copy.path(), copy.path().toRealPath(), "no link on the way");
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(List.of(), files.toList(), "nothing written through the link");
        }
        assertEquals(copy, store.put(JAR), "the fallback folder is reused");
    }

    /**
     * Finding 1 of issue 11, as attacked: another user makes the folder's name a link to a folder we own (so an
     * ownership check that follows links passes), and after the copy is written points it at their own folder,
     * holding their jar under the name we would load. The copy we load must still be ours.
     */
    @Test
    void anotherUsersLinkSwappedAfterTheCopyDoesNotChangeWhatWeLoad() throws IOException {
        UserPrincipal nobody = nobody();
        Path ours = Files.createDirectories(dir.resolve("ours"));
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        String predicted = "leak-inspector-agent-" + AgentJarStore.sha256(JAR).substring(0, 16) + ".jar";
        Files.write(theirs.resolve(predicted), FOREIGN);
        Path link = Files.createSymbolicLink(tmp.resolve("leak-inspector-" + uid), ours);
        chown(link, nobody);
        chown(theirs, nobody);

        AgentJarStore.Copy copy = store.put(JAR);
        Files.delete(link);
        chown(Files.createSymbolicLink(link, theirs), nobody);

        store.verify(copy);
        assertArrayEquals(JAR, Files.readAllBytes(copy.path()));
        assertArrayEquals(FOREIGN, Files.readAllBytes(theirs.resolve(predicted)), "their folder is left alone");
    }

    @Test
    void aFolderOfAnotherUserAtTheFoldersNameIsNotUsed() throws IOException {
        UserPrincipal nobody = nobody();
        Path squatted = Files.createDirectories(tmp.resolve("leak-inspector-" + uid));
        chown(squatted, nobody);

        AgentJarStore.Copy copy = store.put(JAR);

        assertNotEquals(squatted, copy.path().getParent());
        assertEquals(uid, Files.getAttribute(copy.path().getParent(), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        try (Stream<Path> files = Files.list(squatted)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void aCopyChangedAfterItWasWrittenIsNotLoaded() throws IOException {
        AgentJarStore.Copy copy = store.put(JAR);
        Files.write(copy.path(), FOREIGN);

        IOException e = assertThrows(IOException.class, () -> store.verify(copy));

        assertEquals("the agent jar copy " + copy.path() + " changed after it was written (its SHA-256 differs);"
                + " not loading it", e.getMessage());
    }

    @Test
    void aCopyReplacedByALinkIsNotLoaded() throws IOException {
        AgentJarStore.Copy copy = store.put(JAR);
        Path same = Files.write(dir.resolve("same.jar"), JAR);
        Files.delete(copy.path());
        Files.createSymbolicLink(copy.path(), same);

        IOException e = assertThrows(IOException.class, () -> store.verify(copy));

        assertEquals("the agent jar copy " + copy.path() + " is no longer safe to load: " + copy.path()
                + " is a symbolic link, not a plain file; not loading it", e.getMessage());
    }

    @Test
    void aTemporaryFolderOthersCanWriteIsRefused() throws IOException {
        // World-writable without the sticky bit: anyone could rename our folder away and put theirs in its place.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));

        IOException e = assertThrows(IOException.class, () -> store.put(JAR));

        assertEquals("the temporary folder " + tmp + " is not safe for the agent jar: " + tmp + " can be written by"
                + " other users; run with -Djava.io.tmpdir=<a folder that only you or root can write>", e.getMessage());
    }

    @Test
    void aTemporaryFolderOfAnotherUserIsRefused() throws IOException {
        chown(tmp, nobody());

        IOException e = assertThrows(IOException.class, () -> store.put(JAR));

        assertTrue(e.getMessage().startsWith("the temporary folder " + tmp + " is not safe for the agent jar: "
                + tmp + " belongs to user nobody;"), e.getMessage());
    }

    @Test
    void aTemporaryFolderReachedThroughAnotherUsersLinkIsRefused() throws IOException {
        UserPrincipal nobody = nobody();
        Path link = Files.createSymbolicLink(dir.resolve("their-link"), tmp);
        chown(link, nobody);

        IOException e = assertThrows(IOException.class, () -> new AgentJarStore(link, uid).put(JAR));

        assertTrue(e.getMessage().startsWith("the temporary folder " + link + " is not safe for the agent jar: "
                + link + " is a symbolic link of user nobody;"), e.getMessage());
    }

    private static void makeUnused(Path... paths) throws IOException {
        FileTime lastUsed = FileTime.from(Instant.now().minus(AgentJarStore.UNUSED_FOR).minus(Duration.ofMinutes(1)));
        for (Path path : paths) {
            Files.setLastModifiedTime(path, lastUsed);
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static UserPrincipal nobody() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give files to another user");
        return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }

    private static void chown(Path path, UserPrincipal owner) throws IOException {
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(owner);
    }
}
