package dev.leakinspector.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leakinspector.junit.fixtures.RuleWatchedFixture;
import dev.leakinspector.testing.Jdks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Watch rules in a real JUnit run. This JVM allows attaching to itself (the build's test.jvm.args), so the extension
 * loads the agent into it; {@code LeakInspectorRulesIT} covers a JVM started with {@code -javaagent:}. A JVM with
 * neither is started here to see the setup fail with what to add.
 */
class LeakInspectorRulesTest {
    private static final String FIXTURES = "dev.leakinspector.junit.fixtures.";
    private static final long RUN_TIMEOUT_SECONDS = 120;

    @AfterEach
    void letTheFixturesLeaksGo() {
        RuleWatchedFixture.clear();
    }

    @Test
    void anObjectARuleWatchedFailsItsTestWithTheTraceWhileAReleasedOnePasses() {
        FixtureRun run = FixtureRun.of(FIXTURES + "RuleWatchedFixture", Map.of());

        String message = run.failureOf("keepsAClosedSessionInAStaticList");
        assertContains(message, "leak: " + FIXTURES + "RuleWatchedFixture$Session — rule " + RuleWatchedFixture.RULE);
        assertContains(message, FIXTURES + "RuleWatchedFixture class");
        assertContains(message, "CLOSED_SESSIONS");
        assertContains(message, "╰→ " + FIXTURES + "RuleWatchedFixture$Session instance");
        run.assertPassed("closesASessionAndLetsItGo");
        // Rules are per test: the class's rule was taken out of Session again.
        run.assertPassed("keepsAClosedSessionUnderAnotherRule");
    }

    @Test
    void rulesComeFromThePropertyToo() {
        FixtureRun without = FixtureRun.of(FIXTURES + "PropertyRuleFixture", Map.of());
        without.assertPassed("keepsAClosedSession");

        FixtureRun with = FixtureRun.of(FIXTURES + "PropertyRuleFixture", Map.of(LeakInspectionSettings.RULES_PROPERTY,
                FIXTURES + "Nowhere#open(java.lang.String,int):return, " + RuleWatchedFixture.RULE));
        assertContains(with.failureOf("keepsAClosedSession"), "rule " + RuleWatchedFixture.RULE);
    }

    @Test
    void aRuleThatFitsNoMethodFailsTheTestInsteadOfWatchingNothing() {
        FixtureRun run = FixtureRun.of(FIXTURES + "BadRuleFixture", Map.of());

        String message = run.failureOf("usesAThing");
        assertContains(message, "watch rules did not work");
        assertContains(message, "no method of " + FIXTURES + "BadRuleFixture$Thing fits");
    }

    @Test
    void aMalformedRuleFailsTheSetupNamingIt() {
        FixtureRun run = FixtureRun.of(FIXTURES + "CleanFxFixture",
                Map.of(LeakInspectionSettings.RULES_PROPERTY, "com.acme.Session.close"));

        assertContains(run.failureOf("closesADialog"), "com.acme.Session.close");
    }

    @Test
    void withoutTheAgentTheSetupSaysWhatToAddToTheArgLine() throws Exception {
        List<String> lines = runInAJvmOfItsOwn(FIXTURES + "RuleWatchedFixture");

        String output = String.join("\n", lines);
        assertTrue(lines.contains("RESULT keepsAClosedSessionInAStaticList FAILED"), output);
        assertTrue(lines.contains("RESULT closesASessionAndLetsItGo FAILED"), output);
        assertTrue(lines.contains("RESULT keepsAClosedSessionUnderAnotherRule FAILED"), output);
        assertContains(output, "need the Leak Inspector agent in the test JVM");
        assertContains(output, "argLine");
        assertContains(output, "-javaagent:");
        assertContains(output, "-Djdk.attach.allowAttachSelf=true");
    }

    /** Runs a fixture class in a JVM without the agent and without self-attach; its output lines. */
    private static List<String> runInAJvmOfItsOwn(String fixture) throws Exception {
        Path output = Files.createTempFile("leak-inspector-rules-fixture", ".txt");
        try {
            Process process = new ProcessBuilder(Jdks.current().toString(), "-Xmx256m", "-Djava.awt.headless=true",
                    "-cp", System.getProperty("java.class.path"), FixtureMain.class.getName(), fixture)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the fixture run did not end within " + RUN_TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(output));
            }
            List<String> lines = Files.readAllLines(output);
            assertEquals("END", lines.isEmpty() ? "" : lines.get(lines.size() - 1), () -> String.join("\n", lines));
            return lines;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), () -> "expected \"" + part + "\" in:\n" + text);
    }
}
