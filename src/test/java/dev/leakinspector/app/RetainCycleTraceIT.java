package dev.leakinspector.app;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.app.graph.FxGraphs;
import dev.leakinspector.app.graph.RetainGraphView;
import dev.leakinspector.app.trace.LeakTraceView;
import dev.leakinspector.app.trace.TracePath;
import dev.leakinspector.app.trace.TraceStep;
import dev.leakinspector.graph.GraphFolding;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.heap.LeakTraceText;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.RetentionPath;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Retain Cycle window opens on the leak trace of a real leak with a big graph: the demo's pattern 13 (a Swing
 * preferences dialog full of controls, hidden by Cancel and kept) in its own JVM under xvfb-run, attached for real,
 * its heap dump
 * analysed. The trace is the first thing in the window (above the graph), lists the durable path first from its GC
 * root down to the leaked dialog, marks the suspect references; a click on a step selects its object in the graph,
 * a click on an object in the graph selects its step, the arrow keys move through the steps, and Ctrl+C copies the
 * trace as the command line prints it.
 */
class RetainCycleTraceIT {
    private static final Duration START = Duration.ofSeconds(90);
    private static final String PATTERN = System.getProperty("trace.pattern", "13");
    /** Pattern 13 opens and cancels its dialog three times. */
    private static final int DIALOGS = 3;

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forIntegrationTests();

    @Test
    void opensOnTheTraceOfTheDurablePathAndSelectsAcrossTraceAndGraph() throws Exception {
        ExecutorService background = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "retain-cycle-trace-it");
            t.setDaemon(true);
            return t;
        });
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: the demo's Swing dialog needs an X display");
        List<String> jvmArgs = new ArrayList<>(XvfbTarget.HEADLESS_FX_WITH_AWT_DISPLAY);
        jvmArgs.add("-Xmx256m");
        XvfbTarget demo = XvfbTarget.start(xvfbRun, Jdks.current(), jvmArgs,
                List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.demo.DemoMain"), START,
                "--script", PATTERN);
        LiveSession session = null;
        Stage stage = null;
        try {
            RecordingListener events = new RecordingListener();
            session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            List<LeakSuspected> dialogs = awaitDialogs(events);
            LeakSuspected leak = dialogs.get(0);
            LiveSession live = session;
            List<dev.leakinspector.protocol.Message> conclusions = new CopyOnWriteArrayList<>();
            // the three hidden dialogs selected together, as a user asks about a pile of leaks of one kind
            List<LeakRecord> records = dialogs.stream().map(LeakRecord::of).toList();
            AppFx.run(() -> RetainCycleWindow.open(null, background, live, records, conclusions::add));
            AppFx.await("the Retain Cycle graph", START, () -> RetainCycleWindows.open().map(s -> graphView(s)
                    .map(v -> v.getGraph() != null && v.getGraph().state() == RetainGraph.State.GRAPH).orElse(false))
                    .orElse(false));
            stage = RetainCycleWindows.open().orElseThrow();
            Stage window = stage;
            RetainGraphView graph = graphView(window).orElseThrow();
            LeakTraceView trace = AppFx.call(() -> (LeakTraceView) window.getScene().getRoot().lookup(".leak-trace"));
            assertNotNull(trace, "the window shows a leak trace");
            int nodes = AppFx.call(() -> graph.getGraph().nodes().size());
            System.out.println("RetainCycleTraceIT: pattern " + PATTERN + " drew " + nodes + " nodes; "
                    + leak.viewStack());
            assertTrue(nodes >= 30, "a leak with a big graph: " + nodes + " nodes");

            assertTraceComesFirst(window, trace, graph);
            // the graph below opens readable, with what only the dialogs hold folded away
            double uiFont = AppFx.call(() -> Font.getDefault().getSize());
            double smallest = AppFx.call(() -> FxGraphs.smallestLabelOnScreen(graph));
            assertTrue(smallest >= uiFont - 1e-6, "smallest label at open " + smallest + " px < UI font " + uiFont);
            List<GraphFolding.Group> internals = AppFx.call(() -> graph.getDrawnGraph().groups().stream()
                    .filter(g -> g.kind() == GraphFolding.Kind.INTERNALS).toList());
            assertFalse(internals.isEmpty(), "the leaked dialogs' own internals are folded");
            for (GraphFolding.Group group : internals) {
                for (long member : group.members()) {
                    assertNull(AppFx.call(() -> graph.lookup("#" + RetainGraph.keyOf(member))), "folded, not drawn");
                }
            }
            List<ObjectAnalysis> analyses = AppFx.call(() -> graph.getGraph().analyses());
            RetentionPath durable = analyses.get(0).paths().get(0);
            assertFalse(durable.isTransient(), "the analysis has a durable path");
            List<TracePath> paths = AppFx.call(trace::getPaths);
            TracePath first = paths.get(0);
            assertFalse(first.isTransient(), "the first tab is a durable path: " + first.label());
            assertTrue(first.label().startsWith("JDialog #1 \u00b7 Path 1 \u00b7 "), first.label());
            List<TraceStep> steps = first.steps();
            assertEquals(durable.steps().get(0).objectId(), steps.get(0).objectId(), "the first step is the GC root's object");
            assertEquals("GC root: " + durable.rootDescription(), steps.get(0).referenceText());
            assertEquals(leak.watchId() != 0 ? analyses.get(0).objectId() : -1, steps.get(steps.size() - 1).objectId(),
                    "the last step is the leaked object");
            assertTrue(steps.get(steps.size() - 1).leaked());
            assertEquals(durable.steps().size(), steps.size(), "one line per step");
            List<Integer> suspects = suspectRows(steps);
            assertFalse(suspects.isEmpty(), "the durable path has suspect references: " + first.label());

            // the rows on screen carry the marks: a suspect row is :suspect, the leaked object's row :leaked
            ListView<TraceStep> list = AppFx.call(() -> shownList(trace));
            int suspectRow = suspects.get(0);
            ListCell<?> suspectCell = AppFx.call(() -> cellOf(list, suspectRow));
            assertTrue(AppFx.call(() -> hasPseudoClass(suspectCell, "suspect")), "the suspect row is marked");
            assertTrue(AppFx.call(() -> suspectCell.lookup(".suspect-tag") != null), "with its SUSPECT tag");
            Node rootCell = AppFx.call(() -> cellOf(list, 0));
            assertFalse(AppFx.call(() -> hasPseudoClass(rootCell, "suspect")), "the root's row is no suspect");

            // a click on a step selects its object in the graph
            new FxRobot().clickOn(suspectCell, MouseButton.PRIMARY);
            long suspectObject = steps.get(suspectRow).objectId();
            AppFx.await("the suspect step's object selected in the graph", START, () ->
                    graph.getSelectedNode() != null && graph.getSelectedNode().objectId() == suspectObject);

            // a click on an object in the graph selects its step in the trace
            TraceStep rootStep = steps.get(0);
            // the graph opens on the suspects at a readable zoom: bring the root into view first, as a user scrolls
            AppFx.run(() -> graph.reveal(rootStep.objectId()));
            AppFx.awaitPulse();
            Node rootBox = AppFx.call(() -> graph.lookup("#" + graph.getGraph().node(rootStep.objectId()).orElseThrow().key()));
            new FxRobot().clickOn(rootBox, MouseButton.PRIMARY);
            AppFx.await("the root's step selected in the trace", START, () ->
                    trace.getSelectedStep() != null && trace.getSelectedStep().objectId() == rootStep.objectId());

            // the arrow keys move through the steps, and the graph follows
            new FxRobot().clickOn(AppFx.call(() -> cellOf(list, 0)), MouseButton.PRIMARY);
            new FxRobot().type(KeyCode.DOWN);
            long second = steps.get(1).objectId();
            AppFx.await("down selects the next step and its object", START, () ->
                    trace.getSelectedStep() != null && trace.getSelectedStep().index() == 1
                            && graph.getSelectedNode() != null && graph.getSelectedNode().objectId() == second);

            // Ctrl+C copies the trace as the command line prints it
            AppFx.run(() -> Clipboard.getSystemClipboard().clear());
            new FxRobot().press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
            String expected = LeakTraceText.format(analyses);
            AppFx.await("the trace on the clipboard", START, () -> expected.equals(Clipboard.getSystemClipboard().getString()));
            assertTrue(expected.contains("What to change: "), expected);
            AppFx.run(window::close);
        } finally {
            if (stage != null) {
                Stage open = stage;
                AppFx.run(open::close);
            }
            if (session != null) {
                session.detach("test finished");
            }
            demo.close();
            background.shutdownNow();
        }
    }

    /** The reports of the pattern's three hidden dialogs (the first report of each). */
    private static List<LeakSuspected> awaitDialogs(RecordingListener events) throws InterruptedException {
        Map<Long, LeakSuspected> byWatch = new LinkedHashMap<>();
        while (byWatch.size() < DIALOGS) {
            LeakSuspected next = events.await(LeakSuspected.class, l -> !byWatch.containsKey(l.watchId())
                    && l.viewStack().stream().anyMatch(v -> v.contains(PATTERN + " ")), START);
            byWatch.put(next.watchId(), next);
        }
        return List.copyOf(byWatch.values());
    }

    /** The trace is read first: it is the first item of the window's split, above the graph, and visible. */
    private static void assertTraceComesFirst(Stage window, LeakTraceView trace, RetainGraphView graph) throws Exception {
        SplitPane split = AppFx.call(() -> (SplitPane) window.getScene().getRoot().lookup(".split-pane"));
        assertNotNull(split, "trace and graph share a split pane");
        assertTrue(AppFx.call(() -> split.getItems().get(0) == trace), "the trace is the split's first item");
        Bounds traceBounds = AppFx.call(() -> trace.localToScene(trace.getBoundsInLocal()));
        Bounds graphBounds = AppFx.call(() -> graph.localToScene(graph.getBoundsInLocal()));
        assertTrue(traceBounds.getMaxY() <= graphBounds.getMinY() + 1, "the trace above the graph: " + traceBounds + " / " + graphBounds);
        assertTrue(traceBounds.getHeight() >= 200, "the trace has room: " + traceBounds);
        assertEquals(0, (int) AppFx.call(() -> ((TabPane) trace.lookup(".tab-pane")).getSelectionModel().getSelectedIndex()),
                "the first path is shown");
    }

    private static List<Integer> suspectRows(List<TraceStep> steps) {
        return steps.stream().filter(TraceStep::suspect).map(TraceStep::index).toList();
    }

    @SuppressWarnings("unchecked")
    private static ListView<TraceStep> shownList(LeakTraceView trace) {
        TabPane tabs = (TabPane) trace.lookup(".tab-pane");
        return (ListView<TraceStep>) tabs.getSelectionModel().getSelectedItem().getContent().lookup(".trace-steps");
    }

    private static ListCell<?> cellOf(ListView<TraceStep> list, int row) {
        list.scrollTo(row);
        list.layout();
        return list.lookupAll(".trace-step").stream()
                .map(n -> (ListCell<?>) n)
                .filter(c -> c.getIndex() == row && !c.isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no cell shows row " + row));
    }

    private static boolean hasPseudoClass(Node node, String name) {
        return node.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName().equals(name));
    }

    private static Optional<RetainGraphView> graphView(Stage stage) {
        return Optional.ofNullable(stage.getScene().getRoot().lookup(".retain-graph"))
                .filter(RetainGraphView.class::isInstance).map(RetainGraphView.class::cast);
    }

}
