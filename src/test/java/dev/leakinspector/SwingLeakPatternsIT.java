package dev.leakinspector;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.demo.DemoPatterns;
import dev.leakinspector.demo.ExpectedOutcome;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathStep;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.heap.RetentionPath;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LeakExplainer;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.DemoLines;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.PatternOutcomes;
import dev.leakinspector.testing.RecordingListener;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Swing rows of LEAK-PATTERNS.md (8, 8b, 9, 13, 13b, 15), end to end: the demo runs in its own JVM
 * under Xvfb (its JavaFX part on Monocle, its Swing windows on the virtual display), our agent is
 * attached for real, and each pattern must get exactly its outcome (reports, verdicts, escalations,
 * retractions), each report within the grace period plus 3 s of its trigger.
 */
class SwingLeakPatternsIT {
    private static final Map<String, ExpectedOutcome> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("8", ExpectedOutcome.LEAK);
        PATTERNS.put("8b", ExpectedOutcome.NONE);
        PATTERNS.put("9", ExpectedOutcome.RETAINED_THEN_LEAK_X2);
        PATTERNS.put("13", ExpectedOutcome.RETAINED_THEN_LEAK_X3);
        PATTERNS.put("13b", ExpectedOutcome.RETAINED_THEN_REUSED);
        PATTERNS.put("15", ExpectedOutcome.NONE_OR_JDK_HOLD);
    }

    private static final Duration START = Duration.ofSeconds(60);
    /** The script runs ~30 s (9, 13 and 13b wait for reports between their steps). */
    private static final Duration SCRIPT = Duration.ofSeconds(120);
    private static final Duration FOLLOW_UP = Duration.ofSeconds(30);
    private static final long GRACE_MILLIS = SessionSettings.DEFAULT_GRACE_MILLIS;
    /**
     * How far a watch's start may be from the demo's stamp of its trigger: a step is stamped on the JavaFX
     * thread and runs on the event dispatch thread a moment later; a close is stamped once the JavaFX
     * companion window has closed, just after the Swing dispose.
     */
    private static final long TRIGGER_SLACK_MILLIS = 2000;

    @ParameterizedTest(name = "target on JDK {0}")
    @ValueSource(ints = {17, 25})
    void everySwingPatternGetsTheOutcomeTheTableGives(int feature) throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: Swing targets need an X display (apt-get install xvfb xauth)");
        Path java = Jdks.find(feature).orElse(null);
        assumeTrue(java != null, "no JDK " + feature + " is installed here (looked at java.home and /usr/lib/jvm)");
        for (Map.Entry<String, ExpectedOutcome> row : PATTERNS.entrySet()) {
            assertEquals(row.getValue(), DemoPatterns.byId(row.getKey()).orElseThrow().expected(),
                    "the demo's button shows the outcome this test checks, pattern " + row.getKey());
        }

        List<String> jvmArgs = new ArrayList<>(XvfbTarget.HEADLESS_FX_WITH_AWT_DISPLAY);
        jvmArgs.add("-Xmx256m");
        try (XvfbTarget demo = XvfbTarget.start(xvfbRun, java, jvmArgs,
                List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.demo.DemoMain"),
                START, "--script", String.join(",", PATTERNS.keySet()))) {
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            try {
                long doneAt = DemoLines.lastNumber(demo.output().awaitLineStartingWith("DEMO script done", SCRIPT));
                assertTrue(session.hello().toolkits().contains("javafx"), "hello names JavaFX: " + session.hello());
                events.awaitAllChecked(doneAt, FOLLOW_UP);
                // A survivor a toolkit holds for a moment is deferred, not unchecked: give the table's
                // grace + 3 s to every trigger (15's focus comes back 3 s after its close) before counting.
                events.await(Stats.class, stats -> stats.timestampMillis() > doneAt + GRACE_MILLIS + 3000 + 3000, FOLLOW_UP);

                // Every row is checked, and every failing row named, not only the first.
                Map<Long, ExpectedOutcome> outcomeByWatchId = new ConcurrentHashMap<>();
                List<Executable> rows = new ArrayList<>();
                for (Map.Entry<String, ExpectedOutcome> row : PATTERNS.entrySet()) {
                    rows.add(() -> checkRow(events, demo, row.getKey(), row.getValue(), outcomeByWatchId));
                }
                rows.add(() -> {
                    LeakSuspected frame = PatternOutcomes.reportsAbout(events, "8").get(0);
                    assertEquals("javax.swing.JFrame", frame.className());
                    assertEquals(List.of("JFrame \"8 Swing listener\""), frame.viewStack());
                    assertEquals("window disposed", frame.trigger());
                });
                rows.add(() -> {
                    for (LeakSuspected page : PatternOutcomes.reportsAbout(events, "9")) {
                        assertEquals("dev.leakinspector.demo.OrdersForm$OrdersPage", page.className());
                        assertEquals("component removed", page.trigger());
                        assertEquals(List.of("JFrame \"9 Swing panel kept in a static list\"", "JRootPane", "JPanel",
                                "JPanel#form", "OrdersPage#orders"), page.viewStack());
                    }
                });
                rows.add(() -> {
                    for (String id : List.of("13", "13b")) {
                        for (LeakSuspected dialog : PatternOutcomes.reportsAbout(events, id)) {
                            assertEquals("javax.swing.JDialog", dialog.className(), "pattern " + id);
                            assertEquals(List.of("JDialog \"" + id + " Preferences\""), dialog.viewStack(), "pattern " + id);
                        }
                    }
                });
                rows.add(() -> {
                    List<LeakSuspected> held = PatternOutcomes.reportsAbout(events, "15");
                    if (!held.isEmpty()) {
                        assertMarkedAsAJdkHold(session, held);
                    }
                });
                assertAll("the Swing rows of LEAK-PATTERNS.md", rows);

                for (LeakSuspected leak : events.leaks()) {
                    assertTrue(PATTERNS.keySet().stream().anyMatch(id -> PatternOutcomes.isAbout(leak, id)),
                            "a report that belongs to no pattern (the JavaFX windows beside the Swing ones included): " + leak);
                }
                PatternOutcomes.assertNothingElseChanged(events, outcomeByWatchId);
            } finally {
                session.detach("test finished");
            }
        }
    }

    /** One row: its outcome (reports, verdicts, what follows them), and each report's timing. */
    private static void checkRow(RecordingListener events, XvfbTarget demo, String id, ExpectedOutcome outcome,
                                 Map<Long, ExpectedOutcome> outcomeByWatchId) throws InterruptedException {
        List<LeakSuspected> reports = PatternOutcomes.reportsAbout(events, id);
        for (LeakSuspected leak : reports) {
            outcomeByWatchId.put(leak.watchId(), outcome);
        }
        PatternOutcomes.check(events, id, outcome, reports, FOLLOW_UP);
        List<Long> triggers = DemoLines.triggerTimes(demo.output(), id);
        for (LeakSuspected leak : reports) {
            assertTrue(leak.gcConfirmed(), "pattern " + id + ": a GC ran after the grace period: " + leak);
            assertTrue(leak.descendants() > 0, "what it holds is counted under it: " + leak);
            assertOnTime(leak, triggers, "pattern " + id);
        }
    }

    /**
     * Row 15 when the hold had not let go by the time of the report: the report must be the JDK's, not the
     * program's. Checked against the explanation as it is today: the path is JDK code from its root to the
     * window. Still to assert once explanations carry it (the heap side of issue 10, item 6): the
     * explanation's {@code libraryHold} names the hold and its one-line why.
     */
    private static void assertMarkedAsAJdkHold(LiveSession session, List<LeakSuspected> held) throws Exception {
        LeakExplainer.Result result = LeakExplainer.explain(session, held.stream().map(LeakSuspected::watchId).toList(), 1,
                false, ProgressListener.NONE, CancelToken.NEVER);
        for (LeakSuspected leak : held) {
            LeakExplainer.Explanation explanation = result.byWatchId().get(leak.watchId());
            if (explanation.analysis().isEmpty()) {
                continue; // collected by the time of the dump: the hold let go
            }
            ObjectAnalysis analysis = explanation.analysis().get();
            RetentionPath path = analysis.paths().get(0);
            List<PathStep> holders = path.steps().subList(0, path.steps().size() - 1);
            assertTrue(holders.stream().allMatch(step -> isJdkClass(step.className())),
                    "pattern 15 is held by JDK/toolkit code only, so it is reported as a JDK/toolkit hold: "
                            + path.rootDescription() + " | " + path.steps().stream().map(s -> s.className() + " " + s.reference())
                            .collect(Collectors.joining(" | ")));
        }
    }

    private static boolean isJdkClass(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("sun.")
                || className.startsWith("jdk.") || className.startsWith("com.sun.");
    }

    /** The watch started at one of the pattern's triggers, and the report came after its grace period and within 3 s more. */
    private static void assertOnTime(LeakSuspected leak, List<Long> triggers, String row) {
        assertTrue(triggers.stream().anyMatch(t -> Math.abs(leak.watchedAtMillis() - t) <= TRIGGER_SLACK_MILLIS),
                row + ": the watch started at " + leak.watchedAtMillis() + ", at none of the pattern's steps or close " + triggers);
        long latency = leak.reportedAtMillis() - leak.watchedAtMillis();
        assertTrue(latency >= GRACE_MILLIS && latency <= GRACE_MILLIS + 3000, row + ": reported " + latency + " ms after its trigger");
    }
}
