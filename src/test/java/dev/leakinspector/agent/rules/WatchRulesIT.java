package dev.leakinspector.agent.rules;

import dev.leakinspector.demo.RuleWatchedSession;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pattern 11 end to end: the demo runs in its own headless JVM, with a class path that holds none of
 * the agent's classes so the real agent jar (relocated ByteBuddy) is what gets loaded; we attach with
 * the demo's rule plus a rule naming a class that is never loaded. The session class is loaded only
 * when pattern 11 opens, after the agent is watching, so this is the "loaded later" path.
 */
class WatchRulesIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final long GRACE_MILLIS = SessionSettings.DEFAULT_GRACE_MILLIS;
    private static final String NEVER_LOADED_RULE = "com.example.never.LoadedSession#close:this";

    @ParameterizedTest(name = "target on JDK {0}")
    @ValueSource(ints = {17, 25})
    void aClosedSessionKeptInAStaticListIsReportedOnceWithTheRuleAsTrigger(int feature, @TempDir Path directory)
            throws Exception {
        Path java = Jdks.find(feature).orElse(null);
        assumeTrue(java != null, "no JDK " + feature + " is installed here (looked at java.home and /usr/lib/jvm)");
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        jvmArgs.add("-Xmx256m");

        try (TargetProcess demo = TargetProcess.start(java, jvmArgs,
                List.of("-cp", AgentFreeClassPath.demoOnly(directory), "dev.leakinspector.demo.DemoMain"), "--script", "11")) {
            demo.awaitLineStartingWith("DEMO ready", START);
            RecordingListener events = new RecordingListener();
            SessionSettings settings = SessionSettings.defaults()
                    .withWatchRules(List.of(RuleWatchedSession.RULE, NEVER_LOADED_RULE));
            LiveSession session = LiveSession.attach(demo.pid(), settings, events);
            try {
                String closed = demo.awaitLineStartingWith("DEMO closed 11 ", START);
                long closedAt = Long.parseLong(closed.substring("DEMO closed 11 ".length()));
                LeakSuspected leak = events.await(LeakSuspected.class, l -> true, Duration.ofSeconds(30));
                long doneAt = Long.parseLong(demo.awaitLineStartingWith("DEMO script done ", START).split(" ")[3]);
                events.awaitAllChecked(Math.max(doneAt, leak.reportedAtMillis()), Duration.ofSeconds(30));

                assertEquals(List.of(leak), events.leaks(), "exactly one report: the session, not its window");
                assertEquals(RuleWatchedSession.class.getName(), leak.className());
                assertEquals("rule " + RuleWatchedSession.RULE, leak.trigger());
                assertEquals(List.of("RuleWatchedSession"), leak.viewStack());
                assertEquals(0, leak.descendants());
                assertTrue(leak.gcConfirmed(), leak.toString());
                long latency = leak.reportedAtMillis() - closedAt;
                assertTrue(latency >= GRACE_MILLIS && latency <= GRACE_MILLIS + 3000,
                        "reported " + latency + " ms after the session was closed");
                assertEquals(List.of(), events.messages().stream().filter(AgentError.class::isInstance).toList(),
                        "a rule for a class that is never loaded is no problem");
            } finally {
                session.detach("test finished");
            }
        }
    }
}
