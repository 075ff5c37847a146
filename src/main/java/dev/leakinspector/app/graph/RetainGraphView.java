package dev.leakinspector.app.graph;

import dev.leakinspector.graph.GraphColors;
import dev.leakinspector.graph.GraphFolding;
import dev.leakinspector.graph.NodeInspector;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.graph.RetainGraphDot;
import dev.leakinspector.graph.RetainGraphLayout;
import dev.leakinspector.graph.RetainGraphSvg;
import dev.leakinspector.heap.LeakTraceText;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Retain Cycle graph: a {@link RetainGraph} folded ({@link RetainGraph#folded}: the leaked object's own
 * internals as one node, collection insides as one step) and laid out top down by {@link RetainGraphLayout} (GC
 * roots at the top, the leaked object at the bottom), with a toolbar and legend ({@link GraphToolbar}), the drawing
 * ({@link GraphCanvas}) and the details of the clicked object ({@link DetailsPane}). It opens readable: text in the
 * UI font's size at 100 %, on the suspect references (else the leaked object and what holds it); <i>Fit</i> shows
 * all. A click on a folded group shows its objects; <i>Fold all</i>, a right click or the details pane fold them
 * back. When the graph has nothing to draw it shows why instead.
 *
 * <pre>{@code
 * RetainGraphView view = new RetainGraphView();
 * view.setOnNodeSelected(node -> statusBar.setText(node.className()));
 * view.setGraph(RetainGraph.builder().add(analysis, viewStackLabel).build());
 * view.select(objectId);   // e.g. from a trace: expands its group if folded, selects it, scrolls to it
 * }</pre>
 *
 * <p>Threading: a JavaFX node; create and use it on the FX thread only. {@link #setGraph} folds and lays the graph
 * out on the calling (FX) thread: a few milliseconds for retention-path sizes (the first call also starts ELK).
 * What the inspector reads from the dump arrives later, on the FX thread.
 *
 * <p>Styling: {@code graph.css} beside this class, its colours from {@link GraphColors} (the exports use the same);
 * style classes {@code retain-graph} and those of the parts. Node boxes have the id {@link RetainGraph.Node#key()}.
 */
public class RetainGraphView extends Region {
    private final BorderPane root = new BorderPane();
    private final GraphCanvas canvas = new GraphCanvas();
    private final GraphOverview overview = new GraphOverview(canvas);
    private final Label message = new Label();
    private final GraphToolbar toolbar;
    private final DetailsPane details;
    private final ReadOnlyObjectWrapper<RetainGraph> graph = new ReadOnlyObjectWrapper<>(this, "graph");
    private final ReadOnlyObjectWrapper<RetainGraph> drawnGraph = new ReadOnlyObjectWrapper<>(this, "drawnGraph");
    private final ReadOnlyObjectWrapper<RetainGraph.Node> selectedNode = new ReadOnlyObjectWrapper<>(this, "selectedNode");
    private final Set<String> expanded = new HashSet<>();
    private Consumer<RetainGraph.Node> onNodeSelected = n -> { };
    /** Reads fields and retained sizes from the dump behind the graph; null when there is none. */
    private NodeInspector inspector;

    public RetainGraphView() {
        getStyleClass().add("retain-graph");
        getStylesheets().add(Objects.requireNonNull(RetainGraphView.class.getResource("graph.css"),
                "graph.css beside RetainGraphView").toExternalForm());
        // the palette's one source; on the inner pane, so a style set on the view (a theme) does not replace it
        root.setStyle(GraphColors.lookedUpStyle());

        canvas.setOnNodeClicked(n -> {
            select(n);
            onNodeSelected.accept(n);
        });
        canvas.setOnOpenGroup(this::expand);
        canvas.setContextMenu(this::contextMenu);

        message.getStyleClass().add("graph-message");
        message.setWrapText(true);
        message.setMaxWidth(520);
        StackPane center = new StackPane(canvas, message) {
            @Override
            protected void layoutChildren() {
                super.layoutChildren();
                // bottom right, over the drawing
                overview.relocate(getWidth() - overview.getWidth() - 12, getHeight() - overview.getHeight() - 12);
            }
        };
        center.getChildren().add(overview);
        StackPane.setAlignment(message, Pos.CENTER);
        root.setCenter(center);

        toolbar = new GraphToolbar(this);
        root.setTop(toolbar);
        root.setBottom(GraphToolbar.legend());
        details = new DetailsPane(this::goTo, this::expand, this::fold);
        root.setRight(details);

        getChildren().add(root);
        setGraph(null);
    }

    // ------------------------------------------------------------------ API

    /** Shows a graph, or (null) an empty view; folds it, lays it out and opens on its suspect references. */
    public final void setGraph(RetainGraph value) {
        details.cancelPending();
        graph.set(value);
        expanded.clear();
        selectedNode.set(null);
        boolean drawable = value != null && value.state() == RetainGraph.State.GRAPH;
        if (value == null) {
            showMessage("No object selected. Select a leak and click Retain Cycle.");
        } else if (!drawable) {
            showMessage(value.message());
        } else {
            message.setVisible(false);
        }
        redraw();
        details.show(drawnGraph.get(), null);
        if (drawable) {
            canvas.showReadable(focus(), leakedIds());
            // select the leaked object: its retained size is the first thing asked
            if (!value.leakedObjects().isEmpty()) {
                select(value.leakedObjects().get(0));
            }
        }
    }

    /** The graph as it was set: every object, none folded. */
    public final RetainGraph getGraph() {
        return graph.get();
    }

    public final ReadOnlyObjectProperty<RetainGraph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    /** The graph as drawn now: {@link #getGraph()} folded but for the groups the user opened; null without one. */
    public final RetainGraph getDrawnGraph() {
        return drawnGraph.get();
    }

    public final ReadOnlyObjectProperty<RetainGraph> drawnGraphProperty() {
        return drawnGraph.getReadOnlyProperty();
    }

    /** The object whose details are shown (the leaked object after {@link #setGraph}), or null. */
    public final ReadOnlyObjectProperty<RetainGraph.Node> selectedNodeProperty() {
        return selectedNode.getReadOnlyProperty();
    }

    public final RetainGraph.Node getSelectedNode() {
        return selectedNode.get();
    }

    /**
     * Lets the details pane show the clicked object's fields and retained size, read by {@code value} from the dump
     * the graph was made from; null (the default) shows only what the graph knows. The view does not close it.
     */
    public final void setInspector(NodeInspector value) {
        if (inspector != null && inspector != value) {
            inspector.cancelRetainedSize();
        }
        inspector = value;
        details.setInspector(value);
        details.show(drawnGraph.get(), selectedNode.get());
    }

    public final NodeInspector getInspector() {
        return inspector;
    }

    /** Called on the FX thread when the user clicks an object (besides the details pane showing it). */
    public final void setOnNodeSelected(Consumer<RetainGraph.Node> callback) {
        this.onNodeSelected = callback == null ? n -> { } : callback;
    }

    /** Shows this object's details as if clicked (without moving the drawing); null clears the selection. */
    public final void select(RetainGraph.Node node) {
        selectedNode.set(node);
        canvas.markSelected(node == null ? Long.MIN_VALUE : node.objectId());
        details.show(drawnGraph.get(), node);
    }

    /**
     * Selects the object with this id, as if clicked (without calling {@link #setOnNodeSelected}'s callback): opens
     * the folded groups it is in, shows its details and scrolls it into view at a readable zoom. Returns false when
     * the graph has no such object.
     */
    public final boolean select(long objectId) {
        if (!reveal(objectId)) {
            return false;
        }
        select(drawnGraph.get().node(objectId).orElseThrow());
        return true;
    }

    /**
     * Brings the object with this id into view at a readable zoom, opening the folded groups it is in, without
     * selecting it. Returns false when the graph has no such object.
     */
    public final boolean reveal(long objectId) {
        RetainGraph full = graph.get();
        if (full == null || full.state() != RetainGraph.State.GRAPH || full.node(objectId).isEmpty()) {
            return false;
        }
        RetainGraph drawn = drawnGraph.get();
        boolean relaid = drawn.node(objectId).isEmpty();
        if (relaid) {
            for (GraphFolding.Group g : drawn.groupsContaining(objectId)) {
                expanded.add(g.id());
            }
            redraw();
        }
        canvas.reveal(objectId, relaid);
        return true;
    }

    /** Draws the objects of a folded group (a click on it does the same). */
    public final void expand(GraphFolding.Group group) {
        if (expanded.add(group.id())) {
            redraw();
            // where the opened objects hang: the leaked object they are inside, the holder of a collection
            canvas.reveal(group.anchor(), true);
        }
    }

    /** Folds an opened group back into one node or step. */
    public final void fold(GraphFolding.Group group) {
        if (expanded.remove(group.id())) {
            redraw();
            long keep = group.kind() == GraphFolding.Kind.INTERNALS ? group.nodeId() : group.anchor();
            drawnGraph.get().node(keep).ifPresent(n -> {
                select(n);
                canvas.reveal(keep, true);
            });
        }
    }

    /** Folds every opened group back: the drawing the view opened with. */
    public final void foldAll() {
        if (!expanded.isEmpty()) {
            expanded.clear();
            redraw();
            showReadable();
        }
    }

    /** The current zoom factor (1 = 100 %: text in the UI font's size). */
    public final double getZoom() {
        return canvas.zoom();
    }

    /** Zooms by {@code factor} about the centre of the view. */
    public final void zoom(double factor) {
        canvas.zoom(factor);
    }

    /** Scales the whole graph into the view (never above 100 %) and centres it. */
    public final void fit() {
        canvas.fit();
    }

    /** Back to what the view opened on: the suspect references (else the leaked object) at 100 %. */
    public final void showReadable() {
        canvas.showReadable(focus(), leakedIds());
    }

    /** Shows or hides the overview: the whole graph in small, with a frame on what the view shows. */
    public final void setOverviewShown(boolean shown) {
        overview.setShown(shown && canvas.graphLayout() != null);
        toolbar.overviewShown(overview.isVisible());
    }

    public final boolean isOverviewShown() {
        return overview.isVisible();
    }

    /** The trace of the graph's objects in the command line's text format (or the reason there is no graph). */
    public final String traceText() {
        RetainGraph g = graph.get();
        if (g == null) {
            return "";
        }
        return g.state() == RetainGraph.State.GRAPH ? LeakTraceText.format(g.analyses()) : g.message() + System.lineSeparator();
    }

    /** Puts {@link #traceText()} on the system clipboard. */
    public final void copyAsText() {
        ClipboardContent content = new ClipboardContent();
        content.putString(traceText());
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** The drawing as it is folded now, as an SVG document (boxes, text, paths, legend); empty if there is no graph. */
    public final String toSvg() {
        RetainGraphLayout.Result layout = canvas.graphLayout();
        return layout == null ? "" : RetainGraphSvg.write(drawnGraph.get(), layout, GraphCanvas.fxMetrics().lineHeight());
    }

    /** The graph as it is folded now, as Graphviz DOT; empty if there is no graph. */
    public final String toDot() {
        return canvas.graphLayout() == null ? "" : RetainGraphDot.write(drawnGraph.get());
    }

    /** Renders the whole graph (not just the visible part) at twice its size; null if there is no graph. */
    public final WritableImage snapshotGraph() {
        return canvas.snapshotGraph();
    }

    public final void exportPng(Path file) throws IOException {
        WritableImage image = snapshotGraph();
        if (image == null) {
            throw new IOException("there is no graph to export");
        }
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    public final void exportSvg(Path file) throws IOException {
        Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
    }

    public final void exportDot(Path file) throws IOException {
        Files.writeString(file, toDot(), StandardCharsets.UTF_8);
    }

    /** {@code 12,345 bytes (12.1 KiB)}: how sizes are shown. */
    static String bytes(long b) {
        return DetailsPane.bytes(b);
    }

    // ------------------------------------------------------------------ layout of the Region

    @Override
    protected void layoutChildren() {
        root.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    @Override
    protected double computePrefWidth(double height) {
        return root.prefWidth(height);
    }

    @Override
    protected double computePrefHeight(double width) {
        return root.prefHeight(width);
    }

    // ------------------------------------------------------------------ inside

    /** Folds the graph but for the opened groups, lays it out and draws it; keeps the zoom. */
    private void redraw() {
        RetainGraph full = graph.get();
        boolean drawable = full != null && full.state() == RetainGraph.State.GRAPH;
        RetainGraph drawn = drawable ? full.folded(expanded) : full;
        drawnGraph.set(drawn);
        canvas.show(drawable ? drawn : null, drawable ? new RetainGraphLayout(GraphCanvas.fxMetrics()).layout(drawn) : null);
        toolbar.update(drawable, !expanded.isEmpty());
        overview.refreshLater();
        RetainGraph.Node selected = selectedNode.get();
        if (selected != null && drawable) {
            // the details say how the new drawing holds it; an object folded away is no longer selected
            RetainGraph.Node now = drawn.node(selected.objectId()).orElse(null);
            select(now);
        }
    }

    /** What the view opens on: both ends of the suspect references, else the leaked objects and what holds them. */
    private List<Long> focus() {
        RetainGraph drawn = drawnGraph.get();
        Set<Long> out = new LinkedHashSet<>();
        if (drawn == null || drawn.state() != RetainGraph.State.GRAPH) {
            return List.of();
        }
        for (RetainGraph.Edge e : drawn.edges()) {
            if (e.suspect()) {
                out.add(e.from());
                out.add(e.to());
            }
        }
        if (out.isEmpty()) {
            for (RetainGraph.Node n : drawn.leakedObjects()) {
                out.add(n.objectId());
                drawn.edges().stream().filter(e -> e.to() == n.objectId() && e.onPath()).forEach(e -> out.add(e.from()));
            }
        }
        return new ArrayList<>(out);
    }

    private List<Long> leakedIds() {
        RetainGraph drawn = drawnGraph.get();
        return drawn == null || drawn.state() != RetainGraph.State.GRAPH ? List.of()
                : drawn.leakedObjects().stream().map(RetainGraph.Node::objectId).toList();
    }

    private ContextMenu contextMenu(RetainGraph.Node n) {
        RetainGraph drawn = drawnGraph.get();
        ContextMenu menu = new ContextMenu();
        if (n.isGroup()) {
            drawn.groupOfNode(n.objectId()).ifPresent(g -> {
                MenuItem open = new MenuItem("Show the " + g.size() + " objects");
                open.setOnAction(e -> expand(g));
                menu.getItems().add(open);
            });
        }
        for (GraphFolding.Group g : drawn.groupsContaining(n.objectId())) {
            MenuItem fold = new MenuItem(g.kind() == GraphFolding.Kind.INTERNALS ? "Fold: " + g.label()
                    : "Fold into one step: " + g.label());
            fold.setOnAction(e -> fold(g));
            menu.getItems().add(fold);
        }
        return menu.getItems().isEmpty() ? null : menu;
    }

    /** Selects the graph object a field refers to, as if it were clicked. */
    private void goTo(long objectId) {
        if (select(objectId)) {
            onNodeSelected.accept(selectedNode.get());
        }
    }

    void showError(String text) {
        details.showError(text);
    }

    private void showMessage(String text) {
        message.setText(text);
        message.setVisible(true);
    }
}
