package dev.leakinspector.session;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Session files are private: 0600 in a 0700 folder, created without following links (issue 11, finding 5). */
class SessionJournalTest {
    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "file permissions are POSIX permissions");
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aNewSessionFileIs0600InA0700FolderAndSoAreTheFoldersItCreated() throws IOException {
        Path sessions = dir.resolve("data").resolve("sessions");
        try (SessionJournal journal = SessionJournal.create(sessions, SessionModelTest.TARGET, 0)) {
            assertEquals("rw-------", permissions(journal.file()));
            assertEquals("rwx------", permissions(sessions));
            assertEquals("rwx------", permissions(sessions.getParent()));
        }
    }

    @Test
    void aSessionsFolderLeftWideOpenByAnOlderVersionIsNarrowed() throws IOException {
        Path sessions = Files.createDirectory(dir.resolve("sessions"));
        Files.setPosixFilePermissions(sessions, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SessionJournal journal = SessionJournal.create(sessions, SessionModelTest.TARGET, 0)) {
            assertEquals("rwx------", permissions(sessions));
            assertEquals("rw-------", permissions(journal.file()));
        }
    }

    @Test
    void aSessionsFolderThatIsALinkIsRefusedAndNothingIsWrittenThroughIt() throws IOException {
        Path elsewhere = Files.createDirectory(dir.resolve("someone-elses"));
        Path sessions = Files.createSymbolicLink(dir.resolve("sessions"), elsewhere);
        IOException refused = assertThrows(IOException.class,
                () -> SessionJournal.create(sessions, SessionModelTest.TARGET, 0));
        assertTrue(refused.getMessage().contains("is a symbolic link"), refused.getMessage());
        try (var entries = Files.list(elsewhere)) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void everyLineWrittenEndsWithANewline() throws IOException {
        SessionJournal journal = SessionJournal.create(dir, SessionModelTest.TARGET, 0);
        journal.onMessage(SessionModelTest.leak(1, "x.Y"));
        journal.close();
        String text = Files.readString(journal.file());
        assertTrue(text.endsWith("\n"), text);
        assertEquals(3, text.split("\n", -1).length - 1);
    }
}
