package dev.leakinspector.cli;

import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged command line, run as a user runs it ({@code java -jar target/leak-inspector.jar …}),
 * against the demo in its own JVM: the "done when" scenario and the attach failures.
 */
class CommandLineIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static Path appJar() {
        Path jar = Path.of(System.getProperty("leakinspector.appJar", "target/leak-inspector.jar"));
        assumeTrue(Files.isRegularFile(jar), "the app jar is built by ./mvnw package: " + jar);
        return jar;
    }

    private static TargetProcess cli(String... args) throws Exception {
        return TargetProcess.start(Jdks.current(), List.of(), List.of("-jar", appJar().toString()), args);
    }

    @Test
    void attachWithJsonPrintsOneLeakForPattern1NoneFor1bAndALeakThenADeallocationFor3() throws Exception {
        try (TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of(), "--script", "1,1b,3")) {
            demo.awaitLineStartingWith("DEMO ready", TIMEOUT);
            try (TargetProcess cli = cli("attach", Long.toString(demo.pid()), "--json", "--duration", "15")) {
                assertTrue(cli.process().waitFor(60, TimeUnit.SECONDS), "ends after its duration");
                List<String> lines = cli.stdoutLines();
                assertEquals(0, cli.process().exitValue(), cli.describe());

                assertTrue(lines.get(0).startsWith("{\"type\":\"hello\",\"pid\":" + demo.pid() + ","), lines.get(0));
                assertTrue(lines.get(0).contains("\"toolkits\":[\"javafx\"]"), lines.get(0));
                List<String> leaks = lines.stream().filter(line -> line.startsWith("{\"type\":\"leak\"")).toList();
                List<String> pattern1 = leaks.stream().filter(line -> line.contains("\"viewStack\":[\"Stage \\\"1 Listener")).toList();
                List<String> pattern3 = leaks.stream().filter(line -> line.contains("\"viewStack\":[\"Stage \\\"3 ")).toList();
                assertEquals(1, pattern1.size(), String.join("\n", lines));
                assertEquals(1, pattern3.size(), String.join("\n", lines));
                assertEquals(2, leaks.size(), "nothing for 1b: " + String.join("\n", lines));
                assertTrue(pattern1.get(0).contains("\"className\":\"javafx.stage.Stage\""), pattern1.get(0));
                assertTrue(pattern1.get(0).contains("\"gcConfirmed\":true"), pattern1.get(0));

                String id3 = pattern3.get(0).replaceAll(".*\"id\":\"(\\d+)\".*", "$1");
                assertTrue(lines.stream().anyMatch(line -> line.startsWith("{\"type\":\"deallocated\",\"id\":\"" + id3 + "\"")),
                        String.join("\n", lines));
                assertTrue(lines.get(lines.size() - 1).startsWith("{\"type\":\"end\",\"reason\":\"duration\""),
                        lines.get(lines.size() - 1));
            }
        }
    }

    @Test
    void explainPrintsTheLeakAsItComesThenItsPathsInTheShapeOfAnalyzeJson() throws Exception {
        try (TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of(), "--script", "1")) {
            demo.awaitLineStartingWith("DEMO ready", TIMEOUT);
            try (TargetProcess cli = cli("attach", Long.toString(demo.pid()), "--json", "--duration", "8", "--explain")) {
                String leak = cli.awaitLineStartingWith("{\"type\":\"leak\"", TIMEOUT);
                assertTrue(cli.stdoutLines().stream().noneMatch(line -> line.startsWith("{\"type\":\"explanation\"")
                        || line.startsWith("{\"type\":\"end\"")), "printed as it came, before the dump:\n" + cli.describe());
                String id = leak.replaceAll(".*\"id\":\"(\\d+)\".*", "$1");

                assertTrue(cli.process().waitFor(90, TimeUnit.SECONDS), "ends after its duration and the analysis");
                assertEquals(0, cli.process().exitValue(), cli.describe());
                List<String> lines = cli.stdoutLines();
                assertEquals(1, lines.stream().filter(line -> line.startsWith("{\"type\":\"leak\"")).count(), cli.describe());
                List<String> explanations = lines.stream().filter(line -> line.startsWith("{\"type\":\"explanation\"")).toList();
                assertEquals(1, explanations.size(), cli.describe());
                String explanation = explanations.get(0);
                assertTrue(explanation.startsWith("{\"type\":\"explanation\",\"id\":\"" + id + "\",\"objectId\":\"0x"), explanation);
                assertTrue(explanation.contains("\"paths\":[{\"rootKind\":\"CLASS\",\"steps\":[{\"className\":\"dev.leakinspector.demo.AppModel\""),
                        explanation);
                assertTrue(explanation.contains("\"reference\":\"static AppModel.INSTANCE\""), explanation);
                assertTrue(explanation.contains("\"suspect\":true"), explanation);
                assertTrue(lines.indexOf(leak) < lines.indexOf(explanation), cli.describe());
                assertTrue(lines.get(lines.size() - 1).startsWith("{\"type\":\"end\",\"reason\":\"duration\""), cli.describe());
            }
        }
    }

    @Test
    void failOnLeakExitsWith4WhenALeakStillStandsAtTheEnd() throws Exception {
        try (TargetProcess target = TargetProcess.start(Jdks.current(), List.of("-Xmx128m"), ClosedSessionsTarget.class.getName())) {
            target.awaitLineStartingWith("READY", TIMEOUT);
            try (TargetProcess cli = cli("attach", Long.toString(target.pid()), "--json", "--fail-on", "leak",
                    "--rule", ClosedSessionsTarget.RULE)) {
                cli.awaitLineStartingWith("{\"type\":\"hello\"", TIMEOUT);
                target.send("close 1");
                target.awaitLineStartingWith("CLOSED 1 watching", TIMEOUT);
                String leak = cli.awaitLineStartingWith("{\"type\":\"leak\"", TIMEOUT);
                assertTrue(leak.contains("\"verdict\":\"leak\""), leak);
                target.send("exit");

                assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS), "ends when the target exits:\n" + cli.describe());
                assertEquals(AttachCommand.EXIT_FAIL_ON, cli.process().exitValue(), cli.describe());
                assertTrue(cli.stdoutLines().get(cli.stdoutLines().size() - 1).startsWith("{\"type\":\"end\",\"reason\":\"target-exited\""),
                        cli.describe());
                assertTrue(cli.describe().endsWith("--- stderr ---\nleak-inspector: 1 standing report(s) with the verdict leak"
                        + " (--fail-on leak)\n"), cli.describe());
            }
        }
    }

    @Test
    void aKeptDumpStaysPrivateWhereTheNextStartLeavesIt(@TempDir Path temp) throws Exception {
        List<String> ownTemp = List.of("-Djava.io.tmpdir=" + temp);
        try (TargetProcess target = TargetProcess.start(Jdks.current(), List.of("-Xmx128m"), ClosedSessionsTarget.class.getName())) {
            target.awaitLineStartingWith("READY", TIMEOUT);
            try (TargetProcess cli = TargetProcess.start(Jdks.current(), ownTemp, List.of("-jar", appJar().toString()),
                    "attach", Long.toString(target.pid()), "--json", "--explain", "--keep-dump", "--duration", "6",
                    "--rule", ClosedSessionsTarget.RULE)) {
                cli.awaitLineStartingWith("{\"type\":\"hello\"", TIMEOUT);
                target.send("close 1");
                target.awaitLineStartingWith("CLOSED 1 watching", TIMEOUT);
                assertTrue(cli.process().waitFor(90, TimeUnit.SECONDS), "ends after its duration and the analysis");
                assertEquals(0, cli.process().exitValue(), cli.describe());
                String kept = cli.stdoutLines().stream().filter(line -> line.startsWith("{\"type\":\"heapdump\""))
                        .findFirst().orElseThrow(() -> new AssertionError(cli.describe()));
                Path dump = Path.of(kept.replaceAll(".*\"path\":\"([^\"]+)\".*", "$1"));

                assertTrue(dump.getParent().getFileName().toString().startsWith("leak-inspector-kept-dump-" + cli.pid() + "-"), kept);
                assertEquals(temp, dump.getParent().getParent(), kept);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)), "the dump is private");
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump.getParent())));
                try (TargetProcess next = TargetProcess.start(Jdks.current(), ownTemp, List.of("-jar", appJar().toString()), "list")) {
                    assertTrue(next.process().waitFor(30, TimeUnit.SECONDS), next.describe());
                }
                assertTrue(Files.isRegularFile(dump), "a kept dump is the user's: no clean-up removes it");
                try (Stream<Path> entries = Files.list(temp)) {
                    assertEquals(List.of(), entries.filter(entry -> entry.getFileName().toString().startsWith("leak-inspector-dumps-")).toList(),
                            "nothing else is left");
                }
            }
        }
    }

    @Test
    void attachingToAProcessThatDoesNotExistFailsWithOneLine() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertOneLineFailure(cli("attach", Long.toString(gone.pid())), "process " + gone.pid() + " does not exist");
    }

    @Test
    void attachingToAProcessThatIsNotAJvmFailsWithOneLine() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            assertOneLineFailure(cli("attach", Long.toString(sleep.pid())), "is not a Java virtual machine");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aMalformedCommandIsAUsageError() throws Exception {
        try (TargetProcess cli = cli("attach", "not-a-pid")) {
            assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, cli.process().exitValue());
        }
    }

    private static void assertOneLineFailure(TargetProcess cli, String expected) throws Exception {
        try (cli) {
            assertTrue(cli.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, cli.process().exitValue(), cli.describe());
            String stderr = cli.describe().substring(cli.describe().indexOf("--- stderr ---\n") + 15).strip();
            assertEquals(1, stderr.lines().count(), "one line, no stack trace: " + stderr);
            assertTrue(stderr.contains(expected), stderr);
        }
    }
}
