package dev.leakinspector.cli;

import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    void explainAddsEachLeaksPathsInTheShapeOfAnalyzeJson() throws Exception {
        try (TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of(), "--script", "1")) {
            demo.awaitLineStartingWith("DEMO ready", TIMEOUT);
            try (TargetProcess cli = cli("attach", Long.toString(demo.pid()), "--json", "--duration", "6", "--explain")) {
                assertTrue(cli.process().waitFor(90, TimeUnit.SECONDS), "ends after its duration and the analysis");
                assertEquals(0, cli.process().exitValue(), cli.describe());
                List<String> leaks = cli.stdoutLines().stream().filter(line -> line.startsWith("{\"type\":\"leak\"")).toList();
                assertEquals(1, leaks.size(), cli.describe());
                String leak = leaks.get(0);
                assertTrue(leak.contains(",\"explanation\":{\"objectId\":\"0x"), leak);
                assertTrue(leak.contains("\"paths\":[{\"rootKind\":\"CLASS\",\"steps\":[{\"className\":\"dev.leakinspector.demo.AppModel\""), leak);
                assertTrue(leak.contains("\"reference\":\"static AppModel.INSTANCE\""), leak);
                assertTrue(leak.contains("\"suspect\":true"), leak);
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
