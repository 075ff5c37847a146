package dev.leakinspector.app.timeline;

import dev.leakinspector.session.LeakRecord;

import javafx.scene.Cursor;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.util.Duration;

import java.util.function.Consumer;

/**
 * The timeline's mouse and keyboard: the wheel zooms around the pointer (a sideways scroll pans), a drag pans,
 * a drag on the time axis or a Shift-drag anywhere brushes a time range (two gestures that never mean the
 * same thing, so panning and brushing do not fight), a click on a mark selects its row; + and - zoom, Left
 * and Right pan, Home shows the whole session, End follows live, Escape clears the brushed range. A
 * tooltip follows the pointer over the marks. FX thread only.
 */
public final class TimelineInput {
    /** One wheel notch (40 units of deltaY on most platforms) zooms by this much. */
    static final double ZOOM_PER_NOTCH = 1.25;
    static final double KEY_ZOOM = 1.5;
    /** The arrow keys pan by this fraction of the view. */
    static final double KEY_PAN = 0.2;
    /** A press that moves less than this is a click, not a drag. */
    private static final double DRAG_THRESHOLD = 3;

    private enum Drag { NONE, PAN, BRUSH }

    private final TimelineCanvas view;
    private final TimelineScale scale;
    private final TimelineBrush brush;
    private final Consumer<LeakRecord> onMarkClicked;
    private final Tooltip tooltip = new Tooltip();
    private Drag drag = Drag.NONE;
    private double pressX;
    private double lastX;
    private boolean moved;

    /**
     * Installs the handlers on {@code view}, whose focus takes the keys.
     *
     * @param onMarkClicked told the row whose mark was clicked
     */
    public TimelineInput(TimelineCanvas view, TimelineScale scale, TimelineBrush brush, Consumer<LeakRecord> onMarkClicked) {
        this.view = view;
        this.scale = scale;
        this.brush = brush;
        this.onMarkClicked = onMarkClicked;
        tooltip.setShowDelay(Duration.ZERO);
        tooltip.getStyleClass().add("timeline-tooltip");
        view.setFocusTraversable(true);
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        view.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        view.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        view.addEventHandler(MouseEvent.MOUSE_MOVED, this::hovered);
        view.addEventHandler(MouseEvent.MOUSE_EXITED, event -> hideTooltip());
        view.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        view.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
    }

    private void pressed(MouseEvent event) {
        if (event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        view.requestFocus();
        hideTooltip();
        pressX = lastX = event.getX();
        moved = false;
        boolean brushing = event.isShiftDown() || view.bandAt(event.getY()) == TimelineCanvas.Band.AXIS;
        drag = brushing ? Drag.BRUSH : Drag.PAN;
        if (brushing) {
            brush.begin(timeAt(event.getX()));
        }
        view.setCursor(brushing ? Cursor.H_RESIZE : Cursor.CLOSED_HAND);
    }

    private void dragged(MouseEvent event) {
        if (drag == Drag.NONE) {
            return;
        }
        moved |= Math.abs(event.getX() - pressX) >= DRAG_THRESHOLD;
        if (drag == Drag.PAN) {
            scale.panByPixels(event.getX() - lastX);
        } else {
            brush.extendTo(timeAt(event.getX()));
        }
        lastX = event.getX();
        view.requestRedraw();
        event.consume();
    }

    private void released(MouseEvent event) {
        if (drag == Drag.BRUSH) {
            brush.finish(DRAG_THRESHOLD * scale.millisPerPixel());
            view.requestRedraw();
        }
        drag = Drag.NONE;
        view.setCursor(cursorFor(event));
    }

    private void clicked(MouseEvent event) {
        if (event.getButton() == MouseButton.PRIMARY && !moved) {
            LeakRecord row = view.markAt(event.getX(), event.getY());
            if (row != null) {
                onMarkClicked.accept(row);
            }
        }
    }

    private void hovered(MouseEvent event) {
        view.setCursor(cursorFor(event));
        String text = view.tooltipAt(event.getX(), event.getY());
        if (text.isEmpty()) {
            hideTooltip();
            return;
        }
        if (!tooltip.isShowing() || !text.equals(tooltip.getText())) {
            tooltip.setText(text);
            tooltip.show(view, event.getScreenX() + 14, event.getScreenY() + 18);
        }
    }

    private Cursor cursorFor(MouseEvent event) {
        return event.isShiftDown() || view.bandAt(event.getY()) == TimelineCanvas.Band.AXIS ? Cursor.H_RESIZE : Cursor.DEFAULT;
    }

    private void scrolled(ScrollEvent event) {
        if (event.getDeltaY() != 0) {
            scale.zoomAround(event.getX(), Math.pow(ZOOM_PER_NOTCH, event.getDeltaY() / 40));
        } else if (event.getDeltaX() != 0) {
            scale.panByPixels(event.getDeltaX());
        }
        hideTooltip();
        view.requestRedraw();
        event.consume();
    }

    private void keyPressed(KeyEvent event) {
        switch (event.getCode()) {
            case PLUS, EQUALS, ADD -> scale.zoomCentered(KEY_ZOOM);
            case MINUS, SUBTRACT -> scale.zoomCentered(1 / KEY_ZOOM);
            case LEFT, KP_LEFT -> scale.panByFraction(-KEY_PAN);
            case RIGHT, KP_RIGHT -> scale.panByFraction(KEY_PAN);
            case HOME -> scale.showWhole();
            case END -> scale.followLive();
            case ESCAPE -> {
                if (brush.range() == null) {
                    return;
                }
                brush.clear();
            }
            default -> {
                return;
            }
        }
        view.requestRedraw();
        event.consume();
    }

    private long timeAt(double x) {
        double clamped = Math.max(scale.plotLeft(), Math.min(scale.plotLeft() + scale.plotWidth(), x));
        return Math.round(scale.timeAt(clamped));
    }

    /** Hides the tooltip (the window closes, the view moves under the pointer). */
    public void hideTooltip() {
        tooltip.hide();
    }
}
