package dev.leakinspector.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakinspector.junit.fixtures.RuleWatchedFixture;
import dev.leakinspector.testing.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Watch rules the supported way: a test JVM started with {@code -javaagent:leak-inspector-agent.jar} (the built agent
 * jar, no options) and not allowed to attach to itself, running the rule fixture through the JUnit Platform launcher
 * ({@link FixtureMain}).
 */
class LeakInspectorRulesIT {
    private static final String FIXTURE = "dev.leakinspector.junit.fixtures.RuleWatchedFixture";
    private static final long RUN_TIMEOUT_SECONDS = 120;

    @Test
    void aJvmStartedWithTheAgentRunsRulesQuietlyAndFailsTheLeakyTestWithTheTrace() throws Exception {
        Path agentJar = Path.of(System.getProperty("leakinspector.agentJar", "target/leak-inspector-agent.jar"));
        assertTrue(Files.isRegularFile(agentJar), "no agent jar at " + agentJar + " (built by package)");
        Path output = Files.createTempFile("leak-inspector-rules-it", ".txt");
        try {
            Process process = new ProcessBuilder(Jdks.current().toString(), "-javaagent:" + agentJar.toAbsolutePath(),
                    "-Xmx256m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    FixtureMain.class.getName(), FIXTURE)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the fixture run did not end within " + RUN_TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(output));
            }
            List<String> lines = Files.readAllLines(output);
            String all = String.join("\n", lines);
            assertEquals("END", lines.get(lines.size() - 1), all);
            assertTrue(lines.contains("RESULT keepsAClosedSessionInAStaticList FAILED"), all);
            assertContains(all, "| 1) leak: " + FIXTURE + "$Session — rule " + RuleWatchedFixture.RULE);
            assertContains(all, FIXTURE + " class");
            assertContains(all, "CLOSED_SESSIONS");
            assertContains(all, "╰→ " + FIXTURE + "$Session instance");
            assertTrue(lines.contains("RESULT closesASessionAndLetsItGo SUCCESSFUL"), all);
            assertTrue(lines.contains("RESULT keepsAClosedSessionUnderAnotherRule SUCCESSFUL"), all);
            // Started without options, the agent only keeps its instrumentation: no warning, no self-attach.
            assertFalse(all.contains("not started"), all);
            assertFalse(all.toLowerCase().contains("warning"), all);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected \"" + part + "\" in:\n" + text);
    }
}
