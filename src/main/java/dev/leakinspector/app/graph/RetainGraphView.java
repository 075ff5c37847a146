package dev.leakinspector.app.graph;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.graph.RetainGraphLayout;
import dev.leakinspector.graph.RetainGraphDot;
import dev.leakinspector.graph.RetainGraphSvg;
import dev.leakinspector.graph.NodeInspector;
import dev.leakinspector.heap.ChangeHint;
import dev.leakinspector.heap.LeakTraceText;
import dev.leakinspector.heap.ObjectContents;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Retain Cycle graph: a {@link RetainGraph} laid out top down by {@link RetainGraphLayout} (GC roots at the
 * top, the leaked object at the bottom), with a toolbar (zoom, fit, export PNG/SVG/DOT, copy as text), a legend,
 * and a details pane for the clicked object: its class, leaking status, for the leaked object or either end of a
 * suspect reference what to change ({@link RetainGraph#changesAt}), how the graph holds it and, with a
 * {@link NodeInspector} on the dump behind the graph ({@link #setInspector}), its fields and its retained size,
 * read in the background when it is clicked. When the graph has nothing to draw it shows why instead.
 *
 * <pre>{@code
 * RetainGraphView view = new RetainGraphView();
 * view.setOnNodeSelected(node -> statusBar.setText(node.className()));
 * view.setGraph(RetainGraph.builder().add(analysis, viewStackLabel).build());
 * }</pre>
 *
 * <p>Threading: a JavaFX node; create and use it on the FX thread only. {@link #setGraph} lays the graph out on
 * the calling (FX) thread: a few milliseconds for retention-path sizes (the first call also starts ELK). What the
 * inspector reads from the dump arrives later, on the FX thread; a click on another object cancels a retained-size
 * computation still running.
 *
 * <p>Styling: {@code graph.css} beside this class; style classes {@code retain-graph}, {@code graph-node} (with
 * {@code leaking-yes}, {@code leaking-no}, {@code leaking-unknown}, {@code leaked}, {@code gc-root}),
 * {@code graph-edge} (with {@code suspect}, {@code back-edge}), {@code edge-label}, in the details pane
 * {@code what-to-change}, {@code retained-size} (pseudo-class {@code :pending} while it is computed) and {@code node-fields} (the fields
 * table; rows {@code :in-graph}, {@code :referent}). Node boxes have the id {@link RetainGraph.Node#key()}.
 */
public class RetainGraphView extends Region {
    /** Node text size in points; the layout measures with the same fonts. */
    static final double FONT_SIZE = 12;
    private static final double MIN_SCALE = 0.1;
    private static final double MAX_SCALE = 4;
    private static final double ZOOM_STEP = 1.25;
    /** A press that moves less than this is a click, not a pan. */
    private static final double CLICK_SLOP = 4;
    /** PNG exports are rendered at twice the screen size, so they stay sharp in documents. */
    private static final double PNG_SCALE = 2;
    /** Wide enough for a field's name and a reference value ({@code String@0x7ff6c1a2b3c8 "…}) side by side. */
    private static final double DETAILS_WIDTH = 380;

    private final BorderPane root = new BorderPane();
    private final Pane viewport = new Pane();
    private final Group zoomGroup = new Group();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Label message = new Label();
    private final VBox details = new VBox(6);
    private final HBox toolbar = new HBox(6);
    private final ReadOnlyObjectWrapper<RetainGraph> graph = new ReadOnlyObjectWrapper<>(this, "graph");
    private final ReadOnlyObjectWrapper<RetainGraph.Node> selectedNode = new ReadOnlyObjectWrapper<>(this, "selectedNode");
    private final Map<Long, Region> nodeBoxes = new LinkedHashMap<>();
    private final List<Button> graphButtons = new ArrayList<>();
    private Pane canvas;
    private RetainGraphLayout.Result layout;
    private Consumer<RetainGraph.Node> onNodeSelected = n -> { };
    /** Reads fields and retained sizes from the dump behind the graph; null when there is none. */
    private NodeInspector inspector;
    private double pressX;
    private double pressY;
    private double pressTranslateX;
    private double pressTranslateY;
    private boolean dragged;
    /** A graph was set before the viewport had a size: fit it when it gets one. */
    private boolean fitPending;

    public RetainGraphView() {
        getStyleClass().add("retain-graph");
        getStylesheets().add(Objects.requireNonNull(RetainGraphView.class.getResource("graph.css"),
                "graph.css beside RetainGraphView").toExternalForm());

        zoomGroup.getTransforms().add(scale);
        viewport.getChildren().add(zoomGroup);
        viewport.getStyleClass().add("graph-viewport");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        viewport.setMinSize(100, 100);
        installPanAndZoom();
        // Region.resize sets the width before the height: fit once both are there
        viewport.widthProperty().addListener((o, was, now) -> fitIfPending());
        viewport.heightProperty().addListener((o, was, now) -> fitIfPending());

        message.getStyleClass().add("graph-message");
        message.setWrapText(true);
        message.setMaxWidth(520);

        StackPane center = new StackPane(viewport, message);
        StackPane.setAlignment(message, Pos.CENTER);
        root.setCenter(center);

        buildToolbar();
        root.setTop(toolbar);
        root.setBottom(legend());

        details.getStyleClass().add("graph-details");
        details.setPadding(new Insets(10));
        details.setPrefWidth(DETAILS_WIDTH);
        ScrollPane detailsScroll = new ScrollPane(details);
        detailsScroll.setFitToWidth(true);
        detailsScroll.getStyleClass().add("graph-details-scroll");
        detailsScroll.setPrefWidth(DETAILS_WIDTH + 12);
        root.setRight(detailsScroll);
        showDetails(null);

        getChildren().add(root);
        setGraph(null);
    }

    // ------------------------------------------------------------------ API

    /** Shows a graph, or (null) an empty view; lays it out and fits it into the view. */
    public final void setGraph(RetainGraph value) {
        if (inspector != null) {
            inspector.cancelRetainedSize();
        }
        graph.set(value);
        fitPending = false;
        selectedNode.set(null);
        nodeBoxes.clear();
        zoomGroup.getChildren().clear();
        canvas = null;
        layout = null;
        boolean drawable = value != null && value.state() == RetainGraph.State.GRAPH;
        graphButtons.forEach(b -> b.setDisable(!drawable));
        if (value == null) {
            showMessage("No object selected. Select a leak and click Retain Cycle.");
        } else if (!drawable) {
            showMessage(value.message());
        } else {
            message.setVisible(false);
            layout = new RetainGraphLayout(fxMetrics()).layout(value);
            canvas = draw(value, layout);
            zoomGroup.getChildren().add(canvas);
            // fit now, or once the viewport has its size (it may not be in a scene yet)
            fitPending = true;
            fit();
        }
        showDetails(null);
        // select the leaked object: its retained size is the first thing asked
        if (drawable && !value.leakedObjects().isEmpty()) {
            select(value.leakedObjects().get(0));
        }
    }

    public final RetainGraph getGraph() {
        return graph.get();
    }

    public final ReadOnlyObjectProperty<RetainGraph> graphProperty() {
        return graph.getReadOnlyProperty();
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
        showDetails(selectedNode.get());
    }

    public final NodeInspector getInspector() {
        return inspector;
    }

    /** Called on the FX thread when the user clicks an object (besides the details pane showing it). */
    public final void setOnNodeSelected(Consumer<RetainGraph.Node> callback) {
        this.onNodeSelected = callback == null ? n -> { } : callback;
    }

    /** Shows this object's details as if clicked. */
    public final void select(RetainGraph.Node node) {
        nodeBoxes.values().forEach(b -> b.pseudoClassStateChanged(SELECTED, false));
        selectedNode.set(node);
        if (node != null) {
            Region box = nodeBoxes.get(node.objectId());
            if (box != null) {
                box.pseudoClassStateChanged(SELECTED, true);
            }
        }
        showDetails(node);
    }

    /**
     * Shows the details of the object with this id as if it were clicked (without calling the
     * {@link #setOnNodeSelected} callback); an id not in the graph changes nothing.
     */
    public final void select(long objectId) {
        RetainGraph g = graph.get();
        if (g != null) {
            g.node(objectId).ifPresent(this::select);
        }
    }

    /** The current zoom factor (1 = 100 %). */
    public final double getZoom() {
        return scale.getX();
    }

    /** Zooms by {@code factor} about the centre of the view. */
    public final void zoom(double factor) {
        zoomAt(factor, viewport.getWidth() / 2, viewport.getHeight() / 2);
    }

    /** Scales the whole graph into the view (never above 100 %) and centres it. */
    public final void fit() {
        if (layout == null || viewport.getWidth() <= 0 || viewport.getHeight() <= 0) {
            return; // a pending fit stays pending until the viewport has both its width and height
        }
        fitPending = false;
        double s = Math.min(1, Math.min(viewport.getWidth() / layout.width(), viewport.getHeight() / layout.height()));
        s = Math.max(MIN_SCALE, s);
        scale.setX(s);
        scale.setY(s);
        zoomGroup.setTranslateX((viewport.getWidth() - layout.width() * s) / 2);
        zoomGroup.setTranslateY(Math.max(0, (viewport.getHeight() - layout.height() * s) / 2));
    }

    private void fitIfPending() {
        if (fitPending) {
            fit();
        }
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

    /** The drawing as an SVG document (boxes, text, paths, arrowheads, legend); empty if there is no graph. */
    public final String toSvg() {
        return layout == null ? "" : RetainGraphSvg.write(graph.get(), layout, fxMetrics().lineHeight());
    }

    /** The graph as Graphviz DOT; empty if there is no graph. */
    public final String toDot() {
        return layout == null ? "" : RetainGraphDot.write(graph.get());
    }

    /** Renders the whole graph (not just the visible part) at twice its size; null if there is no graph. */
    public final WritableImage snapshotGraph() {
        if (canvas == null) {
            return null;
        }
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(new Scale(PNG_SCALE, PNG_SCALE));
        params.setFill(Color.TRANSPARENT);
        return canvas.snapshot(params, null);
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

    // ------------------------------------------------------------------ drawing

    private static final javafx.css.PseudoClass SELECTED = javafx.css.PseudoClass.getPseudoClass("selected");
    private static final javafx.css.PseudoClass PENDING = javafx.css.PseudoClass.getPseudoClass("pending");

    /** Measures with the fonts the node labels use (set in code, so CSS cannot make a label outgrow its box). */
    static RetainGraphLayout.TextMetrics fxMetrics() {
        Font regular = Font.font(Font.getDefault().getFamily(), FONT_SIZE);
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, FONT_SIZE);
        Text probe = new Text();
        probe.setFont(regular);
        probe.setText("Xg");
        double lineHeight = Math.ceil(probe.getLayoutBounds().getHeight()) + 2;
        return new RetainGraphLayout.TextMetrics() {
            @Override
            public double width(String text, boolean isBold) {
                probe.setFont(isBold ? bold : regular);
                probe.setText(text);
                // a little slack: label skins round and may add insets
                return Math.ceil(probe.getLayoutBounds().getWidth()) + 4;
            }

            @Override
            public double lineHeight() {
                return lineHeight;
            }
        };
    }

    private Pane draw(RetainGraph g, RetainGraphLayout.Result r) {
        Pane pane = new Pane();
        pane.getStyleClass().add("graph-canvas");
        pane.setPrefSize(r.width(), r.height());
        pane.setMinSize(r.width(), r.height());
        pane.setMaxSize(r.width(), r.height());
        pane.resize(r.width(), r.height());
        List<Node> edgeShapes = new ArrayList<>();
        List<Node> labels = new ArrayList<>();
        for (RetainGraphLayout.EdgeRoute route : r.routes()) {
            drawEdge(g, route, edgeShapes, labels);
        }
        pane.getChildren().addAll(edgeShapes);
        pane.getChildren().addAll(labels);
        Font regular = Font.font(Font.getDefault().getFamily(), FONT_SIZE);
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, FONT_SIZE);
        double lineHeight = fxMetrics().lineHeight();
        for (RetainGraph.Node n : g.nodes()) {
            RetainGraphLayout.Box b = r.boxes().get(n.objectId());
            VBox box = new VBox();
            box.setId(n.key());
            box.getStyleClass().addAll("graph-node", RetainGraphLayout.statusStyle(n));
            if (n.isRoot()) {
                box.getStyleClass().add("gc-root");
            }
            if (n.leakedObject()) {
                box.getStyleClass().add("leaked");
            }
            box.setPadding(new Insets(RetainGraphLayout.PADDING_Y, RetainGraphLayout.PADDING_X,
                    RetainGraphLayout.PADDING_Y, RetainGraphLayout.PADDING_X));
            for (RetainGraphLayout.NodeLine line : r.lines().get(n.objectId())) {
                Label l = new Label(line.text());
                l.setFont(line.role() == RetainGraphLayout.NodeLine.Role.TITLE ? bold : regular);
                l.getStyleClass().add("node-" + line.role().name().toLowerCase(Locale.ROOT));
                l.setMinHeight(lineHeight);
                l.setPrefHeight(lineHeight);
                l.setMinWidth(Region.USE_PREF_SIZE);
                box.getChildren().add(l);
            }
            box.setManaged(false);
            box.resizeRelocate(b.x(), b.y(), b.width(), b.height());
            box.getProperties().put(RetainGraph.Node.class, n);
            Tooltip.install(box, new Tooltip(tooltip(n)));
            box.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !dragged) {
                    select(n);
                    onNodeSelected.accept(n);
                }
            });
            nodeBoxes.put(n.objectId(), box);
            pane.getChildren().add(box);
        }
        return pane;
    }

    private void drawEdge(RetainGraph g, RetainGraphLayout.EdgeRoute route, List<Node> shapes, List<Node> labels) {
        RetainGraph.Edge e = route.edge();
        List<RetainGraphLayout.Point> pts = route.points();
        Polyline line = new Polyline();
        for (RetainGraphLayout.Point p : pts) {
            line.getPoints().addAll(p.x(), p.y());
        }
        line.getStyleClass().add("graph-edge");
        Polygon head = arrowHead(pts.get(pts.size() - 2), pts.get(pts.size() - 1));
        head.getStyleClass().add("graph-arrow");
        Label label = new Label(RetainGraphLayout.edgeText(e));
        label.getStyleClass().add("edge-label");
        label.setFont(Font.font(Font.getDefault().getFamily(), FONT_SIZE));
        RetainGraphLayout.Box lb = route.labelBox();
        label.setManaged(false);
        label.resizeRelocate(lb.x(), lb.y(), lb.width(), lb.height());
        String from = g.node(e.from()).map(RetainGraph.Node::className).orElse("?");
        String to = g.node(e.to()).map(RetainGraph.Node::className).orElse("?");
        label.setTooltip(new Tooltip(from + "\n  —" + e.reference() + "→\n" + to
                + (e.suspect() ? "\nSuspect: this reference may be the one to remove" : "")
                + (e.libraryHold() ? "\nJDK/toolkit hold: " + e.libraryHoldWhy() + " (not the program's to remove)" : "")
                + (e.backEdge() ? "\nCloses a reference cycle (drawn pointing up)" : "")));
        for (Node n : List.of(line, head, label)) {
            if (e.suspect()) {
                n.getStyleClass().add("suspect");
            }
            if (e.backEdge()) {
                n.getStyleClass().add("back-edge");
            }
            if (e.libraryHold()) {
                n.getStyleClass().add("library-hold");
            }
            n.getProperties().put(RetainGraph.Edge.class, e);
        }
        shapes.add(line);
        shapes.add(head);
        labels.add(label);
    }

    private static Polygon arrowHead(RetainGraphLayout.Point from, RetainGraphLayout.Point to) {
        double dx = to.x() - from.x();
        double dy = to.y() - from.y();
        double len = Math.max(1e-6, Math.hypot(dx, dy));
        double ux = dx / len;
        double uy = dy / len;
        double size = 9;
        double baseX = to.x() - ux * size;
        double baseY = to.y() - uy * size;
        return new Polygon(to.x(), to.y(), baseX - uy * size / 2, baseY + ux * size / 2, baseX + uy * size / 2,
                baseY - ux * size / 2);
    }

    private static String tooltip(RetainGraph.Node n) {
        StringBuilder sb = new StringBuilder(n.className()).append(n.classObject() ? " (class)" : "");
        if (!n.label().isEmpty()) {
            sb.append('\n').append(n.label());
        }
        if (n.isRoot()) {
            sb.append("\nGC root: ").append(n.rootDescription());
        }
        sb.append("\nLeaking: ").append(n.leaking());
        if (!n.leakingReason().isEmpty()) {
            sb.append(" (").append(n.leakingReason()).append(')');
        }
        return sb.toString();
    }

    private void showMessage(String text) {
        message.setText(text);
        message.setVisible(true);
    }

    private void showDetails(RetainGraph.Node n) {
        details.getChildren().clear();
        Label heading = new Label("Details");
        heading.getStyleClass().add("details-heading");
        details.getChildren().add(heading);
        if (n == null) {
            details.getChildren().add(wrap(graph.get() != null && graph.get().state() == RetainGraph.State.GRAPH
                    ? "Click an object to see how it is held." : ""));
            return;
        }
        details.getChildren().add(field("Class", n.className() + (n.classObject() ? " (class object: its statics)" : "")));
        details.getChildren().add(field("Object id", "0x" + Long.toHexString(n.objectId())));
        if (!n.label().isEmpty()) {
            details.getChildren().add(field("View stack", n.label()));
        }
        details.getChildren().add(field("Leaking", n.leaking() + (n.leakingReason().isEmpty() ? "" : " — " + n.leakingReason())));
        // the leaked object, or either end of a suspect reference: what the program should change to let it go
        List<String> changes = graph.get().changesAt(n.objectId()).stream().map(ChangeHint::line).toList();
        if (!changes.isEmpty()) {
            VBox row = field("What to change", String.join("\n", changes));
            row.getChildren().get(1).getStyleClass().add("what-to-change");
            details.getChildren().add(row);
        }
        showRetainedSize(n);
        if (n.isRoot()) {
            details.getChildren().add(field("GC root", n.rootKind().description() + " — " + n.rootDescription()));
        }
        RetainGraph g = graph.get();
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (RetainGraph.Edge e : g.edges()) {
            String mark = e.suspect() ? "  (suspect)" : e.libraryHold() ? "  (JDK/toolkit hold)" : e.backEdge() ? "  (cycle)" : "";
            // the reference on a line of its own: long names wrap at their dots, not in the middle of a pair
            if (e.to() == n.objectId()) {
                in.add("• " + RetainGraph.withoutHiddenSuffix(e.reference()) + mark + "\n   from "
                        + g.node(e.from()).map(RetainGraph.Node::title).orElse("?"));
            }
            if (e.from() == n.objectId()) {
                out.add("• " + RetainGraph.withoutHiddenSuffix(e.reference()) + mark + "\n   → "
                        + g.node(e.to()).map(RetainGraph.Node::title).orElse("?"));
            }
        }
        if (!in.isEmpty()) {
            details.getChildren().add(field("Held by", String.join("\n", in)));
        }
        if (!out.isEmpty()) {
            details.getChildren().add(field("Its references in this graph", String.join("\n", out)));
        }
        showFields(n);
    }

    /**
     * The retained size: the one the analysis computed (the leaked objects), else, with an inspector, computed now
     * in the background ("computing…" until then); without one, said to be unknown for a leaked object only.
     */
    private void showRetainedSize(RetainGraph.Node n) {
        if (n.retainedBytes() < 0 && inspector == null) {
            if (n.leakedObject()) {
                details.getChildren().add(retainedSizeField("not computed"));
            }
            return;
        }
        if (n.retainedBytes() >= 0) {
            details.getChildren().add(retainedSizeField(bytes(n.retainedBytes())));
            if (inspector != null) {
                // the user moved on from whatever was being computed
                inspector.cancelRetainedSize();
            }
            return;
        }
        VBox row = retainedSizeField("computing… (a pass over the whole heap)");
        Label value = (Label) row.getChildren().get(1);
        value.pseudoClassStateChanged(PENDING, true);
        details.getChildren().add(row);
        whenDone(inspector.retainedSize(n.objectId()), size -> {
            value.pseudoClassStateChanged(PENDING, false);
            value.setText(bytes(size));
        }, failure -> {
            value.pseudoClassStateChanged(PENDING, false);
            value.setText("not available: " + NodeInspector.messageOf(failure));
        });
    }

    private static VBox retainedSizeField(String text) {
        VBox row = field("Retained size", text);
        row.getChildren().get(1).getStyleClass().add("retained-size");
        return row;
    }

    /** With an inspector: what the object holds, read from the dump (at once when it was read before). */
    private void showFields(RetainGraph.Node n) {
        if (inspector == null) {
            return;
        }
        Label heading = new Label("Fields");
        heading.getStyleClass().add("details-name");
        Label summary = wrap("reading…");
        summary.pseudoClassStateChanged(PENDING, true);
        VBox section = new VBox(3, heading, summary);
        section.getStyleClass().add("fields-section");
        details.getChildren().add(section);
        whenDone(inspector.contents(n.objectId()), contents -> {
            summary.pseudoClassStateChanged(PENDING, false);
            heading.setText(switch (contents.kind()) {
                case CLASS -> "Static fields";
                case OBJECT_ARRAY, PRIMITIVE_ARRAY -> "Elements";
                default -> "Fields";
            });
            summary.setText(summary(contents));
            Set<Long> drawn = new HashSet<>();
            graph.get().nodes().forEach(node -> drawn.add(node.objectId()));
            section.getChildren().add(new FieldsTable(contents, drawn, this::goTo));
            if (contents.more() > 0) {
                section.getChildren().add(wrap(String.format(Locale.ROOT, "… %,d more not listed", contents.more())));
            }
        }, failure -> {
            summary.pseudoClassStateChanged(PENDING, false);
            summary.setText("Not read from the heap dump: " + NodeInspector.messageOf(failure));
        });
    }

    /** One line above the fields: how many, the shallow size, and what a reference object's referent is. */
    private static String summary(ObjectContents c) {
        String shallow = "shallow size " + bytes(c.shallowSize());
        return switch (c.kind()) {
            case OBJECT_ARRAY, PRIMITIVE_ARRAY -> String.format(Locale.ROOT, "%s of length %,d · %s",
                    RetainGraph.shortName(c.className()), c.length(), shallow);
            case CLASS -> c.length() + " static field" + (c.length() == 1 ? "" : "s") + " · " + shallow;
            default -> {
                long inherited = c.fields().stream().filter(f -> !f.declaringClass().equals(c.className())).count();
                yield c.length() + " field" + (c.length() == 1 ? "" : "s")
                        + (inherited == 0 ? "" : " (" + inherited + " inherited, listed after its own)") + " · " + shallow
                        + (c.referenceType().isEmpty() ? ""
                        : " · a " + c.referenceType() + " reference: its referent is not held strongly");
            }
        };
    }

    /** Selects the graph object a field refers to, as if it were clicked. */
    private void goTo(long objectId) {
        RetainGraph g = graph.get();
        if (g == null) {
            return;
        }
        g.node(objectId).ifPresent(node -> {
            select(node);
            onNodeSelected.accept(node);
        });
    }

    /**
     * Runs {@code onResult} or {@code onFailure} on the FX thread: at once when the future is done already, else when
     * it completes. A cancellation is ignored: a newer click replaced the request, and the pane with it.
     */
    private static <T> void whenDone(CompletableFuture<T> future, Consumer<T> onResult, Consumer<Throwable> onFailure) {
        future.whenComplete((result, failure) -> {
            Runnable show = () -> {
                if (failure == null) {
                    onResult.accept(result);
                } else if (!NodeInspector.isCancellation(failure)) {
                    onFailure.accept(failure);
                }
            };
            if (Platform.isFxApplicationThread()) {
                show.run();
            } else {
                Platform.runLater(show);
            }
        });
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " bytes";
        }
        return String.format(Locale.ROOT, "%,d bytes (%.1f %s)", b, b < 1024 * 1024 ? b / 1024.0 : b / (1024.0 * 1024),
                b < 1024 * 1024 ? "KiB" : "MiB");
    }

    private static VBox field(String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add("details-name");
        Label v = wrap(value);
        v.getStyleClass().add("details-value");
        return new VBox(1, n, v);
    }

    private static Label wrap(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    private void buildToolbar() {
        toolbar.getStyleClass().add("graph-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(4, 8, 4, 8));
        Button zoomIn = button("+", "Zoom in (Ctrl+wheel)", () -> zoom(ZOOM_STEP));
        Button zoomOut = button("−", "Zoom out (Ctrl+wheel)", () -> zoom(1 / ZOOM_STEP));
        Button actual = button("100%", "Actual size", () -> zoom(1 / getZoom()));
        Button fit = button("Fit", "Show the whole graph", this::fit);
        Button png = button("PNG…", "Export the graph as a PNG image", () -> exportWithChooser("PNG image", "png"));
        Button svg = button("SVG…", "Export the graph as an SVG drawing", () -> exportWithChooser("SVG drawing", "svg"));
        Button dot = button("DOT…", "Export the graph for Graphviz", () -> exportWithChooser("Graphviz DOT", "dot"));
        Button copy = button("Copy as text", "Copy the paths in the command line's trace format", this::copyAsText);
        graphButtons.addAll(List.of(zoomIn, zoomOut, actual, fit, png, svg, dot));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label hint = new Label("Drag to pan · Ctrl+wheel to zoom · click an object for details");
        hint.getStyleClass().add("graph-hint");
        toolbar.getChildren().addAll(zoomIn, zoomOut, actual, fit, new Separator(javafx.geometry.Orientation.VERTICAL),
                png, svg, dot, copy, grow, hint);
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(true);
        return b;
    }

    private void exportWithChooser(String description, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + description);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*." + extension));
        List<RetainGraph.Node> leaked = graph.get() == null ? List.of() : graph.get().leakedObjects();
        String base = leaked.isEmpty() ? "retain-cycle" : "retain-cycle-" + leaked.get(0).shortClassName().replace('$', '-');
        chooser.setInitialFileName(base + "." + extension);
        Window owner = getScene() == null ? null : getScene().getWindow();
        java.io.File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return;
        }
        try {
            switch (extension) {
                case "png": exportPng(file.toPath()); break;
                case "svg": exportSvg(file.toPath()); break;
                default: exportDot(file.toPath());
            }
        } catch (IOException | RuntimeException ex) {
            showDetailsError("Could not write " + file + ": " + ex.getMessage());
        }
    }

    private void showDetailsError(String text) {
        Label l = wrap(text);
        l.getStyleClass().add("details-error");
        details.getChildren().add(l);
    }

    private HBox legend() {
        HBox legend = new HBox(14);
        legend.getStyleClass().add("graph-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.setPadding(new Insets(4, 8, 4, 8));
        legend.getChildren().addAll(
                swatch("leaking-no", "not leaking"),
                swatch("leaking-unknown", "unknown"),
                swatch("leaking-yes", "leaking"),
                swatch("leaked", "leaked object"),
                edgeSwatch("suspect", "suspect reference (remove one of these)"),
                edgeSwatch("library-hold", "JDK/toolkit hold (not the program's)"),
                edgeSwatch("back-edge", "cycle (back edge)"));
        return legend;
    }

    private static HBox swatch(String styleClass, String text) {
        Region box = new Region();
        box.getStyleClass().addAll("legend-swatch", "graph-node", styleClass);
        box.setMinSize(16, 12);
        box.setPrefSize(16, 12);
        box.setMaxSize(16, 12);
        HBox item = new HBox(5, box, new Label(text));
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
    }

    private static HBox edgeSwatch(String styleClass, String text) {
        Line line = new Line(0, 0, 24, 0);
        line.getStyleClass().addAll("graph-edge", styleClass);
        HBox item = new HBox(5, line, new Label(text));
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
    }

    // ------------------------------------------------------------------ pan and zoom

    private void installPanAndZoom() {
        viewport.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            pressX = e.getX();
            pressY = e.getY();
            pressTranslateX = zoomGroup.getTranslateX();
            pressTranslateY = zoomGroup.getTranslateY();
            dragged = false;
        });
        viewport.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            double dx = e.getX() - pressX;
            double dy = e.getY() - pressY;
            if (!dragged && Math.hypot(dx, dy) < CLICK_SLOP) {
                return;
            }
            dragged = true;
            zoomGroup.setTranslateX(pressTranslateX + dx);
            zoomGroup.setTranslateY(pressTranslateY + dy);
        });
        viewport.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown() || e.isShortcutDown()) {
                zoomAt(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.getX(), e.getY());
            } else {
                zoomGroup.setTranslateX(zoomGroup.getTranslateX() + e.getDeltaX());
                zoomGroup.setTranslateY(zoomGroup.getTranslateY() + e.getDeltaY());
            }
            e.consume();
        });
        viewport.addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
    }

    /** Zooms keeping the graph point under ({@code px}, {@code py}) of the viewport where it is. */
    private void zoomAt(double factor, double px, double py) {
        double old = scale.getX();
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, old * factor));
        if (next == old) {
            return;
        }
        double tx = zoomGroup.getTranslateX();
        double ty = zoomGroup.getTranslateY();
        scale.setX(next);
        scale.setY(next);
        zoomGroup.setTranslateX(px - (px - tx) * next / old);
        zoomGroup.setTranslateY(py - (py - ty) * next / old);
    }
}
