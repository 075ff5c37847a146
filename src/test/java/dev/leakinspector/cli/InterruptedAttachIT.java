package dev.leakinspector.cli;

import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged command line stopped by real signals, as {@code timeout}, a CI cancel or Ctrl-C stop it, while it
 * follows a real target: it prints what it received, ends with an end line, leaves no heap dump behind and exits
 * with the code it documents; and a dump folder that a killed run left behind is removed by the next start.
 * Every run of the tool gets its own temporary directory, where its dump folders go.
 */
class InterruptedAttachIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LEAK = "{\"type\":\"leak\"";

    @TempDir
    Path temp;

    private static Path appJar() {
        Path jar = Path.of(System.getProperty("leakinspector.appJar", "target/leak-inspector.jar"));
        assumeTrue(Files.isRegularFile(jar), "the app jar is built by ./mvnw package: " + jar);
        return jar;
    }

    private TargetProcess cli(String... args) throws IOException {
        return TargetProcess.start(Jdks.current(), List.of("-Djava.io.tmpdir=" + temp),
                List.of("-jar", appJar().toString()), args);
    }

    private static TargetProcess target(String... jvmArgs) throws Exception {
        TargetProcess target = TargetProcess.start(Jdks.current(), List.of(jvmArgs), ClosedSessionsTarget.class.getName());
        target.awaitLineStartingWith("READY", TIMEOUT);
        return target;
    }

    /** Waits until {@code count} lines starting with {@code prefix} were printed. */
    private static void awaitLines(TargetProcess process, String prefix, int count) throws InterruptedException {
        AtomicInteger seen = new AtomicInteger();
        process.awaitLine(line -> line.startsWith(prefix) && seen.incrementAndGet() == count, TIMEOUT);
    }

    @Test
    void sigtermMidDumpPrintsTheLeaksDeletesTheDumpAndExits143() throws Exception {
        try (TargetProcess target = target("-Xmx3g")) {
            target.send("allocate 1500");
            target.awaitLineStartingWith("ALLOCATED", TIMEOUT);
            try (TargetProcess cli = cli("attach", Long.toString(target.pid()), "--json", "--explain",
                    "--duration", "10", "--rule", ClosedSessionsTarget.RULE)) {
                cli.awaitLineStartingWith("{\"type\":\"hello\"", TIMEOUT);
                target.send("close 2");
                target.awaitLineStartingWith("CLOSED 2 watching", TIMEOUT);

                awaitLines(cli, LEAK, 2);
                assertTrue(cli.process().isAlive(), "the leaks are printed as they come, not at the end:\n" + cli.describe());
                // 1.5 GB take the target seconds to write and the tool seconds to index: it is in one of them.
                Path dump = awaitDumpBeingWritten(cli.pid());
                cli.process().toHandle().destroy(); // SIGTERM

                assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS), "ends soon after SIGTERM:\n" + cli.describe());
                assertEquals(AttachCommand.EXIT_SIGTERM, cli.process().exitValue(), cli.describe());
                List<String> lines = cli.stdoutLines();
                assertEquals(2, lines.stream().filter(line -> line.startsWith(LEAK)).count(), cli.describe());
                assertTrue(lines.stream().noneMatch(line -> line.startsWith("{\"type\":\"explanation\"")), cli.describe());
                String end = lines.get(lines.size() - 1);
                assertTrue(end.startsWith("{\"type\":\"end\",\"reason\":\"interrupted\",\"message\":\"Leak Inspector was"
                        + " interrupted by a signal; detached from process " + target.pid() + "\"}"), end);
                assertFalse(Files.exists(dump), "the dump in progress is deleted: " + dump);
                assertEquals(List.of(), filesIn(temp, ".hprof"), "no heap dump left");
                assertFalse(cli.describe().contains("Exception"), "no stack trace:\n" + cli.describe());
                assertTrue(target.process().isAlive(), "the target goes on");
            }
        }
    }

    @Test
    void sigintPrintsWhatCameAndTheEndAndExits130() throws Exception {
        try (TargetProcess target = target("-Xmx128m");
             TargetProcess cli = cli("attach", Long.toString(target.pid()), "--rule", ClosedSessionsTarget.RULE)) {
            cli.awaitLineStartingWith("Toolkits: ", TIMEOUT);
            target.send("close 1");
            target.awaitLineStartingWith("CLOSED 1 watching", TIMEOUT);
            String leak = cli.awaitLine(line -> line.matches("\\S+  LEAK +#\\d+ .*"), TIMEOUT);

            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor());

            assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS), "ends soon after SIGINT:\n" + cli.describe());
            assertEquals(AttachCommand.EXIT_SIGINT, cli.process().exitValue(), cli.describe());
            List<String> lines = cli.stdoutLines();
            assertTrue(lines.contains(leak), cli.describe());
            assertEquals("Session ended: Leak Inspector was interrupted by a signal; detached from process "
                    + target.pid() + ".", lines.get(lines.size() - 1), cli.describe());
            assertTrue(target.process().isAlive(), "the target goes on");
        }
    }

    @Test
    void theNextStartRemovesTheDumpsOfADeadRunAndNothingElse() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        Path abandoned = dumpFolder("leak-inspector-dumps-" + dead + "-1");
        Path live = dumpFolder("leak-inspector-dumps-" + ProcessHandle.current().pid() + "-2");
        Path kept = dumpFolder("leak-inspector-kept-dump-" + dead + "-3");
        Path elsewhere = dumpFolder("elsewhere");
        Path link = Files.createSymbolicLink(temp.resolve("leak-inspector-dumps-" + dead + "-4"), elsewhere);
        Path othersFolder = dumpFolder("leak-inspector-dumps-" + dead + "-5");
        boolean chowned = giveToNobody(othersFolder);

        try (TargetProcess cli = cli("list")) {
            assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS), cli.describe());
            assertEquals(0, cli.process().exitValue(), cli.describe());
        }

        assertFalse(Files.exists(abandoned, LinkOption.NOFOLLOW_LINKS), "the dead run's dumps are gone");
        assertTrue(Files.exists(live.resolve("dump.hprof")), "a running process's dumps stay");
        assertTrue(Files.exists(kept.resolve("dump.hprof")), "a dump the user kept stays");
        assertTrue(Files.isSymbolicLink(link), "a link is not ours to remove");
        assertTrue(Files.exists(elsewhere.resolve("dump.hprof")), "nor what it points to");
        if (chowned) {
            assertTrue(Files.exists(othersFolder.resolve("dump.hprof")), "another user's folder stays");
        }
    }

    private Path dumpFolder(String name) throws IOException {
        Path folder = Files.createDirectory(temp.resolve(name));
        Files.write(folder.resolve("dump.hprof"), new byte[]{'J', 'A', 'V', 'A'});
        return folder;
    }

    /** Gives the folder to user {@code nobody} (65534) when we may (as root); false when we may not. */
    private static boolean giveToNobody(Path folder) {
        try {
            Files.setAttribute(folder, "unix:uid", 65534, LinkOption.NOFOLLOW_LINKS);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Waits until the tool's private dump folder (named after its pid) holds a heap dump that has bytes in it: the
     * target is writing it. Polls, since no process tells when the target's first write lands.
     */
    private Path awaitDumpBeingWritten(long cliPid) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Path dump : filesIn(temp, ".hprof")) {
                if (dump.getParent().getFileName().toString().startsWith("leak-inspector-dumps-" + cliPid + "-")
                        && sizeOf(dump) > 0) {
                    return dump;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no heap dump was started in " + temp);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    private static List<Path> filesIn(Path dir, String suffix) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.walk(dir)) {
            entries.filter(path -> path.getFileName().toString().endsWith(suffix)).forEach(found::add);
        } catch (java.io.UncheckedIOException e) {
            // A folder removed while we walked: what remains is what was found.
        }
        return found;
    }
}
