package dev.leakinspector.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.testing.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The extension on plain Swing tests, for real: Swing needs a display and this JVM is headless, so the fixture runs
 * through the JUnit Platform launcher in a JVM of its own under {@code xvfb-run} ({@link FixtureMain}). Skipped where
 * xvfb-run is not installed.
 */
class LeakInspectorSwingTest {
    private static final long RUN_TIMEOUT_SECONDS = 120;

    @Test
    void aFrameKeptByAStaticRegistryFailsItsTestWithTheLeakTraceAndCleanOnesPass() throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: Swing needs an X display (apt-get install xvfb xauth)");

        Map<String, List<String>> results = runUnderXvfb(xvfbRun, "dev.leakinspector.junit.fixtures.LeakySwingFixture");

        List<String> leaky = results.get("disposesAFrameThatARegistryKeeps");
        assertEquals("FAILED", leaky.get(0), () -> String.join("\n", leaky));
        String message = String.join("\n", leaky);
        assertContains(message, "leak: javax.swing.JFrame — window disposed");
        assertContains(message, "Invoice 7");
        assertContains(message, "dev.leakinspector.junit.fixtures.OpenDialogs class");
        assertContains(message, "REGISTERED");
        assertContains(message, "╰→ javax.swing.JFrame instance");
        assertEquals("SUCCESSFUL", results.get("disposesAFrameCleanly").get(0),
                () -> String.join("\n", results.get("disposesAFrameCleanly")));
        assertEquals("SUCCESSFUL", results.get("removesAPanelThatARegistryKeeps").get(0),
                () -> String.join("\n", results.get("removesAPanelThatARegistryKeeps")));
    }

    /** Each test's status, then its failure message's lines. */
    private static Map<String, List<String>> runUnderXvfb(Path xvfbRun, String fixture) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(xvfbRun.toString(), "-a", "-s", "-screen 0 1280x1024x24",
                Jdks.current().toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                FixtureMain.class.getName(), fixture));
        Path output = Files.createTempFile("leak-inspector-swing-fixture", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the fixture run did not end within " + RUN_TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(output));
            }
            return parse(Files.readAllLines(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Map<String, List<String>> parse(List<String> lines) {
        Map<String, List<String>> results = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.startsWith("RESULT ")) {
                String[] parts = line.split(" ");
                current = new ArrayList<>(List.of(parts[2]));
                results.put(parts[1], current);
            } else if (line.startsWith("| ") && current != null) {
                current.add(line.substring(2));
            } else if (line.equals("END")) {
                break;
            }
        }
        assertEquals(3, results.size(), () -> "fixture run printed:\n" + String.join("\n", lines));
        return results;
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected \"" + part + "\" in:\n" + text);
    }
}
