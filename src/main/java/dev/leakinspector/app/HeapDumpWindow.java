package dev.leakinspector.app;

import dev.leakinspector.graph.NodeInspector;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.app.graph.RetainGraphView;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HeapStep;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.LeakTraceText;
import dev.leakinspector.heap.UiLeak;
import dev.leakinspector.heap.UiLeakFinder;
import dev.leakinspector.heap.UiLeakText;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A heap dump opened from the start screen ("Open Heap Dump…"): indexes the file and finds the UI objects that
 * should be dead ({@link UiLeakFinder}, as {@code analyze --ui-leaks}), showing the phase and a Cancel button
 * meanwhile, then lists the findings — leaks first, then JDK/toolkit holds, then what is not reported — with the
 * selected one's trace below. <b>Retain Cycle</b> (button, context menu, double click) opens the graph of the
 * selected row from the same dump.
 *
 * <p>Ownership: the window owns the index of the dump (never the file, which is the user's and is not deleted).
 * It stays open while the window or one of its graph windows shows; when the window closes it cancels what still
 * runs, closes its graph windows, waits until their inspectors stop reading, then closes the index.
 *
 * <p>Threading: indexing, finding and cycle searches run on the app's background executor, one task at a time
 * (the finder is not thread-safe); the UI and the fields of this class on the FX thread.
 */
final class HeapDumpWindow {
    private static final int PATHS = 3;

    private final Stage stage = new Stage();
    private final BorderPane root = new BorderPane();
    private final Label phase = new Label("Opening the heap dump…");
    private final ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final CancelToken cancel = new CancelToken();
    private final Executor background;
    private final Path file;
    private final TableView<UiLeak> table = new TableView<>();
    private final TextArea trace = new TextArea();
    private final List<Stage> graphWindows = new ArrayList<>();
    private final List<NodeInspector> inspectors = new ArrayList<>();
    /** Open from indexing until the window closes; FX thread. */
    private HprofIndex index;
    private UiLeakFinder finder;
    /** The background work in progress (one at a time); FX thread. */
    private CompletableFuture<?> work = CompletableFuture.completedFuture(null);

    private HeapDumpWindow(Window owner, Executor background, Path file) {
        this.background = background;
        this.file = file;
        stage.initOwner(owner);
        stage.setTitle("Heap Dump \u2014 " + file.getFileName());
        Button cancelButton = new Button("Cancel");
        cancelButton.setId("cancelOpenDump");
        cancelButton.setCancelButton(true);
        cancelButton.setOnAction(e -> stage.close());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setId("openDumpProgress");
        phase.setId("openDumpPhase");
        Label about = new Label("Finds the windows, nodes and components that should be dead: " + UiLeakFinder.RULE);
        about.setWrapText(true);
        VBox waiting = new VBox(10, phase, progress, about, cancelButton);
        waiting.setAlignment(Pos.CENTER_LEFT);
        waiting.setPadding(new Insets(24));
        waiting.setMaxWidth(640);
        root.setCenter(waiting);
        stage.setScene(LeakInspectorApp.styledScene(root));
        stage.setWidth(1280);
        stage.setHeight(760);
        stage.setOnHidden(e -> release());
    }

    /** Asks for a dump file and opens it. FX thread. */
    static void choose(Window owner, Executor background) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a heap dump");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Heap dumps (*.hprof)", "*.hprof"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = chooser.showOpenDialog(owner);
        if (chosen != null) {
            open(owner, background, chosen.toPath());
        }
    }

    /** Opens the window and starts indexing {@code file}. FX thread. Returns the window's stage (tests). */
    static Stage open(Window owner, Executor background, Path file) {
        HeapDumpWindow window = new HeapDumpWindow(owner, background, file);
        window.stage.show();
        window.work = CompletableFuture.runAsync(window::analyse, background);
        return window.stage;
    }

    /** Background thread. */
    private void analyse() {
        HprofIndex opened = null;
        try {
            opened = HeapDump.open(file, this::showProgress, cancel);
            UiLeakFinder found = new UiLeakFinder(opened, this::showProgress, cancel);
            UiLeakFinder.Result result = found.find(PATHS);
            HprofIndex done = opened;
            opened = null;
            Platform.runLater(() -> showFindings(done, found, result));
        } catch (CancellationException cancelled) {
            // the user closed the window or pressed Cancel: nothing to show
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            String message = e instanceof OutOfMemoryError ? "not enough memory for this dump; start Leak Inspector with a larger -Xmx"
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            Platform.runLater(() -> showProblem("Cannot read " + file.getFileName() + ": " + message));
        } finally {
            closeQuietly(opened);
        }
    }

    /** Any thread: the heap engine's progress, shown on the FX thread. */
    private void showProgress(HeapStep step, double fraction) {
        String text = step.text();
        Platform.runLater(() -> {
            phase.setText(text);
            progress.setProgress(fraction);
        });
    }

    private void showFindings(HprofIndex opened, UiLeakFinder found, UiLeakFinder.Result result) {
        if (!stage.isShowing()) {
            closeQuietly(opened);
            return;
        }
        index = opened;
        finder = found;
        List<UiLeak> rows = new ArrayList<>(result.leaks());
        rows.addAll(result.with(UiLeak.Status.TOOLKIT_HOLD));
        rows.addAll(result.with(UiLeak.Status.NOT_REPORTED));
        table.setId("uiLeakTable");
        table.setItems(FXCollections.observableArrayList(rows));
        table.getColumns().setAll(List.of(
                column("Status", 100, l -> statusText(l.status())),
                column("Kind", 200, l -> l.kind().label()),
                column("Object", 290, UiLeak::displayName),
                column("Inside", 55, l -> Integer.toString(l.descendants())),
                column("Retained", 80, l -> l.analysis().retainedBytes() < 0 ? "" : ByteCount.format(l.analysis().retainedBytes())),
                column("Why", 420, l -> l.status() == UiLeak.Status.NOT_REPORTED ? UiLeakText.whyNotReported(l)
                        : l.analysis().libraryHold().map(h -> "JDK/toolkit hold: " + h.name())
                                .orElse(l.analysis().pathVerdictReason()))));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No UI object that should be dead: nothing is off screen and kept."));
        MenuItem cycle = new MenuItem("Retain Cycle");
        cycle.setOnAction(e -> openRetainCycle(table.getSelectionModel().getSelectedItem()));
        table.setRowFactory(view -> {
            TableRow<UiLeak> row = new TableRow<>();
            row.setContextMenu(new ContextMenu(cycle));
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    openRetainCycle(row.getItem());
                }
            });
            return row;
        });
        trace.setEditable(false);
        trace.setId("uiLeakTrace");
        trace.setStyle("-fx-font-family: monospace;");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, l) -> trace.setText(l == null ? ""
                : traceOf(l)));
        Button retainCycle = new Button("Retain Cycle");
        retainCycle.setId("retainCycleButton");
        retainCycle.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        retainCycle.setOnAction(e -> openRetainCycle(table.getSelectionModel().getSelectedItem()));
        Label summary = new Label(summaryOf(result));
        summary.setId("uiLeakSummary");
        summary.setWrapText(true);
        HBox bar = new HBox(10, summary, retainCycle);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        HBox.setHgrow(summary, javafx.scene.layout.Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);
        SplitPane split = new SplitPane(table, trace);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        root.setTop(bar);
        root.setCenter(split);
        if (!rows.isEmpty()) {
            table.getSelectionModel().selectFirst();
        }
    }

    static String summaryOf(UiLeakFinder.Result result) {
        int leaks = result.leaks().size();
        int holds = result.with(UiLeak.Status.TOOLKIT_HOLD).size();
        int quiet = result.with(UiLeak.Status.NOT_REPORTED).size();
        return (leaks == 0 ? "No UI leaks found" : leaks + " UI object" + (leaks == 1 ? "" : "s") + " that should be dead")
                + (holds == 0 ? "" : "; " + holds + " kept only by a JDK/toolkit hold (not counted)")
                + (quiet == 0 ? "" : "; " + quiet + " not reported (kept by a plain field or an owner's collection)") + ".";
    }

    private static String statusText(UiLeak.Status status) {
        return switch (status) {
            case LEAK -> "Leak";
            case TOOLKIT_HOLD -> "JDK/toolkit hold";
            case NOT_REPORTED -> "Not reported";
        };
    }

    private static String traceOf(UiLeak l) {
        StringBuilder sb = new StringBuilder(l.kind().label()).append(": ").append(l.displayName()).append(", ")
                .append(l.descendants()).append(" inside").append(System.lineSeparator())
                .append(l.kind().rule()).append(System.lineSeparator()).append(System.lineSeparator());
        LeakTraceText.appendObject(l.analysis(), sb);
        return sb.toString();
    }

    private static TableColumn<UiLeak, String> column(String title, double width, java.util.function.Function<UiLeak, String> value) {
        TableColumn<UiLeak, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    /** Opens the graph of one finding, its cycles looked for first (on the background executor). FX thread. */
    private void openRetainCycle(UiLeak leak) {
        if (leak == null || index == null) {
            return;
        }
        Stage graphStage = new Stage();
        graphStage.initOwner(stage);
        graphStage.setTitle("Retain Cycle \u2014 " + leak.displayName());
        Label waiting = new Label("Looking for reference cycles…");
        BorderPane graphRoot = new BorderPane(waiting);
        graphStage.setScene(new Scene(graphRoot, 1100, 800));
        graphWindows.add(graphStage);
        graphStage.setOnHidden(e -> graphWindows.remove(graphStage));
        graphStage.show();
        UiLeakFinder f = finder;
        // after what runs now: the finder is used by one task at a time
        work = work.handle((r, e) -> null).thenApplyAsync(ignored -> f.withCycles(leak), background)
                .whenComplete((withCycles, failure) -> Platform.runLater(() -> {
                    if (index == null || !graphStage.isShowing()) {
                        return;
                    }
                    if (failure != null) {
                        waiting.setText("No Retain Cycle graph: " + NodeInspector.messageOf(failure));
                        return;
                    }
                    NodeInspector inspector = new NodeInspector(index, background);
                    inspectors.add(inspector);
                    RetainGraphView view = new RetainGraphView();
                    view.setGraph(RetainGraph.builder().add(withCycles.analysis(), leak.displayName()).build());
                    view.setInspector(inspector);
                    graphRoot.setCenter(view);
                }));
    }

    /**
     * When the window closes: cancels what runs, closes the graph windows, and once nothing reads the index any more
     * (the finder's task and the inspectors' tasks), closes it. FX thread.
     */
    private void release() {
        cancel.cancel();
        for (Stage s : List.copyOf(graphWindows)) {
            s.close();
        }
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        stopped.add(work.handle((r, e) -> (Void) null));
        for (NodeInspector inspector : inspectors) {
            stopped.add(inspector.close());
        }
        inspectors.clear();
        HprofIndex opened = index;
        index = null;
        finder = null;
        CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new)).whenComplete((done, neverFails) -> closeQuietly(opened));
    }

    private void showProblem(String message) {
        if (!stage.isShowing()) {
            return;
        }
        Label problem = new Label(message);
        problem.setId("openDumpProblem");
        problem.setWrapText(true);
        problem.setPadding(new Insets(24));
        root.setCenter(problem);
    }

    private static void closeQuietly(HprofIndex opened) {
        if (opened == null) {
            return;
        }
        try {
            opened.close();
        } catch (IOException e) {
            // a read-only mapping of the user's file: nothing is lost
        }
    }
}
