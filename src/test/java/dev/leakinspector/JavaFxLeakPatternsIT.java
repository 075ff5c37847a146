package dev.leakinspector;

import dev.leakinspector.demo.DemoPatterns;
import dev.leakinspector.demo.ExpectedOutcome;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.GcRootKind;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.heap.RetentionPath;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LeakExplainer;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.DemoLines;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.PatternOutcomes;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every JavaFX row of LEAK-PATTERNS.md, end to end: the demo runs in its own (headless) JVM on each
 * installed JDK, our agent is attached for real, and each pattern must get exactly its outcome: how
 * many reports, their verdicts, the escalations and retractions that follow, each report within the
 * grace period plus 3 s of its trigger, with the class and view stack the row describes.
 */
class JavaFxLeakPatternsIT {
    /** One row of the table: the outcome, and for reports the class and view stack (after the window crumb) they carry. */
    record Expected(ExpectedOutcome outcome, String className, List<String> viewStackAfterWindow) {
        static Expected none() {
            return new Expected(ExpectedOutcome.NONE, null, null);
        }

        static Expected stage(ExpectedOutcome outcome) {
            return new Expected(outcome, "javafx.stage.Stage", List.of("Scene", "BorderPane"));
        }

        static Expected page(ExpectedOutcome outcome, Class<?> page) {
            return new Expected(outcome, page.getName(), List.of("Scene", "BorderPane", page.getSimpleName()));
        }
    }

    private static final String DEMO = "dev.leakinspector.demo.";
    private static final Map<String, Expected> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("1", Expected.stage(ExpectedOutcome.LEAK));
        PATTERNS.put("1b", Expected.none());
        PATTERNS.put("2", Expected.stage(ExpectedOutcome.LEAK));
        PATTERNS.put("2b", Expected.none());
        PATTERNS.put("3", Expected.stage(ExpectedOutcome.LEAK_THEN_DEALLOCATED));
        PATTERNS.put("4", Expected.stage(ExpectedOutcome.LEAK));
        PATTERNS.put("4b", Expected.none());
        PATTERNS.put("5", Expected.stage(ExpectedOutcome.LEAK));
        PATTERNS.put("5b", Expected.none());
        // The pages leak, not the window; each view stack is the one the page had when it was swapped out.
        PATTERNS.put("6", new Expected(ExpectedOutcome.RETAINED_THEN_LEAK_X2, DEMO + "SwappedPagePattern$OrdersPage",
                List.of("Scene", "BorderPane", "OrdersPage")));
        PATTERNS.put("6c", new Expected(ExpectedOutcome.RETAINED_THEN_REUSED, DEMO + "ReusingPageCachePattern$ProductsPage",
                List.of("Scene", "BorderPane", "ProductsPage")));
        PATTERNS.put("6b", Expected.none());
        PATTERNS.put("7", Expected.none());
        PATTERNS.put("10", Expected.stage(ExpectedOutcome.LEAK));
        // The old form only; the controls moved out of it into the shown card are never reported.
        PATTERNS.put("12", new Expected(ExpectedOutcome.RETAINED_THEN_DEALLOCATED, DEMO + "MovedChildrenPattern$ContactForm",
                List.of("Scene", "BorderPane", "ContactForm")));
        // Both views are plain VBoxes in a tab; the stacks are checked below (they must tell the pages apart).
        PATTERNS.put("16", new Expected(ExpectedOutcome.TWO_REPORTS_TOLD_APART, "javafx.scene.layout.VBox", null));
        PATTERNS.put("17", new Expected(ExpectedOutcome.RETAINED_THEN_LEAK_X3, DEMO + "MasterDetailPattern$DetailPane", null));
    }

    private static final Duration START = Duration.ofSeconds(60);
    /** The script runs ~45 s (6, 6c, 12 and 17 wait for reports between their steps). */
    private static final Duration SCRIPT = Duration.ofSeconds(150);
    private static final Duration FOLLOW_UP = Duration.ofSeconds(30);
    private static final long GRACE_MILLIS = SessionSettings.DEFAULT_GRACE_MILLIS;
    /** How far a watch's start may be from the demo's stamp of the step or close that triggered it. */
    private static final long TRIGGER_SLACK_MILLIS = 1000;

    @ParameterizedTest(name = "target on JDK {0}")
    @ValueSource(ints = {17, 25})
    void everyJavaFxPatternGetsTheOutcomeTheTableGives(int feature) throws Exception {
        Path java = Jdks.find(feature).orElse(null);
        assumeTrue(java != null, "no JDK " + feature + " is installed here (looked at java.home and /usr/lib/jvm)");
        for (Map.Entry<String, Expected> row : PATTERNS.entrySet()) {
            assertEquals(row.getValue().outcome(), DemoPatterns.byId(row.getKey()).orElseThrow().expected(),
                    "the demo's button shows the outcome this test checks, pattern " + row.getKey());
        }

        try (TargetProcess demo = TargetProcess.startDemo(java, List.of(), "--script", String.join(",", PATTERNS.keySet()))) {
            demo.awaitLineStartingWith("DEMO ready", START);
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            try {
                assertTrue(session.hello().toolkits().contains("javafx"), "hello names the toolkit: " + session.hello());
                long doneAt = DemoLines.lastNumber(demo.awaitLineStartingWith("DEMO script done", SCRIPT));
                events.awaitAllChecked(doneAt, FOLLOW_UP);

                // Every row is checked, and every failing row named, not only the first.
                Map<Long, ExpectedOutcome> outcomeByWatchId = new ConcurrentHashMap<>();
                List<Executable> rows = new ArrayList<>();
                for (Map.Entry<String, Expected> pattern : PATTERNS.entrySet()) {
                    rows.add(() -> checkRow(events, demo, pattern.getKey(), pattern.getValue(), outcomeByWatchId));
                }
                rows.add(() -> assertTabbedPagesToldApart(PatternOutcomes.reportsAbout(events, "16")));
                rows.add(() -> {
                    for (LeakSuspected detail : PatternOutcomes.reportsAbout(events, "17")) {
                        assertEquals("DetailPane", detail.viewStack().get(detail.viewStack().size() - 1), "pattern 17: " + detail);
                    }
                });
                rows.add(() -> assertMovedChildrenNeverReported(events));
                assertAll("the JavaFX rows of LEAK-PATTERNS.md", rows);

                for (LeakSuspected leak : events.leaks()) {
                    assertTrue(PATTERNS.keySet().stream().anyMatch(id -> PatternOutcomes.isAbout(leak, id)),
                            "a report that belongs to no pattern (a false positive): " + leak);
                }
                PatternOutcomes.assertNothingElseChanged(events, outcomeByWatchId);
            } finally {
                session.detach("test finished");
            }
        }
    }

    /**
     * Row 14: a heap dump taken while the JavaFX thread is inside a handler that holds the leaked window's
     * holder in a local variable. The report is as in row 1 (a closed window behind a static list); the
     * explanation's first path must start at the durable root, the static list, and the path from the
     * handler's frame (transient) must come later.
     */
    @Test
    void aDumpTakenMidEventExplainsFromTheStaticFieldFirst() throws Exception {
        try (TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of(), "--script", "14")) {
            demo.awaitLineStartingWith("DEMO ready", START);
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            try {
                LeakSuspected leak = events.await(LeakSuspected.class, l -> PatternOutcomes.isAbout(l, "14"), START);
                PatternOutcomes.check(events, "14", ExpectedOutcome.LEAK, List.of(leak), FOLLOW_UP);
                assertEquals("javafx.stage.Stage", leak.className());

                demo.awaitLineStartingWith("DEMO step 14 busy ", START);
                long requestedAt = System.currentTimeMillis();
                LeakExplainer.Result result = LeakExplainer.explain(session, List.of(leak.watchId()), 3, false,
                        ProgressListener.NONE, CancelToken.NEVER);
                long dumpWrittenBy = requestedAt + result.timingsMillis().get("dump");
                long idleAt = DemoLines.lastNumber(demo.awaitLineStartingWith("DEMO step 14 idle ", START));
                assumeTrue(idleAt > dumpWrittenBy, "precondition: the dump must be written while the handler runs (written by "
                        + dumpWrittenBy + ", handler ended " + idleAt + "): this machine is too slow for the test");

                ObjectAnalysis analysis = result.byWatchId().get(leak.watchId()).analysis()
                        .orElseThrow(() -> new AssertionError(result.byWatchId().get(leak.watchId()).note()));
                List<String> paths = analysis.paths().stream().map(JavaFxLeakPatternsIT::describe).toList();
                RetentionPath first = analysis.paths().get(0);
                assertTrue(Set.of(GcRootKind.CLASS, GcRootKind.STICKY_CLASS).contains(first.rootKind())
                                && describe(first).contains("static MidEventDumpPattern$Inspectors.ACTIVE"),
                        "the first path starts at the static list, not at the UI thread's local: " + paths);
                List<RetentionPath> fromTheHandler = analysis.paths().stream()
                        .filter(path -> path.rootKind() == GcRootKind.JAVA_FRAME
                                && path.rootDescription().contains("JavaFX Application Thread"))
                        .toList();
                assertTrue(!fromTheHandler.isEmpty() && analysis.paths().indexOf(fromTheHandler.get(0)) > 0,
                        "the path from the handler's local is kept, after the durable one: " + paths);
                // Still to assert once the explanation marks transient roots (the heap side of issue 10, item 6):
                // fromTheHandler.get(0) is marked transient.
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
                events.awaitAllChecked(doneAt, FOLLOW_UP);
                assertEquals(1, PatternOutcomes.reportsAbout(events, "1").size(), events.messages().toString());
                assertEquals(0, PatternOutcomes.reportsAbout(events, "1b").size(), events.messages().toString());
            } finally {
                session.detach("test finished");
            }
        }
    }

    /** One row: its outcome (reports, verdicts, what follows them), and each report's class, view stack and timing. */
    private static void checkRow(RecordingListener events, TargetProcess demo, String id, Expected expected,
                                 Map<Long, ExpectedOutcome> outcomeByWatchId) throws InterruptedException {
        List<LeakSuspected> reports = PatternOutcomes.reportsAbout(events, id);
        for (LeakSuspected leak : reports) {
            outcomeByWatchId.put(leak.watchId(), expected.outcome());
        }
        PatternOutcomes.check(events, id, expected.outcome(), reports, FOLLOW_UP);
        List<Long> triggers = DemoLines.triggerTimes(demo, id);
        for (LeakSuspected leak : reports) {
            assertEquals(expected.className(), leak.className(), "pattern " + id);
            if (expected.viewStackAfterWindow() != null) {
                assertEquals(expected.viewStackAfterWindow(), leak.viewStack().subList(1, leak.viewStack().size()),
                        "pattern " + id);
            }
            boolean window = leak.className().equals("javafx.stage.Stage");
            assertTrue(leak.descendants() > (window ? 2 : 0), "what it holds is counted under it: " + leak);
            assertTrue(leak.gcConfirmed(), "pattern " + id + ": a GC ran after the grace period: " + leak);
            assertOnTime(leak, triggers, "pattern " + id);
        }
    }

    /**
     * Row 12: the old form was collected after the delayed task let it go; the controls moved out of it
     * were on screen then, and must not be reported as its orphans. Orphans are looked for right after the
     * collection: the agent gets a few seconds past the retraction before the reports are counted again.
     */
    private static void assertMovedChildrenNeverReported(RecordingListener events) throws InterruptedException {
        List<LeakSuspected> reports = PatternOutcomes.reportsAbout(events, "12");
        assertTrue(!reports.isEmpty(), "pattern 12: the old form is reported");
        LeakSuspected oldForm = reports.stream().filter(r -> r.className().endsWith("$ContactForm")).findFirst()
                .orElseThrow(() -> new AssertionError("pattern 12: the old form is reported: " + reports));
        ObjectDeallocated released = events.await(ObjectDeallocated.class, d -> d.watchId() == oldForm.watchId(), FOLLOW_UP);
        assertTrue(released.afterMillis() >= 5_500, "held ~6 s by the delayed task: " + released);
        long settled = System.currentTimeMillis() + 4_000;
        events.await(Stats.class, stats -> stats.timestampMillis() > settled, FOLLOW_UP);
        assertEquals(List.of(oldForm), PatternOutcomes.reportsAbout(events, "12"),
                "pattern 12: only the old form is reported, never the controls moved onto the screen");
    }

    /** Row 16: the two views (both a VBox in a tab) carry stacks that say which page each one is. */
    private static void assertTabbedPagesToldApart(List<LeakSuspected> pages) {
        assertEquals(2, pages.size(), "pattern 16: " + pages);
        long invoices = pages.stream().filter(p -> names(p, "Invoices") && !names(p, "Customers")).count();
        long customers = pages.stream().filter(p -> names(p, "Customers") && !names(p, "Invoices")).count();
        assertTrue(invoices == 1 && customers == 1,
                "pattern 16: one stack names the Invoices page (its class or tab title), the other the Customers page: "
                        + pages.stream().map(LeakSuspected::viewStack).toList());
    }

    private static boolean names(LeakSuspected report, String page) {
        return report.viewStack().stream().skip(1).anyMatch(crumb -> crumb.contains(page));
    }

    /** The watch started at one of the pattern's triggers, and the report came after its grace period and within 3 s more. */
    private static void assertOnTime(LeakSuspected leak, List<Long> triggers, String row) {
        assertTrue(triggers.stream().anyMatch(t -> Math.abs(leak.watchedAtMillis() - t) <= TRIGGER_SLACK_MILLIS),
                row + ": the watch started at " + leak.watchedAtMillis() + ", at none of the pattern's steps or close " + triggers);
        long latency = leak.reportedAtMillis() - leak.watchedAtMillis();
        assertTrue(latency >= GRACE_MILLIS && latency <= GRACE_MILLIS + 3000, row + ": reported " + latency + " ms after its trigger");
    }

    private static String describe(RetentionPath path) {
        return path.rootKind() + " " + path.rootDescription() + " | " + path.steps().stream()
                .map(step -> step.className() + " " + step.reference()).collect(Collectors.joining(" | "));
    }
}
