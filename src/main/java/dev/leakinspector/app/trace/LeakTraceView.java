package dev.leakinspector.app.trace;

import dev.leakinspector.heap.LeakTraceText;
import dev.leakinspector.heap.ObjectAnalysis;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The leak trace, LeakCanary-style: for each retention path of the analysed objects a tab (the durable path first,
 * transient ones after, e.g. "Path 1 · static AppModel.INSTANCE", "Path 2 · transient: JavaFX Application Thread")
 * listing one line per step from the GC root down to the leaked object ({@link TraceStepCell}): the reference, the
 * class, the leaking status and why, the suspect stretch in the leak colour, a JDK/toolkit hold and a transient root
 * marked as such, and what to change at the step it is about. Up and down move through the steps; Ctrl+C (or the
 * Copy button) copies the trace as {@link LeakTraceText} writes it.
 *
 * <pre>{@code
 * LeakTraceView trace = new LeakTraceView();
 * trace.setOnStepSelected(step -> graphView.select(step.objectId()));
 * graphView.setOnNodeSelected(node -> trace.highlight(node.objectId()));
 * trace.setAnalyses(graph.analyses());
 * }</pre>
 *
 * <p>Threading: a JavaFX node; create and use it on the FX thread only. It keeps the analyses it shows (plain
 * immutable data, no dump) and owns nothing that needs closing.
 *
 * <p>Styling: style class {@code leak-trace}; {@code trace-header}, {@code trace-path-header} (and
 * {@code trace-path-note} with {@code suspects}, {@code transient}, {@code hold}), the steps' style classes are those
 * of {@link TraceStepCell}. The lists have the style class {@code trace-steps}.
 */
public final class LeakTraceView extends BorderPane {
    /** A root description longer than this (a thread's frame) is also written out in full above the steps. */
    private static final int LONG_ROOT = 36;
    /** Estimates for {@link #preferredTraceHeight()}: a step's line, a note under it, and the parts above the steps. */
    private static final double ROW = 30, NOTE = 24, ABOVE_STEPS = 130;
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final TabPane tabs = new TabPane();
    private final Label summary = new Label();
    private final List<ListView<TraceStep>> lists = new ArrayList<>();
    private List<ObjectAnalysis> analyses = List.of();
    private List<TracePath> paths = List.of();
    private Consumer<TraceStep> onStepSelected = step -> { };
    /** Set while {@link #highlight} selects rows, so the selection is not reported back as the user's. */
    private boolean highlighting;

    public LeakTraceView() {
        getStyleClass().add("leak-trace");
        Label title = new Label("Leak trace");
        title.getStyleClass().add("trace-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        summary.getStyleClass().add("trace-summary");
        summary.setWrapText(true);
        summary.setMinWidth(0);
        summary.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(summary, Priority.ALWAYS);
        Button copy = new Button("Copy as text");
        copy.setId("copyTraceButton");
        copy.setTooltip(new Tooltip("Copy the trace as the command line's analyze prints it (Ctrl+C)"));
        copy.setOnAction(e -> copyAsText());
        copy.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(12, title, summary, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("trace-header");
        header.setPadding(new Insets(8, 10, 6, 10));
        setTop(header);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> reportSelectionOf(now));
        setCenter(tabs);
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copyAsText();
                e.consume();
            }
        });
    }

    /** Shows the trace of these analyses (usually {@code RetainGraph.analyses()}), one tab per path. */
    public void setAnalyses(List<ObjectAnalysis> value) {
        analyses = List.copyOf(value);
        paths = LeakTrace.of(analyses);
        lists.clear();
        tabs.getTabs().clear();
        for (TracePath path : paths) {
            ListView<TraceStep> list = new ListView<>();
            list.getStyleClass().add("trace-steps");
            list.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
            double referenceWidth = TraceStepCell.referenceWidth(path.steps());
            list.setCellFactory(v -> new TraceStepCell(referenceWidth));
            list.getItems().setAll(path.steps());
            list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
                if (now != null && !highlighting) {
                    onStepSelected.accept(now);
                }
            });
            VBox.setVgrow(list, Priority.ALWAYS);
            VBox content = new VBox(pathHeader(path), list);
            Tab tab = new Tab(path.label(), content);
            tab.setUserData(list);
            tab.setTooltip(new Tooltip("GC root: " + path.rootDescription()));
            if (path.isTransient()) {
                tab.getStyleClass().add("transient-path");
            }
            lists.add(list);
            tabs.getTabs().add(tab);
        }
        summary.setText(summaryText(analyses, paths));
    }

    /**
     * About how tall the trace is when its longest path shows without scrolling (header, tabs, notes, steps): what
     * a window gives it at most, so the graph below keeps the rest.
     */
    public double preferredTraceHeight() {
        double tallest = 0;
        for (TracePath path : paths) {
            double h = 0;
            for (TraceStep step : path.steps()) {
                h += ROW + NOTE * (step.changes().size() + (step.libraryHold() ? 1 : 0) + (step.transientRoot() ? 1 : 0));
            }
            tallest = Math.max(tallest, h);
        }
        return ABOVE_STEPS + tallest;
    }

    /** The paths shown, one per tab, in tab order. */
    public List<TracePath> getPaths() {
        return paths;
    }

    /** Called on the FX thread when the user selects a step (click, or up and down); not for {@link #highlight}. */
    public void setOnStepSelected(Consumer<TraceStep> callback) {
        onStepSelected = callback == null ? step -> { } : callback;
    }

    /**
     * Selects the steps of this object in every path that has it, without reporting it back; shows the first path
     * that has it if the one shown has not. An object on no path clears the selections.
     */
    public void highlight(long objectId) {
        highlighting = true;
        try {
            int firstWithIt = -1;
            for (int i = 0; i < lists.size(); i++) {
                ListView<TraceStep> list = lists.get(i);
                int row = rowOf(list, objectId);
                if (row < 0) {
                    list.getSelectionModel().clearSelection();
                    continue;
                }
                list.getSelectionModel().clearAndSelect(row);
                list.scrollTo(Math.max(0, row - 2));
                if (firstWithIt < 0) {
                    firstWithIt = i;
                }
            }
            int shown = tabs.getSelectionModel().getSelectedIndex();
            if (firstWithIt >= 0 && (shown < 0 || rowOf(lists.get(shown), objectId) < 0)) {
                tabs.getSelectionModel().select(firstWithIt);
            }
        } finally {
            highlighting = false;
        }
    }

    /** The step selected in the path shown, or null. */
    public TraceStep getSelectedStep() {
        ListView<TraceStep> list = shownList();
        return list == null ? null : list.getSelectionModel().getSelectedItem();
    }

    /** Shows path {@code index} (0 is the first tab). */
    public void showPath(int index) {
        tabs.getSelectionModel().select(index);
    }

    /** Gives the keyboard to the list of the path shown, so up and down move through its steps. */
    public void focusSteps() {
        ListView<TraceStep> list = shownList();
        if (list != null) {
            list.requestFocus();
        }
    }

    /** The trace in the command line's text format ({@link LeakTraceText}). */
    public String traceText() {
        return LeakTraceText.format(analyses);
    }

    /** Puts {@link #traceText()} on the system clipboard. */
    public void copyAsText() {
        ClipboardContent content = new ClipboardContent();
        content.putString(traceText());
        Clipboard.getSystemClipboard().setContent(content);
    }

    private ListView<TraceStep> shownList() {
        int shown = tabs.getSelectionModel().getSelectedIndex();
        return shown < 0 || shown >= lists.size() ? null : lists.get(shown);
    }

    /** A newly shown tab selects its selected step in the graph too, so the two views show the same object. */
    private void reportSelectionOf(Tab tab) {
        if (tab == null || highlighting) {
            return;
        }
        @SuppressWarnings("unchecked")
        ListView<TraceStep> list = (ListView<TraceStep>) tab.getUserData();
        TraceStep step = list.getSelectionModel().getSelectedItem();
        if (step != null) {
            onStepSelected.accept(step);
        }
    }

    private static int rowOf(ListView<TraceStep> list, long objectId) {
        List<TraceStep> items = list.getItems();
        for (int row = 0; row < items.size(); row++) {
            if (items.get(row).objectId() == objectId) {
                return row;
            }
        }
        return -1;
    }

    /** The lines above a path's steps: its root, and what kind of path it is. */
    private static VBox pathHeader(TracePath path) {
        VBox header = new VBox(2);
        header.getStyleClass().add("trace-path-header");
        header.setPadding(new Insets(6, 10, 6, 10));
        if (path.rootDescription().length() > LONG_ROOT && !path.isTransient()) {
            // the first row shows it too, cut to its column: the whole of a thread's frame is worth a line
            Label root = new Label("GC root: " + path.rootDescription());
            root.getStyleClass().add("trace-path-root");
            root.setWrapText(true);
            header.getChildren().add(root);
        }
        if (path.isTransient()) {
            header.getChildren().add(pathNote("Transient: " + path.transientReason() + ". This root holds the object only"
                    + " until the event being handled returns; it is not what keeps it.", "transient"));
        } else if (!path.libraryHoldWhy().isEmpty()) {
            header.getChildren().add(pathNote("Through a JDK/toolkit hold (marked): not the program's leak, nothing"
                    + " in the program to change; it lets go on its own.", "hold"));
        }
        long suspects = path.suspectCount();
        // on a transient path the suspects are not what keeps the object: the durable paths say what to remove
        if (suspects > 0 && !path.isTransient()) {
            header.getChildren().add(pathNote(suspects + (suspects == 1 ? " suspect reference" : " suspect references")
                    + " (marked SUSPECT): remove one of these and the "
                    + path.steps().get(path.steps().size() - 1).title() + " can go.", "suspects"));
        }
        header.setManaged(!header.getChildren().isEmpty());
        header.setVisible(header.isManaged());
        return header;
    }

    private static Label pathNote(String text, String styleClass) {
        Label note = new Label(text);
        note.getStyleClass().addAll("trace-path-note", styleClass);
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        return note;
    }

    private static String summaryText(List<ObjectAnalysis> analyses, List<TracePath> paths) {
        if (analyses.isEmpty()) {
            return "";
        }
        if (paths.isEmpty()) {
            return "No strong path from a GC root.";
        }
        ObjectAnalysis first = analyses.get(0);
        String verdict = first.pathVerdictReason().isEmpty() ? "" : " " + capitalised(first.pathVerdictReason()) + ".";
        return "From the GC root down to the leaked object, one line per reference." + verdict;
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
