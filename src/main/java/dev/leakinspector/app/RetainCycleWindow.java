package dev.leakinspector.app;

import dev.leakinspector.graph.NodeInspector;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.app.graph.RetainGraphView;
import dev.leakinspector.app.trace.LeakTraceView;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HeapStep;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.session.LeakExplainer;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.VerdictRefinement;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The "Retain Cycle" window: asks the agent for one heap dump for the leaks selected, shows the
 * whole wait (dumping — the target pauses —, indexing, finding paths) with a way to cancel, then
 * shows why they are alive, or says plainly why there is nothing to draw: first the leak trace
 * ({@link LeakTraceView}: one line per step from the GC root to the leaked object, the suspects marked,
 * what to change), and below it the same paths as a {@link RetainGraphView}; selecting a step selects
 * its object in the graph and back. A click on an object of the graph shows its fields and its retained
 * size, read from the same dump by a {@link NodeInspector}.
 *
 * <p>Ownership: the window owns its stage and the dump behind the graph, as a
 * {@link LeakExplainer.OpenDump}: the file and its index stay open while the window is shown (the
 * index costs about 13 + 4·r bytes per heap object, see {@code HprofIndex}). When the window
 * closes it cancels what still runs, waits until the inspector's tasks stop reading the index, then
 * closes the index and deletes the dump, unless the user saved it (moved it elsewhere).
 *
 * <p>Threading: the analysis and the inspector's reads run on the app's background executor; the UI
 * and the fields of this class on the FX thread. The final close runs on the FX thread, or, when an
 * inspector's task still reads the index, on that task's thread as it stops.
 */
final class RetainCycleWindow {
    private static final int PATHS = 3;
    /** The trace's largest share of the window's height at open: a path of about ten steps without scrolling. */
    private static final double TRACE_SHARE = 0.45;
    /** The trace's least share at open, for a short path: its tabs and a few steps. */
    private static final double MIN_TRACE_SHARE = 0.3;

    private final Stage stage = new Stage();
    private final ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Label phase = new Label("Asking the target for a heap dump…");
    private final CancelToken cancel = new CancelToken();
    private final BorderPane root = new BorderPane();
    private final Executor background;
    /** The dump behind the graph, kept while the window is open so the user can save it; FX thread. */
    private Path dumpFile;
    /** The indexed dump, open while the graph is shown; FX thread. */
    private LeakExplainer.OpenDump openDump;
    /** Reads fields and retained sizes for the graph's details pane; FX thread. */
    private NodeInspector inspector;

    private RetainCycleWindow(Window owner, Executor background, List<LeakRecord> leaks) {
        this.background = background;
        stage.initOwner(owner);
        stage.setTitle("Retain Cycle \u2014 " + leaks.get(0).simpleClassName()
                + (leaks.size() > 1 ? " and " + (leaks.size() - 1) + " more" : ""));
        Label pause = new Label("The target pauses while it writes its heap dump; the dump is deleted when this window closes, unless you save it.");
        pause.setWrapText(true);
        Button cancelButton = new Button("Cancel");
        cancelButton.setCancelButton(true);
        cancelButton.setOnAction(e -> {
            cancel.cancel();
            stage.close();
        });
        progress.setMaxWidth(Double.MAX_VALUE);
        VBox waiting = new VBox(10, phase, progress, pause, cancelButton);
        waiting.setAlignment(Pos.CENTER_LEFT);
        waiting.setPadding(new Insets(24));
        waiting.setMaxWidth(520);
        root.setCenter(waiting);
        stage.setScene(LeakInspectorApp.styledScene(root));
        stage.setWidth(1100);
        stage.setHeight(800);
        stage.setOnHidden(e -> {
            cancel.cancel();
            release();
        });
    }

    /**
     * Opens the window and starts the analysis of {@code leaks} (all from one live session). FX thread.
     *
     * @param conclusions takes the verdicts the dump refines ({@link VerdictRefinement}); called on a background
     *     thread
     */
    static void open(Window owner, ExecutorService background, LiveSession session, List<LeakRecord> leaks,
                     Consumer<Message> conclusions) {
        RetainCycleWindow window = new RetainCycleWindow(owner, background, leaks);
        window.stage.show();
        background.execute(() -> window.analyse(session, leaks, conclusions));
    }

    /** Background thread. */
    private void analyse(LiveSession session, List<LeakRecord> leaks, Consumer<Message> conclusions) {
        try {
            LeakExplainer.OpenDump dump = LeakExplainer.explainKeepingDumpOpen(session,
                    leaks.stream().map(LeakRecord::watchId).toList(), PATHS, this::showProgress, cancel);
            refineVerdicts(leaks, dump.result(), conclusions);
            RetainGraph graph;
            try {
                graph = graphOf(leaks, dump.result());
            } catch (RuntimeException e) {
                dump.close();
                throw e;
            }
            Platform.runLater(() -> showGraph(graph, dump));
        } catch (CancellationException cancelled) {
            // The user closed the window or pressed Cancel: nothing to show.
        } catch (Exception e) {
            Platform.runLater(() -> showProblem("No Retain Cycle graph: " + e.getMessage()));
        }
    }

    /** A retained report that the dump shows kept by a listener list, a static collection, … is a leak. */
    private static void refineVerdicts(List<LeakRecord> leaks, LeakExplainer.Result result,
                                       Consumer<Message> conclusions) {
        for (LeakRecord leak : leaks) {
            LeakExplainer.Explanation explanation = result.byWatchId().get(leak.watchId());
            if (explanation != null && explanation.analysis().isPresent()) {
                VerdictRefinement.of(leak.watchId(), leak.verdict(), explanation.analysis().get())
                        .ifPresent(conclusions);
            }
        }
    }

    private static RetainGraph graphOf(List<LeakRecord> leaks, LeakExplainer.Result result) {
        RetainGraph.Builder builder = RetainGraph.builder();
        LeakRecord first = leaks.get(0);
        boolean any = false;
        for (LeakRecord leak : leaks) {
            LeakExplainer.Explanation explanation = result.byWatchId().get(leak.watchId());
            if (explanation != null && explanation.analysis().isPresent()) {
                builder.add(explanation.analysis().get(), leak.viewStackText());
                any = true;
            }
        }
        return any ? builder.build() : RetainGraph.objectCollected(first.className(), first.viewStackText());
    }

    /** Any thread: the heap engine's progress, shown on the FX thread. */
    private void showProgress(HeapStep step, double fraction) {
        String text = step.text();
        Platform.runLater(() -> {
            phase.setText(text);
            progress.setProgress(fraction);
        });
    }

    private void showGraph(RetainGraph graph, LeakExplainer.OpenDump dump) {
        openDump = dump;
        dumpFile = dump.result().dumpFile();
        if (!stage.isShowing()) {
            release();
            return;
        }
        inspector = new NodeInspector(dump.index(), background);
        RetainGraphView view = new RetainGraphView();
        view.setGraph(graph);
        view.setInspector(inspector);
        root.setCenter(graph.state() == RetainGraph.State.GRAPH ? traceAndGraph(graph, view) : view);
        Label about = new Label("From a heap dump of " + ByteCount.format(dump.result().dumpBytes())
                + "; it is deleted when this window closes, unless you save it.");
        Button save = new Button("Save Heap Dump…");
        save.setOnAction(e -> saveDump(save));
        HBox bar = new HBox(10, about, save);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        root.setBottom(bar);
    }

    /**
     * The leak trace above the graph, read first: a step selected in the trace selects its object in the graph, an
     * object clicked in the graph selects its steps in the trace. The trace opens on the durable path with the
     * leaked object selected, as the graph does, and has the keyboard.
     */
    private SplitPane traceAndGraph(RetainGraph graph, RetainGraphView view) {
        LeakTraceView trace = new LeakTraceView();
        trace.setAnalyses(graph.analyses());
        trace.setOnStepSelected(step -> view.select(step.objectId()));
        view.setOnNodeSelected(node -> trace.highlight(node.objectId()));
        RetainGraph.Node selected = view.getSelectedNode();
        if (selected != null) {
            trace.highlight(selected.objectId());
        }
        trace.showPath(0);
        SplitPane split = new SplitPane(trace, view);
        split.setOrientation(Orientation.VERTICAL);
        // the longest path without scrolling, within bounds: the graph keeps at least half of the window
        double height = root.getHeight();
        double share = height <= 0 ? TRACE_SHARE
                : Math.max(MIN_TRACE_SHARE, Math.min(TRACE_SHARE, trace.preferredTraceHeight() / height));
        split.setDividerPositions(share);
        SplitPane.setResizableWithParent(trace, false);
        Platform.runLater(trace::focusSteps);
        return split;
    }

    /** Moves the dump where the user wants it (to open in other tools); it is then theirs to keep. */
    private void saveDump(Button save) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save Heap Dump");
        chooser.setInitialFileName(dumpFile.getFileName().toString());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Heap dumps (*.hprof)", "*.hprof"));
        java.io.File target = chooser.showSaveDialog(stage);
        if (target == null) {
            return;
        }
        try {
            Files.move(dumpFile, target.toPath(), StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(dumpFile.getParent());
            dumpFile = null;
            save.setDisable(true);
            save.setText("Saved to " + target.getName());
        } catch (IOException e) {
            showProblemBelow("Could not save the heap dump: " + e.getMessage());
        }
    }

    /**
     * Once the inspector's tasks are done with the index: closes it and deletes the dump and its
     * private directory (a dump the user saved is elsewhere by then and stays). FX thread.
     */
    private void release() {
        LeakExplainer.OpenDump dump = openDump;
        openDump = null;
        dumpFile = null;
        if (dump == null) {
            return;
        }
        CompletableFuture<Void> stopped = inspector == null ? CompletableFuture.completedFuture(null) : inspector.close();
        inspector = null;
        // at once when nothing reads the index (the usual case), else on the thread of the task that stops last
        stopped.whenComplete((done, neverFails) -> {
            try {
                dump.close();
            } catch (IOException e) {
                // A dump we could not delete stays in its owner-only directory under the temporary directory.
            }
        });
    }

    private void showProblemBelow(String message) {
        Label problem = new Label(message);
        problem.setPadding(new Insets(6, 10, 6, 10));
        root.setTop(problem);
    }

    private void showProblem(String message) {
        if (!stage.isShowing()) {
            return;
        }
        Label problem = new Label(message);
        problem.setWrapText(true);
        problem.setPadding(new Insets(24));
        root.setCenter(problem);
    }
}
