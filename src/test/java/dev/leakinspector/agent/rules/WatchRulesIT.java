package dev.leakinspector.agent.rules;

import dev.leakinspector.demo.RuleWatchedSession;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * A rule on a class that inherits its method (loaded before the attach, with its superclass) covers
     * that method on every instance of the class and of its subclasses that override it (loaded after
     * the attach), each object once even where an override calls {@code super}, and not the
     * superclass's other subclasses.
     */
    @Test
    void aRuleCoversTheInheritedMethodAndItsOverridesOnInstancesOfItsClassOnly() throws Exception {
        try (TargetProcess target = TargetProcess.start(Jdks.current(), List.of("-Xmx128m"),
                List.of("-cp", AgentFreeClassPath.testClassesOnly(), RuleTarget.class.getName()))) {
            target.awaitLineStartingWith("READY", START);
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(),
                    SessionSettings.defaults().withWatchRules(List.of(RuleSession.RULE)), events);
            try {
                // The first stats come after the rules are installed.
                events.await(Stats.class, stats -> true, START);
                for (String kind : List.of("session", "pooled", "plain", "sibling")) {
                    target.send("release " + kind);
                    target.awaitLineStartingWith("RELEASED " + kind + " ", START);
                }
                long releasedAt = System.currentTimeMillis();
                List<String> sessions = List.of(RuleSession.class.getName(), PooledRuleSession.class.getName(),
                        PlainRuleSession.class.getName());
                for (String className : sessions) {
                    events.await(LeakSuspected.class, leak -> leak.className().equals(className), Duration.ofSeconds(30));
                }
                events.awaitAllChecked(releasedAt, Duration.ofSeconds(30));

                assertEquals(sessions, events.leaks().stream().map(LeakSuspected::className).sorted(
                        Comparator.comparing(sessions::indexOf)).toList(),
                        "each kept session once, the sibling resource not: " + events.leaks());
                assertTrue(events.leaks().stream().allMatch(leak -> leak.trigger().equals("rule " + RuleSession.RULE)),
                        events.leaks().toString());
                assertEquals(List.of(), events.messages().stream().filter(AgentError.class::isInstance).toList());
            } finally {
                session.detach("test finished");
            }
        }
    }
}
