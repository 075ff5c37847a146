package dev.leakinspector.app.graph;

import dev.leakinspector.graph.RetainGraph;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph's toolbar (zoom, 100 %, Fit, Readable, Fold all, export PNG/SVG/DOT, copy as text) and its legend. The
 * buttons act on the {@link RetainGraphView} they belong to; exports ask for a file and say on the details pane
 * when it cannot be written. FX thread only. Style classes {@code graph-toolbar}, {@code graph-hint},
 * {@code graph-legend}.
 */
final class GraphToolbar extends HBox {
    private final RetainGraphView view;
    private final List<Button> graphButtons = new ArrayList<>();
    private final Button foldAll;
    private final javafx.scene.control.ToggleButton overview = new javafx.scene.control.ToggleButton("Overview");

    GraphToolbar(RetainGraphView view) {
        super(6);
        this.view = view;
        getStyleClass().add("graph-toolbar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 8, 4, 8));
        Button zoomIn = button("+", "Zoom in (Ctrl+wheel)", () -> view.zoom(GraphCanvas.ZOOM_STEP));
        Button zoomOut = button("−", "Zoom out (Ctrl+wheel)", () -> view.zoom(1 / GraphCanvas.ZOOM_STEP));
        Button actual = button("100%", "Actual size", () -> view.zoom(1 / view.getZoom()));
        Button fit = button("Fit", "Show the whole graph", view::fit);
        Button readable = button("Suspects", "Back to the suspect references at a readable size", view::showReadable);
        foldAll = button("Fold all", "Fold the objects you expanded back into their groups", view::foldAll);
        Button png = button("PNG…", "Export the graph as a PNG image", () -> exportWithChooser("PNG image", "png"));
        Button svg = button("SVG…", "Export the graph as an SVG drawing", () -> exportWithChooser("SVG drawing", "svg"));
        Button dot = button("DOT…", "Export the graph for Graphviz", () -> exportWithChooser("Graphviz DOT", "dot"));
        Button copy = button("Copy as text", "Copy the paths in the command line's trace format", view::copyAsText);
        overview.setMinWidth(Region.USE_PREF_SIZE);
        overview.setTooltip(new Tooltip("The whole graph in small, with a frame on what the view shows: click in it to go there"));
        overview.setOnAction(e -> view.setOverviewShown(overview.isSelected()));
        graphButtons.addAll(List.of(zoomIn, zoomOut, actual, fit, readable, png, svg, dot));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label hint = new Label("Drag to pan · Ctrl+wheel to zoom · click an object for details, a dashed one to open it");
        hint.getStyleClass().add("graph-hint");
        hint.setMinWidth(0);
        getChildren().addAll(zoomIn, zoomOut, actual, fit, overview, readable, foldAll, new Separator(Orientation.VERTICAL),
                png, svg, dot, copy, grow, hint);
    }

    /** Enables what applies to the view's graph: a drawable one, and groups that were expanded. */
    void update(boolean drawable, boolean anyExpanded) {
        graphButtons.forEach(b -> b.setDisable(!drawable));
        overview.setDisable(!drawable);
        foldAll.setDisable(!drawable || !anyExpanded);
    }

    /** Keeps the Overview button in step with the view. */
    void overviewShown(boolean shown) {
        overview.setSelected(shown);
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        // in a narrow window the hint gives way, not the buttons' words
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(true);
        return b;
    }

    private void exportWithChooser(String description, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + description);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        List<RetainGraph.Node> leaked = view.getGraph() == null ? List.of() : view.getGraph().leakedObjects();
        String base = leaked.isEmpty() ? "retain-cycle" : "retain-cycle-" + leaked.get(0).shortClassName().replace('$', '-');
        chooser.setInitialFileName(base + "." + extension);
        Window owner = getScene() == null ? null : getScene().getWindow();
        java.io.File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return;
        }
        try {
            switch (extension) {
                case "png": view.exportPng(file.toPath()); break;
                case "svg": view.exportSvg(file.toPath()); break;
                default: view.exportDot(file.toPath());
            }
        } catch (IOException | RuntimeException ex) {
            view.showError("Could not write " + file + ": " + ex.getMessage());
        }
    }

    /** What the colours and lines mean; its items wrap onto a second line in a narrow window, never cut. */
    static FlowPane legend() {
        FlowPane legend = new FlowPane(14, 4);
        legend.getStyleClass().add("graph-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setPadding(new Insets(4, 8, 4, 8));
        legend.getChildren().addAll(
                swatch("leaking-no", "not leaking"),
                swatch("leaking-unknown", "unknown"),
                swatch("leaking-yes", "leaking"),
                swatch("leaked", "leaked object"),
                swatch("graph-group", "folded (click to open)"),
                edgeSwatch("suspect", "suspect reference (remove one of these)"),
                edgeSwatch("library-hold", "JDK/toolkit hold (not the program's)"),
                edgeSwatch("back-edge", "cycle (back edge)"));
        return legend;
    }

    private static HBox swatch(String styleClass, String text) {
        Region box = new Region();
        box.getStyleClass().addAll("legend-swatch", "graph-node", styleClass);
        if (styleClass.equals("graph-group")) {
            box.getStyleClass().add("leaking-yes");
        }
        box.setMinSize(16, 12);
        box.setPrefSize(16, 12);
        box.setMaxSize(16, 12);
        return item(box, text);
    }

    private static HBox item(javafx.scene.Node swatch, String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        HBox item = new HBox(5, swatch, label);
        item.setAlignment(Pos.CENTER_LEFT);
        item.setMinWidth(Region.USE_PREF_SIZE);
        return item;
    }

    private static HBox edgeSwatch(String styleClass, String text) {
        Line line = new Line(0, 0, 24, 0);
        line.getStyleClass().addAll("graph-edge", styleClass);
        return item(line, text);
    }
}
