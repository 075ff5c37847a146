package dev.leakinspector.app.graph;

import dev.leakinspector.graph.GraphFolding;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.graph.RetainGraphLayout;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.transform.Scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The drawing of a laid-out (folded) graph in a clipped viewport, with zoom and pan: node boxes, edges with
 * arrowheads and labels. Text is drawn in the UI font's size, so at 100 % every label reads like the rest of the app;
 * the view opens at that zoom on what matters ({@link #showReadable}) and never lets a label be cut short (labels
 * take the width their text needs, whatever the zoom). A folded group's box (and a collection step's label) opens the
 * group on a click. FX thread only.
 *
 * <p>Style classes: {@code graph-viewport} (this), {@code graph-canvas}, {@code graph-node} (with the status
 * classes, {@code gc-root}, {@code leaked}, {@code graph-group}), {@code graph-edge}, {@code graph-arrow},
 * {@code edge-label} (with {@code suspect}, {@code back-edge}, {@code library-hold}, {@code graph-group-step}).
 */
final class GraphCanvas extends Pane {
    static final double MIN_SCALE = 0.1;
    static final double MAX_SCALE = 4;
    static final double ZOOM_STEP = 1.25;
    /** A press that moves less than this is a click, not a pan. */
    private static final double CLICK_SLOP = 4;
    /** PNG exports are rendered at twice the screen size, so they stay sharp in documents. */
    private static final double PNG_SCALE = 2;
    /** How much of the drawing stays in view however far it is panned. */
    private static final double KEEP_IN_VIEW = 60;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final Group zoomGroup = new Group();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final Map<Long, Region> nodeBoxes = new LinkedHashMap<>();
    private final List<Label> edgeLabels = new ArrayList<>();
    private Pane canvas;
    private RetainGraph drawn;
    private RetainGraphLayout.Result layout;
    private Consumer<RetainGraph.Node> onNodeClicked = n -> { };
    private Consumer<GraphFolding.Group> onOpenGroup = g -> { };
    private Function<RetainGraph.Node, ContextMenu> contextMenu = n -> null;
    private Runnable onViewChanged = () -> { };
    /** What to show once the viewport has its size (a graph is set before the view is in a scene). */
    private Runnable pendingView;
    private double pressX;
    private double pressY;
    private double pressTranslateX;
    private double pressTranslateY;
    private boolean dragged;

    GraphCanvas() {
        getStyleClass().add("graph-viewport");
        zoomGroup.getTransforms().add(scale);
        getChildren().add(zoomGroup);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setMinSize(100, 100);
        installPanAndZoom();
        // Region.resize sets the width before the height: show once both are there
        widthProperty().addListener((o, was, now) -> runPending());
        heightProperty().addListener((o, was, now) -> runPending());
        javafx.beans.InvalidationListener moved = o -> onViewChanged.run();
        zoomGroup.translateXProperty().addListener(moved);
        zoomGroup.translateYProperty().addListener(moved);
        scale.xProperty().addListener(moved);
        widthProperty().addListener(moved);
        heightProperty().addListener(moved);
    }

    /** Called whenever the visible part of the drawing changes (pan, zoom, resize). */
    void setOnViewChanged(Runnable callback) {
        onViewChanged = callback;
    }

    /** The drawing (unscaled), or null when there is none: for the overview's snapshot. */
    Node drawing() {
        return canvas;
    }

    /** Centres the view on this point of the drawing, keeping the zoom. */
    void centerOn(double x, double y) {
        if (layout == null) {
            return;
        }
        zoomGroup.setTranslateX(getWidth() / 2 - x * zoom());
        zoomGroup.setTranslateY(getHeight() / 2 - y * zoom());
        keepInView();
    }

    /** The size node and edge text is drawn in: the UI font's, so 100 % reads like the rest of the app. */
    static double fontSize() {
        return Font.getDefault().getSize();
    }

    /** Measures with the fonts the labels use (set in code, so CSS cannot make a label outgrow its box). */
    static RetainGraphLayout.TextMetrics fxMetrics() {
        Font regular = Font.font(Font.getDefault().getFamily(), fontSize());
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, fontSize());
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

    void setOnNodeClicked(Consumer<RetainGraph.Node> callback) {
        onNodeClicked = callback;
    }

    void setOnOpenGroup(Consumer<GraphFolding.Group> callback) {
        onOpenGroup = callback;
    }

    /** The menu a right click on a node box shows (null: none). */
    void setContextMenu(Function<RetainGraph.Node, ContextMenu> menu) {
        contextMenu = menu;
    }

    /** Draws {@code graph} as laid out; null clears. Keeps the zoom; say where to look next ({@link #showReadable}). */
    void show(RetainGraph graph, RetainGraphLayout.Result result) {
        nodeBoxes.clear();
        edgeLabels.clear();
        zoomGroup.getChildren().clear();
        pendingView = null;
        drawn = graph;
        layout = result;
        canvas = null;
        if (graph != null) {
            canvas = draw(graph, result);
            zoomGroup.getChildren().add(canvas);
        }
    }

    RetainGraphLayout.Result graphLayout() {
        return layout;
    }

    Region box(long objectId) {
        return nodeBoxes.get(objectId);
    }

    List<Label> edgeLabels() {
        return edgeLabels;
    }

    void markSelected(long objectId) {
        nodeBoxes.values().forEach(b -> b.pseudoClassStateChanged(SELECTED, false));
        Region box = nodeBoxes.get(objectId);
        if (box != null) {
            box.pseudoClassStateChanged(SELECTED, true);
        }
    }

    double zoom() {
        return scale.getX();
    }

    /** Zooms by {@code factor} about the centre of the view. */
    void zoom(double factor) {
        zoomAt(factor, getWidth() / 2, getHeight() / 2);
    }

    /** Scales the whole graph into the view (never above 100 %) and centres it. */
    void fit() {
        whenSized(() -> {
            double s = Math.min(1, Math.min(getWidth() / layout.width(), getHeight() / layout.height()));
            setScale(Math.max(MIN_SCALE, s));
            zoomGroup.setTranslateX((getWidth() - layout.width() * zoom()) / 2);
            zoomGroup.setTranslateY(Math.max(0, (getHeight() - layout.height() * zoom()) / 2));
        });
    }

    /**
     * Shows what matters at a zoom where every label is at least the UI font's size: the whole graph when it fits,
     * else the boxes of {@code focus} (the suspect stretch) centred, or as much of them as fits from the top, but
     * always the boxes of {@code mustSee} (the leaked object), which a reader looks for first.
     */
    void showReadable(List<Long> focus, List<Long> mustSee) {
        whenSized(() -> {
            setScale(1);
            double margin = 20;
            double[] f = span(focus, new double[] {0, 0, layout.width(), layout.height()});
            double[] m = span(mustSee, f);
            double x = place(layout.width(), getWidth(), f[0], f[2], m[0], m[2], margin);
            double y = place(layout.height(), getHeight(), f[1], f[3], m[1], m[3], margin);
            zoomGroup.setTranslateX(-x);
            zoomGroup.setTranslateY(-y);
        });
    }

    /** The bounds (minX, minY, maxX, maxY) of these boxes, or {@code otherwise} when none is drawn. */
    private double[] span(List<Long> ids, double[] otherwise) {
        double[] out = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (long id : ids) {
            RetainGraphLayout.Box b = layout.boxes().get(id);
            if (b != null) {
                out[0] = Math.min(out[0], b.x());
                out[1] = Math.min(out[1], b.y());
                out[2] = Math.max(out[2], b.x() + b.width());
                out[3] = Math.max(out[3], b.y() + b.height());
            }
        }
        return out[0] > out[2] ? otherwise : out;
    }

    /**
     * Where the view starts along one axis: the whole drawing centred when it fits; else the focus centred when it
     * fits, or its start; moved on so the must-see span is in view, and never past the drawing's ends.
     */
    private static double place(double total, double view, double focusMin, double focusMax, double mustMin,
                                double mustMax, double margin) {
        if (total <= view) {
            return (total - view) / 2;
        }
        double start = focusMax - focusMin + 2 * margin <= view ? (focusMin + focusMax) / 2 - view / 2 : focusMin - margin;
        if (start + view < mustMax + margin) {
            start = mustMax + margin - view;
        }
        if (start > mustMin - margin) {
            start = mustMin - margin;
        }
        return Math.max(0, Math.min(total - view, start));
    }

    /** Brings a node's box into view (into the middle, if it was out of view), at a readable zoom. */
    void reveal(long objectId) {
        reveal(objectId, false);
    }

    /**
     * Centres a node's box at a readable zoom; unless {@code always}, leaves the drawing where it is when the box is in
     * view already (not to move it under the user's pointer). After a new layout, pass true: the old position means
     * nothing in the new drawing.
     */
    void reveal(long objectId, boolean always) {
        whenSized(() -> {
            RetainGraphLayout.Box b = layout.boxes().get(objectId);
            if (b == null) {
                return;
            }
            if (zoom() < 1) {
                setScale(1);
            }
            Bounds visible = visibleGraphBounds();
            if (!always && visible.contains(b.x(), b.y()) && visible.contains(b.x() + b.width(), b.y() + b.height())) {
                return; // already in view: do not move the drawing under the user's pointer
            }
            zoomGroup.setTranslateX(getWidth() / 2 - b.centerX() * zoom());
            zoomGroup.setTranslateY(getHeight() / 2 - b.centerY() * zoom());
            clampToDrawing();
        });
    }

    /** The part of the graph's coordinates the viewport shows. */
    Bounds visibleGraphBounds() {
        double s = zoom();
        return new javafx.geometry.BoundingBox(-zoomGroup.getTranslateX() / s, -zoomGroup.getTranslateY() / s,
                getWidth() / s, getHeight() / s);
    }

    /** Renders the whole graph (not just the visible part) at twice its size; null if there is no graph. */
    WritableImage snapshotGraph() {
        if (canvas == null) {
            return null;
        }
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(new Scale(PNG_SCALE, PNG_SCALE));
        params.setFill(Color.TRANSPARENT);
        return canvas.snapshot(params, null);
    }

    private void whenSized(Runnable view) {
        if (layout == null) {
            return;
        }
        if (getWidth() <= 0 || getHeight() <= 0) {
            pendingView = view; // the last request wins once the viewport has both its width and height
            return;
        }
        pendingView = null;
        view.run();
    }

    private void runPending() {
        if (pendingView != null) {
            whenSized(pendingView);
        }
    }

    private void setScale(double s) {
        scale.setX(s);
        scale.setY(s);
    }

    /** No empty band beside the drawing when it is larger than the view; centred along an axis where it is smaller. */
    private void clampToDrawing() {
        double w = layout.width() * zoom();
        double h = layout.height() * zoom();
        zoomGroup.setTranslateX(w <= getWidth() ? (getWidth() - w) / 2
                : Math.max(getWidth() - w, Math.min(0, zoomGroup.getTranslateX())));
        zoomGroup.setTranslateY(h <= getHeight() ? (getHeight() - h) / 2
                : Math.max(getHeight() - h, Math.min(0, zoomGroup.getTranslateY())));
    }

    /** However far it is panned, some of the drawing stays in view: a user never loses it off an edge. */
    private void keepInView() {
        if (layout == null) {
            return;
        }
        double w = layout.width() * zoom();
        double h = layout.height() * zoom();
        double keepX = Math.min(KEEP_IN_VIEW, w);
        double keepY = Math.min(KEEP_IN_VIEW, h);
        zoomGroup.setTranslateX(Math.max(keepX - w, Math.min(getWidth() - keepX, zoomGroup.getTranslateX())));
        zoomGroup.setTranslateY(Math.max(keepY - h, Math.min(getHeight() - keepY, zoomGroup.getTranslateY())));
    }

    // ------------------------------------------------------------------ drawing

    private Pane draw(RetainGraph g, RetainGraphLayout.Result r) {
        Pane pane = new Pane();
        pane.getStyleClass().add("graph-canvas");
        pane.setPrefSize(r.width(), r.height());
        pane.setMinSize(r.width(), r.height());
        pane.setMaxSize(r.width(), r.height());
        pane.resize(r.width(), r.height());
        List<Node> edgeShapes = new ArrayList<>();
        for (RetainGraphLayout.EdgeRoute route : r.routes()) {
            drawEdge(g, route, edgeShapes);
        }
        pane.getChildren().addAll(edgeShapes);
        pane.getChildren().addAll(edgeLabels);
        Font regular = Font.font(Font.getDefault().getFamily(), fontSize());
        Font bold = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, fontSize());
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
            if (n.isGroup()) {
                box.getStyleClass().add("graph-group");
            }
            box.setPadding(new Insets(RetainGraphLayout.PADDING_Y, RetainGraphLayout.PADDING_X,
                    RetainGraphLayout.PADDING_Y, RetainGraphLayout.PADDING_X));
            for (RetainGraphLayout.NodeLine line : r.lines().get(n.objectId())) {
                Label l = new Label(line.text());
                l.setFont(line.role() == RetainGraphLayout.NodeLine.Role.TITLE ? bold : regular);
                l.getStyleClass().add("node-" + line.role().name().toLowerCase(Locale.ROOT));
                l.setMinHeight(lineHeight);
                l.setPrefHeight(lineHeight);
                neverCut(l);
                box.getChildren().add(l);
            }
            box.setManaged(false);
            box.resizeRelocate(b.x(), b.y(), b.width(), b.height());
            box.getProperties().put(RetainGraph.Node.class, n);
            Tooltip.install(box, new Tooltip(tooltip(g, n)));
            box.setOnMouseClicked(e -> {
                if (e.getButton() != MouseButton.PRIMARY || dragged) {
                    return;
                }
                onNodeClicked.accept(n);
                if (n.isGroup()) {
                    g.groupOfNode(n.objectId()).ifPresent(onOpenGroup);
                }
            });
            box.setOnContextMenuRequested(e -> {
                ContextMenu menu = contextMenu.apply(n);
                if (menu != null) {
                    menu.show(box, e.getScreenX(), e.getScreenY());
                }
                e.consume();
            });
            nodeBoxes.put(n.objectId(), box);
            pane.getChildren().add(box);
        }
        return pane;
    }

    /** A label takes the width its text needs: at no zoom is it cut to an ellipsis. */
    private static void neverCut(Label l) {
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.setTextOverrun(OverrunStyle.CLIP);
        l.setEllipsisString("");
    }

    private void drawEdge(RetainGraph g, RetainGraphLayout.EdgeRoute route, List<Node> shapes) {
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
        label.setFont(Font.font(Font.getDefault().getFamily(), e.suspect() ? FontWeight.BOLD : FontWeight.NORMAL, fontSize()));
        neverCut(label);
        RetainGraphLayout.Box lb = route.labelBox();
        label.setManaged(false);
        label.resizeRelocate(lb.x(), lb.y(), Math.max(lb.width(), label.prefWidth(-1)), lb.height());
        String from = g.node(e.from()).map(RetainGraph.Node::title).orElse("?");
        String to = g.node(e.to()).map(RetainGraph.Node::title).orElse("?");
        GraphFolding.Group step = g.groupOfEdge(e).orElse(null);
        label.setTooltip(new Tooltip(from + "\n  —" + e.reference() + "→\n" + to
                + (e.suspect() ? "\nSuspect: this reference may be the one to remove" : "")
                + (e.libraryHold() ? "\nJDK/toolkit hold: " + e.libraryHoldWhy() + " (not the program's to remove)" : "")
                + (e.backEdge() ? "\nCloses a reference cycle (drawn pointing up)" : "")
                + (step == null ? "" : "\nThe inside of the collection (" + step.size() + " object"
                + (step.size() == 1 ? "" : "s") + ") in one step: click to show it")));
        if (step != null) {
            label.getStyleClass().add("graph-group-step");
            label.setOnMouseClicked(ev -> {
                if (ev.getButton() == MouseButton.PRIMARY && !dragged) {
                    onOpenGroup.accept(step);
                }
            });
        }
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
        edgeLabels.add(label);
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

    private static String tooltip(RetainGraph g, RetainGraph.Node n) {
        if (n.isGroup()) {
            return n.title() + "\nObjects only the leaked " + n.shortClassName()
                    + " holds (its own internals): they go when it goes.\nClick to show them.";
        }
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
        if (!g.groupsContaining(n.objectId()).isEmpty()) {
            sb.append("\nRight-click to fold it back into its group");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ pan and zoom

    private void installPanAndZoom() {
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            pressX = e.getX();
            pressY = e.getY();
            pressTranslateX = zoomGroup.getTranslateX();
            pressTranslateY = zoomGroup.getTranslateY();
            dragged = false;
        });
        addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            double dx = e.getX() - pressX;
            double dy = e.getY() - pressY;
            if (!dragged && Math.hypot(dx, dy) < CLICK_SLOP) {
                return;
            }
            dragged = true;
            zoomGroup.setTranslateX(pressTranslateX + dx);
            zoomGroup.setTranslateY(pressTranslateY + dy);
            keepInView();
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.isControlDown() || e.isShortcutDown()) {
                zoomAt(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.getX(), e.getY());
            } else {
                zoomGroup.setTranslateX(zoomGroup.getTranslateX() + e.getDeltaX());
                zoomGroup.setTranslateY(zoomGroup.getTranslateY() + e.getDeltaY());
                keepInView();
            }
            e.consume();
        });
        addEventHandler(ZoomEvent.ZOOM, e -> {
            zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
    }

    /** Zooms keeping the graph point under ({@code px}, {@code py}) of the viewport where it is. */
    void zoomAt(double factor, double px, double py) {
        double old = scale.getX();
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, old * factor));
        if (next == old) {
            return;
        }
        double tx = zoomGroup.getTranslateX();
        double ty = zoomGroup.getTranslateY();
        setScale(next);
        zoomGroup.setTranslateX(px - (px - tx) * next / old);
        zoomGroup.setTranslateY(py - (py - ty) * next / old);
        keepInView();
    }
}
