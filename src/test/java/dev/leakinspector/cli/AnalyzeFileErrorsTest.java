package dev.leakinspector.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code analyze} on something that is not a readable heap dump file says what it is instead, in one line. */
class AnalyzeFileErrorsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String analyze(Path file) {
        int code = AnalyzeCommand.run(List.of(file.toString(), "--class", "a.B"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        String said = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, said.lines().count(), said);
        return said;
    }

    @Test
    void aDirectoryIsADirectory() {
        assertEquals("analyze: " + dir + " is a directory, not a heap dump file", analyze(dir));
    }

    @Test
    void aMissingFileIsMissing() {
        assertEquals("analyze: no such file: " + dir.resolve("x.hprof"), analyze(dir.resolve("x.hprof")));
    }

    @Test
    void aLinkToNothingSaysWhereItPoints() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("dump.hprof"), dir.resolve("gone.hprof"));
        assertEquals("analyze: " + link + " is a link to " + dir.resolve("gone.hprof") + ", which does not exist",
                analyze(link));
    }

    @Test
    void aNamedPipeIsNotARegularFile() throws Exception {
        Path fifo = dir.resolve("dump.hprof");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo on this system");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        // Never opened: opening a FIFO that no one writes would block.
        assertEquals("analyze: " + fifo + " is a named pipe (FIFO), not a regular file; save the dump to a file first",
                analyze(fifo));
    }

    @Test
    void aFileWeMayNotReadSaysPermissionDenied() throws Exception {
        Path file = Files.writeString(dir.resolve("dump.hprof"), "JAVA PROFILE 1.0.2");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        assumeTrue(!Files.isReadable(file), "root reads every file");
        assertEquals("analyze: cannot read " + file + ": permission denied", analyze(file));
    }

    @Test
    void aReadFailureGivesTheReasonNotTheFileNameAgain() {
        assertEquals("permission denied", AnalyzeCommand.reason(new java.nio.file.AccessDeniedException("/x.hprof")));
        assertEquals("no such file", AnalyzeCommand.reason(new java.nio.file.NoSuchFileException("/x.hprof")));
        assertEquals("Input/output error",
                AnalyzeCommand.reason(new java.nio.file.FileSystemException("/x.hprof", null, "Input/output error")));
    }
}
