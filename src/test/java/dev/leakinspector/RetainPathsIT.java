package dev.leakinspector;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.ChangeHint;
import dev.leakinspector.heap.ChangeHints;
import dev.leakinspector.heap.GcRootKind;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.LeakAnalyzer;
import dev.leakinspector.heap.LeakTraceText;
import dev.leakinspector.heap.LeakingStatus;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.ObjectSelector;
import dev.leakinspector.heap.PathStep;
import dev.leakinspector.heap.PathVerdict;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.heap.RetentionPath;
import dev.leakinspector.protocol.HeapDumpReady;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.HeapDumpFiles;
import dev.leakinspector.session.LeakExplainer;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.PlainTarget;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Why each leak of the demo is alive: one heap dump written by the agent on request, analysed for
 * every reported watch; the shortest path must contain the references LEAK-PATTERNS.md's last
 * column names, and the dump must be gone afterwards.
 */
class RetainPathsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** For each leaking pattern, the references (in order) its shortest path must pass through. */
    private static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("1", List.of("static AppModel.INSTANCE", "AppModel.status", "ExpressionHelper", "StatusController.stage"));
        EXPECTED.put("2", List.of("static TransferRegistry.ACTIVE", "TransferClient.delegate", "UploadDialog.stage"));
        EXPECTED.put("4", List.of("local variable in thread \"demo-heartbeat\"", "DelayedWorkQueue.queue", "HeartbeatView.stage"));
        EXPECTED.put("5", List.of("static Toolkit.TOOLKIT", "AbstractPrimaryTimer.receivers", "Timeline", "Node.scene"));
        EXPECTED.put("6", List.of("static SwappedPagePattern$PageCache.PAGES", "ArrayList.elementData"));
        EXPECTED.put("8", List.of("static AppSettings.INSTANCE", "AppSettings.listeners", "PropertyChangeListener[",
                "LeakyThemePanel", "Component.parent"));
        EXPECTED.put("10", List.of("thread \"demo-pool\"", "Thread.threadLocals", "Entry.value", "ReportView.stage"));
        // The first detail pane dropped; the model keeps it through its listener list.
        EXPECTED.put("17", List.of("static AppModel.INSTANCE", "AppModel.status", "ExpressionHelper", "MasterDetailPattern$DetailPane"));
    }

    /** What to change for the patterns whose kind the table names: remove a listener, cancel, stop, remove an entry. */
    private static final Map<String, ChangeHint.Kind> CHANGE_KINDS = Map.of("1", ChangeHint.Kind.LISTENER,
            "4", ChangeHint.Kind.EXECUTOR, "5", ChangeHint.Kind.ANIMATION, "6", ChangeHint.Kind.STATIC_COLLECTION,
            "8", ChangeHint.Kind.LISTENER, "10", ChangeHint.Kind.THREAD_LOCAL, "17", ChangeHint.Kind.LISTENER);

    @Test
    void thePathsOfTheDemosLeaksNameTheReferencesTheTableDescribes() throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: pattern 8 needs an X display (.ci/run installs it)");
        List<String> jvmArgs = new ArrayList<>(XvfbTarget.HEADLESS_FX_WITH_AWT_DISPLAY);
        jvmArgs.add("-Xmx256m");
        try (XvfbTarget demo = XvfbTarget.start(xvfbRun, Jdks.current(), jvmArgs,
                List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.demo.DemoMain"), TIMEOUT,
                "--script", String.join(",", EXPECTED.keySet()))) {
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            try {
                Map<String, Long> watchIds = new LinkedHashMap<>();
                for (String id : EXPECTED.keySet()) {
                    LeakSuspected leak = events.await(LeakSuspected.class,
                            l -> l.viewStack().get(0).matches("(Stage|JFrame) \"" + id + " .*"), TIMEOUT);
                    watchIds.put(id, leak.watchId());
                }

                LeakExplainer.Result result = LeakExplainer.explain(session, List.copyOf(watchIds.values()), 3, false,
                        ProgressListener.NONE, CancelToken.NEVER);

                assertFalse(Files.exists(result.dumpFile()), "the dump is deleted after the analysis: " + result.dumpFile());
                assertFalse(Files.exists(result.dumpFile().getParent()), "and its private directory too");
                for (Map.Entry<String, Long> pattern : watchIds.entrySet()) {
                    LeakExplainer.Explanation explanation = result.byWatchId().get(pattern.getValue());
                    ObjectAnalysis analysis = explanation.analysis().orElseThrow(
                            () -> new AssertionError("pattern " + pattern.getKey() + ": " + explanation.note()));
                    String path = describe(analysis.paths().get(0));
                    int from = 0;
                    for (String reference : EXPECTED.get(pattern.getKey())) {
                        int at = path.indexOf(reference, from);
                        assertTrue(at >= 0, "pattern " + pattern.getKey() + ": '" + reference + "' (in order) on " + path);
                        from = at + reference.length();
                    }
                    assertTrue(analysis.paths().get(0).steps().stream().anyMatch(step -> step.suspect()),
                            "pattern " + pattern.getKey() + " marks the references to cut: " + path);
                    // every one of these is kept by a listener list, a static collection, a thread, executor or animation
                    assertEquals(PathVerdict.LEAK, analysis.pathVerdict(),
                            "pattern " + pattern.getKey() + ": " + analysis.pathVerdictReason() + " on " + path);
                    assertEquals(java.util.Optional.empty(), analysis.libraryHold(), "pattern " + pattern.getKey());
                    ChangeHint.Kind kind = CHANGE_KINDS.get(pattern.getKey());
                    if (kind != null) {
                        assertEquals(kind, ChangeHints.of(analysis).map(ChangeHint::kind).orElse(null),
                                "pattern " + pattern.getKey() + ": " + ChangeHints.of(analysis) + " on " + path);
                    }
                }
            } finally {
                session.detach("test finished");
            }
        }
    }

    /**
     * LEAK-PATTERNS row 14 on a real dump: the AWT event thread is inside a handler holding the leaked view's holder in
     * a local when the heap is dumped. The explanation's first path starts at the static field; the event thread's
     * path, shorter, comes later, marked transient.
     */
    @Test
    void aDumpTakenMidEventExplainsFromTheStaticFieldAndMarksTheEventThreadsLocalTransient() throws Exception {
        for (Path java : targetJdks()) {
            aDumpTakenMidEvent(java);
        }
    }

    /** The JDK this test runs on and, when installed, JDK 25: dumps of both must read the same. */
    private static List<Path> targetJdks() {
        List<Path> out = new ArrayList<>(List.of(Jdks.current()));
        Jdks.find(25).filter(p -> !p.equals(Jdks.current())).ifPresent(out::add);
        return out;
    }

    private static void aDumpTakenMidEvent(Path java) throws Exception {
        try (TargetProcess target = TargetProcess.start(java, List.of("-Xmx128m", "-Djava.awt.headless=true"),
                "dev.leakinspector.heap.MidEventTarget");
             HeapDumpFiles files = HeapDumpFiles.createPrivate()) {
            target.awaitLineStartingWith("IN HANDLER", TIMEOUT);
            Path dump = files.newDumpPath(target.pid());
            target.send("dump " + dump);
            target.awaitLineStartingWith("DUMPED", TIMEOUT);
            target.send("exit");
            try (HprofIndex index = HeapDump.open(dump, ProgressListener.NONE, CancelToken.NEVER)) {
                ObjectAnalysis analysis = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER)
                        .analyze(ObjectSelector.byClass("dev.leakinspector.heap.MidEventTarget$LeakedView"), 3).get(0);
                RetentionPath first = analysis.paths().get(0);
                assertFalse(first.isTransient(), describe(first));
                assertEquals("static MidEventTarget$Registry.holder", first.steps().get(1).reference(), describe(first));
                assertFalse(analysis.onlyTransientPaths());
                RetentionPath local = analysis.paths().stream().filter(RetentionPath::isTransient).findFirst()
                        .orElseThrow(() -> new AssertionError("the event thread's local is kept as a transient path: "
                                + analysis.paths().stream().map(RetainPathsIT::describe).toList()));
                assertEquals(GcRootKind.JAVA_FRAME, local.rootKind());
                assertTrue(local.transientReason().matches("local variable in thread \"AWT-EventQueue-\\d+\" at "
                        + "dev\\.leakinspector\\.heap\\.MidEventTarget\\.handleClick\\(MidEventTarget\\.java:\\d+\\), captured mid-event"),
                        local.transientReason());
                assertTrue(local.length() < first.length(), "the local is nearer, yet it comes after: " + describe(local));
                assertEquals("dev.leakinspector.heap.MidEventTarget$ViewHolder", local.steps().get(0).className());
                assertTrue(first.steps().stream().anyMatch(PathStep::suspect), describe(first));
                assertTrue(LeakTraceText.format(List.of(analysis)).contains("│ transient: local variable in thread \"AWT-EventQueue-"));
            }
        }
    }

    /**
     * Leaking status read from a real dump's fields: the main panel of a showing window (a JavaFX node in a showing
     * window's scene) is not leaking, so the only suspect is its reference to what it keeps; the panel of a closed
     * window decides nothing.
     */
    @Test
    void theMainPanelOfAShowingFxWindowIsNotLeaking() throws Exception {
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        jvmArgs.add("-Xmx128m");
        for (Path java : targetJdks()) {
            try (TargetProcess target = TargetProcess.start(java, jvmArgs, "dev.leakinspector.heap.ShowingTarget", "fx")) {
                assertShowingPanelIsNotLeaking(target, target.pid(), "node is in the scene of a showing window");
            }
        }
    }

    /** As {@link #theMainPanelOfAShowingFxWindowIsNotLeaking}, for a Swing window under Xvfb. */
    @Test
    void theMainPanelOfAShowingSwingWindowIsNotLeaking() throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: a showing Swing window needs an X display");
        for (Path java : targetJdks()) {
            try (XvfbTarget target = XvfbTarget.start(xvfbRun, java, List.of("-Xmx128m"),
                    List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.heap.ShowingTarget"), TIMEOUT, "swing")) {
                assertShowingPanelIsNotLeaking(target.output(), target.pid(), "component is showing in a showing window");
            }
        }
    }

    private static void assertShowingPanelIsNotLeaking(TargetProcess target, long pid, String reason) throws Exception {
        target.awaitLineStartingWith("SHOWN", TIMEOUT);
        try (HeapDumpFiles files = HeapDumpFiles.createPrivate()) {
            Path dump = files.newDumpPath(pid);
            target.send("dump " + dump);
            target.awaitLineStartingWith("DUMPED", TIMEOUT);
            target.send("exit");
            try (HprofIndex index = HeapDump.open(dump, ProgressListener.NONE, CancelToken.NEVER)) {
                LeakAnalyzer analyzer = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER);
                RetentionPath shown = analyzer.analyze(ObjectSelector.byClass("dev.leakinspector.heap.ShowingTarget$ShownView"), 1)
                        .get(0).paths().get(0);
                PathStep panel = shown.steps().get(shown.steps().size() - 2);
                assertEquals("static ShowingTarget$Registry.main", shown.steps().get(1).reference(), describe(shown));
                assertEquals(LeakingStatus.NO, panel.leaking(), describe(shown));
                assertEquals(reason, panel.leakingReason());
                assertEquals(List.of(shown.steps().size() - 1), suspects(shown), describe(shown));
                RetentionPath gone = analyzer.analyze(ObjectSelector.byClass("dev.leakinspector.heap.ShowingTarget$GoneView"), 1)
                        .get(0).paths().get(0);
                PathStep gonePanel = gone.steps().get(gone.steps().size() - 2);
                assertEquals(LeakingStatus.UNKNOWN, gonePanel.leaking(), describe(gone));
                assertTrue(gonePanel.suspect(), describe(gone));
            }
        }
    }

    /**
     * LEAK-PATTERNS row 15 on a real dump: a window disposed cleanly is kept only by Swing's tooltip manager (the
     * mouse was over its button). The explanation is marked as that JDK/toolkit hold, blames nothing on the program.
     */
    @Test
    void aClosedWindowOnlyTheTooltipManagerKeepsIsMarkedAsAJdkHold() throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: a Swing window needs an X display");
        for (Path java : targetJdks()) {
            try (XvfbTarget target = XvfbTarget.start(xvfbRun, java, List.of("-Xmx128m"),
                    List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.heap.ToolkitHoldTarget"), TIMEOUT);
                 HeapDumpFiles files = HeapDumpFiles.createPrivate()) {
                target.output().awaitLineStartingWith("CLOSED", TIMEOUT);
                Path dump = files.newDumpPath(target.pid());
                target.output().send("dump " + dump);
                target.output().awaitLineStartingWith("DUMPED", TIMEOUT);
                target.output().send("exit");
                try (HprofIndex index = HeapDump.open(dump, ProgressListener.NONE, CancelToken.NEVER)) {
                    ObjectAnalysis analysis = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER)
                            .analyze(ObjectSelector.byClass("dev.leakinspector.heap.ToolkitHoldTarget$ClosedFrame"), 3).get(0);
                    String paths = analysis.paths().stream().map(RetainPathsIT::describe).toList().toString();
                    assertTrue(analysis.libraryHold().isPresent(), java + ": " + paths);
                    assertTrue(analysis.libraryHold().get().pattern().startsWith("field javax.swing.ToolTipManager."),
                            analysis.libraryHold().get().pattern());
                    RetentionPath first = analysis.paths().get(0);
                    assertTrue(first.steps().stream().noneMatch(PathStep::suspect), describe(first));
                    assertTrue(first.steps().stream().anyMatch(PathStep::libraryHold), describe(first));
                    assertEquals(PathVerdict.UNDECIDED, analysis.pathVerdict());
                    assertTrue(LeakTraceText.format(List.of(analysis)).contains("JDK/toolkit hold: "
                            + analysis.libraryHold().get().why()));
                }
            }
        }
    }

    private static List<Integer> suspects(RetentionPath path) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < path.steps().size(); i++) {
            if (path.steps().get(i).suspect()) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void aHeapDumpRequestToATargetThatExitsMeanwhileEndsInAClearMessage() throws Exception {
        try (TargetProcess target = TargetProcess.start(Jdks.current(), List.of("-Xmx1g"), PlainTarget.class.getName());
             HeapDumpFiles files = HeapDumpFiles.createPrivate()) {
            target.awaitLineStartingWith("READY", TIMEOUT);
            target.send("allocate 400");
            target.awaitLineStartingWith("ALLOCATED", TIMEOUT);
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            events.await(Stats.class, stats -> true, TIMEOUT);

            CompletableFuture<HeapDumpReady> dump = session.requestHeapDump(files.newDumpPath(target.pid()));
            target.process().destroyForcibly();
            ExecutionException failure = assertThrows(ExecutionException.class, () -> dump.get(60, TimeUnit.SECONDS));
            assertEquals("process " + target.pid() + " exited before its heap dump was written", failure.getCause().getMessage());
        }
    }

    private static String describe(RetentionPath path) {
        return path.rootDescription() + " | " + path.steps().stream()
                .map(step -> step.className() + " " + step.reference()).collect(Collectors.joining(" | "));
    }
}
