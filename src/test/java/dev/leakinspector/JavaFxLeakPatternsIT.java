package dev.leakinspector;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.DemoLines;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every JavaFX row of LEAK-PATTERNS.md, end to end: the demo runs in its own (headless) JVM on each
 * installed JDK, our agent is attached for real, and each pattern must get exactly its outcome,
 * within the grace period plus 3 s of its window closing.
 */
class JavaFxLeakPatternsIT {
    enum Outcome { LEAK, RETAINED, NONE, LEAK_THEN_DEALLOCATED }

    /** One row of the table: the outcome, and for reports the class and view stack they must carry. */
    record Expected(Outcome outcome, String className, List<String> viewStackAfterWindow) {
        static Expected none() {
            return new Expected(Outcome.NONE, null, null);
        }

        static Expected stage(Outcome outcome) {
            return new Expected(outcome, "javafx.stage.Stage", List.of("Scene", "BorderPane"));
        }
    }

    private static final Map<String, Expected> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("1", Expected.stage(Outcome.LEAK));
        PATTERNS.put("1b", Expected.none());
        PATTERNS.put("2", Expected.stage(Outcome.LEAK));
        PATTERNS.put("2b", Expected.none());
        PATTERNS.put("3", Expected.stage(Outcome.LEAK_THEN_DEALLOCATED));
        PATTERNS.put("4", Expected.stage(Outcome.LEAK));
        PATTERNS.put("4b", Expected.none());
        PATTERNS.put("5", Expected.stage(Outcome.LEAK));
        PATTERNS.put("5b", Expected.none());
        // The page is retained, not the window; its view stack is the one it had when it was swapped out. One
        // swapped-out page may be a cache: RETAINED (a second swap would escalate it, see FxVerdictsIT).
        PATTERNS.put("6", new Expected(Outcome.RETAINED, "dev.leakinspector.demo.SwappedPagePattern$OrdersPage",
                List.of("Scene", "BorderPane", "OrdersPage")));
        PATTERNS.put("6b", Expected.none());
        PATTERNS.put("7", Expected.none());
        PATTERNS.put("10", Expected.stage(Outcome.LEAK));
    }

    private static final Duration START = Duration.ofSeconds(60);
    private static final long GRACE_MILLIS = SessionSettings.DEFAULT_GRACE_MILLIS;

    @ParameterizedTest(name = "target on JDK {0}")
    @ValueSource(ints = {17, 25})
    void everyJavaFxPatternGetsTheOutcomeTheTableGives(int feature) throws Exception {
        Path java = Jdks.find(feature).orElse(null);
        assumeTrue(java != null, "no JDK " + feature + " is installed here (looked at java.home and /usr/lib/jvm)");

        try (TargetProcess demo = TargetProcess.startDemo(java, List.of(), "--script", String.join(",", PATTERNS.keySet()))) {
            demo.awaitLineStartingWith("DEMO ready", START);
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            try {
                assertTrue(session.hello().toolkits().contains("javafx"), "hello names the toolkit: " + session.hello());
                long doneAt = DemoLines.lastNumber(demo.awaitLineStartingWith("DEMO script done", START));
                events.awaitAllChecked(doneAt, Duration.ofSeconds(30));
                Map<String, Long> closedAt = DemoLines.closeTimes(demo);

                for (Map.Entry<String, Expected> pattern : PATTERNS.entrySet()) {
                    String id = pattern.getKey();
                    Expected expected = pattern.getValue();
                    List<LeakSuspected> reports = events.leaks().stream().filter(leak -> isAbout(leak, id)).toList();
                    if (expected.outcome() == Outcome.NONE) {
                        assertEquals(List.of(), reports, "pattern " + id + " must not be reported");
                        continue;
                    }
                    assertEquals(1, reports.size(), "pattern " + id + " is one report: " + reports);
                    LeakSuspected leak = reports.get(0);
                    assertEquals(expected.className(), leak.className(), "pattern " + id);
                    assertEquals(expected.viewStackAfterWindow(), leak.viewStack().subList(1, leak.viewStack().size()),
                            "pattern " + id);
                    assertTrue(leak.descendants() > 2, "what it holds is counted under it: " + leak);
                    assertTrue(leak.gcConfirmed(), "pattern " + id);
                    assertEquals(expected.outcome() == Outcome.RETAINED ? Verdict.RETAINED : Verdict.LEAK, leak.verdict(),
                            "pattern " + id);
                    // The demo stamps the close; pattern 6's trigger (the swap) comes a moment before it.
                    long latency = leak.reportedAtMillis() - closedAt.get(id);
                    assertTrue(latency >= GRACE_MILLIS - 100 && latency <= GRACE_MILLIS + 3000,
                            "pattern " + id + " reported " + latency + " ms after its window closed");
                    if (expected.outcome() == Outcome.LEAK_THEN_DEALLOCATED) {
                        ObjectDeallocated retraction = events.await(ObjectDeallocated.class,
                                d -> d.watchId() == leak.watchId(), Duration.ofSeconds(30));
                        assertTrue(retraction.afterMillis() >= 3500, "released by the ~4 s delayed call: " + retraction);
                    }
                }
                for (LeakSuspected leak : events.leaks()) {
                    assertTrue(PATTERNS.keySet().stream().anyMatch(id -> isAbout(leak, id)),
                            "a report that belongs to no pattern (a false positive): " + leak);
                }
                for (ObjectDeallocated retraction : events.deallocations()) {
                    LeakSuspected leak = events.leaks().stream().filter(l -> l.watchId() == retraction.watchId())
                            .findFirst().orElseThrow();
                    assertTrue(isAbout(leak, "3"), "only pattern 3 is retracted, not " + leak);
                }
            } finally {
                session.detach("test finished");
            }
        }
    }

    /**
     * JavaFX as named modules on the module path (Monocle patched into javafx.graphics, as JavaFX's
     * own headless tests do) instead of on the class path: the agent must find and bind to it too.
     */
    @Test
    void javaFxOnTheModulePathIsWatchedToo() throws Exception {
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        String modulePath = classPath.stream().filter(entry -> entry.contains("/org/openjfx/")).collect(Collectors.joining(File.pathSeparator));
        String monocle = classPath.stream().filter(entry -> entry.contains("monocle")).findFirst().orElseThrow();
        String rest = classPath.stream().filter(entry -> !entry.contains("/org/openjfx/") && !entry.contains("monocle"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        jvmArgs.addAll(List.of("--module-path", modulePath, "--add-modules", "javafx.controls",
                "--patch-module", "javafx.graphics=" + monocle));

        try (TargetProcess demo = TargetProcess.start(Jdks.current(), jvmArgs,
                List.of("-cp", rest, "dev.leakinspector.demo.DemoMain"), "--script", "1,1b")) {
            demo.awaitLineStartingWith("DEMO ready", START);
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            try {
                long doneAt = DemoLines.lastNumber(demo.awaitLineStartingWith("DEMO script done", START));
                events.awaitAllChecked(doneAt, Duration.ofSeconds(30));
                assertEquals(1, events.leaks().stream().filter(leak -> isAbout(leak, "1")).count(), events.messages().toString());
                assertEquals(0, events.leaks().stream().filter(leak -> isAbout(leak, "1b")).count(), events.messages().toString());
            } finally {
                session.detach("test finished");
            }
        }
    }

    private static boolean isAbout(LeakSuspected leak, String patternId) {
        return !leak.viewStack().isEmpty() && leak.viewStack().get(0).startsWith("Stage \"" + patternId + " ");
    }


}
