package dev.leakinspector.app.graph;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;

/**
 * The overview (minimap): the whole drawing in small, with a frame on the part the canvas shows; a click or a drag
 * in it moves the canvas there. Redrawn from a snapshot of the canvas's drawing when the graph changes while it is
 * shown. FX thread only. Style classes {@code graph-overview}, {@code overview-frame}.
 */
final class GraphOverview extends Pane {
    /** The overview's largest size; the drawing is scaled down to fit it, never up. */
    static final double MAX_WIDTH = 240;
    static final double MAX_HEIGHT = 180;

    private final GraphCanvas canvas;
    private final ImageView image = new ImageView();
    private final Rectangle frame = new Rectangle();
    private double scale = 1;

    GraphOverview(GraphCanvas canvas) {
        this.canvas = canvas;
        getStyleClass().add("graph-overview");
        frame.getStyleClass().add("overview-frame");
        frame.setManaged(false);
        frame.setMouseTransparent(true);
        getChildren().addAll(image, frame);
        setManaged(false);
        setVisible(false);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::moveTo);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::moveTo);
        canvas.setOnViewChanged(this::updateFrame);
    }

    /** Shows or hides it; shown, it draws the current graph. */
    void setShown(boolean shown) {
        setVisible(shown);
        if (shown) {
            refresh();
        }
    }

    /** Draws the current graph again, after the pulse that styles it (when shown). */
    void refreshLater() {
        if (isVisible()) {
            Platform.runLater(this::refresh);
        }
    }

    private void refresh() {
        Node drawing = canvas.drawing();
        if (drawing == null || canvas.graphLayout() == null) {
            image.setImage(null);
            resize(0, 0);
            return;
        }
        double w = canvas.graphLayout().width();
        double h = canvas.graphLayout().height();
        scale = Math.min(1, Math.min(MAX_WIDTH / w, MAX_HEIGHT / h));
        SnapshotParameters params = new SnapshotParameters();
        params.setTransform(new Scale(scale, scale));
        params.setFill(Color.TRANSPARENT);
        image.setImage(drawing.snapshot(params, null));
        resize(w * scale, h * scale);
        if (getParent() != null) {
            getParent().requestLayout(); // it sits in a corner that depends on its size
        }
        updateFrame();
    }

    private void updateFrame() {
        if (!isVisible()) {
            return;
        }
        Bounds v = canvas.visibleGraphBounds();
        double w = getWidth();
        double h = getHeight();
        double x = Math.max(0, v.getMinX() * scale);
        double y = Math.max(0, v.getMinY() * scale);
        frame.setX(x);
        frame.setY(y);
        frame.setWidth(Math.max(2, Math.min(w, v.getMaxX() * scale) - x));
        frame.setHeight(Math.max(2, Math.min(h, v.getMaxY() * scale) - y));
    }

    private void moveTo(MouseEvent e) {
        canvas.centerOn(e.getX() / scale, e.getY() / scale);
        e.consume();
    }
}
