package dev.leakinspector.app;

import dev.leakinspector.app.LeakFilter.TimeRange;
import dev.leakinspector.app.timeline.TimeTicks;
import dev.leakinspector.app.timeline.TimelineBins;
import dev.leakinspector.app.timeline.TimelineBrush;
import dev.leakinspector.app.timeline.TimelineCanvas;
import dev.leakinspector.app.timeline.TimelineInput;
import dev.leakinspector.app.timeline.TimelinePalette;
import dev.leakinspector.app.timeline.TimelineScale;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.time.ZoneId;
import java.util.function.LongConsumer;

/**
 * The session's timeline: a header (legend, what the view shows, Whole session and Live buttons) over a
 * {@link TimelineCanvas} of report marks, heap used, forced GCs, heap dumps and retractions, which the user
 * zooms, pans and brushes ({@link TimelineInput}). The brushed range ({@link #brushedRangeProperty()}) is
 * what the session window filters its list by. Follow-live is on at first; zooming or panning back pauses
 * it, End or the Live button resumes it.
 *
 * <p>Threading: FX thread only. {@link #refresh()} after the model changed costs nothing until the next
 * pulse, where all refreshes of that pulse make one drawing.
 */
public final class TimelineStrip extends VBox {
    // The marks' colours, for tests that look at the drawn pixels.
    static final Color LEAK = TimelinePalette.LEAK;
    static final Color RETAINED = TimelinePalette.RETAINED;
    static final Color REUSED = TimelinePalette.REUSED;
    static final Color DEALLOCATED = TimelinePalette.DEALLOCATED;

    private final TimelineScale scale = new TimelineScale();
    private final TimelineBrush brush = new TimelineBrush();
    private final TimelineCanvas view = new TimelineCanvas(scale, brush, ZoneId.systemDefault());
    private final TimelineInput input;
    private final Label viewLabel = new Label();
    private final ToggleButton liveButton = new ToggleButton("Live");
    private final Button wholeButton = new Button("Whole session");
    private SessionModel model;
    private LeakRecord selected;
    private LongConsumer onMarkClicked = watchId -> { };

    public TimelineStrip() {
        getStyleClass().add("timeline-strip");
        input = new TimelineInput(view, scale, brush, row -> onMarkClicked.accept(row.watchId()));
        view.setOnDrawn(this::showViewState);
        VBox.setVgrow(view, Priority.ALWAYS);
        getChildren().addAll(header(), view);
        liveButton.setSelected(true);
        liveButton.setOnAction(event -> {
            if (liveButton.isSelected()) {
                scale.followLive();
            } else {
                scale.pause();
            }
            view.requestRedraw();
        });
        wholeButton.setOnAction(event -> {
            scale.showWhole();
            view.requestRedraw();
        });
    }

    private HBox header() {
        HBox legend = new HBox(10,
                legend("\u25AE leak", "legend-leak"), legend("\u25AE retained", "legend-retained"),
                legend("\u25AE reused", "legend-reused"), legend("\u25AE deallocated", "legend-deallocated"),
                legend("\u25AC heap used", "legend-heap"), legend("\u2507 forced GC", "legend-gc"),
                legend("\u25C6 heap dump", "legend-dump"));
        legend.setAlignment(Pos.CENTER_LEFT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        viewLabel.getStyleClass().add("timeline-view-label");
        viewLabel.setMinWidth(Region.USE_PREF_SIZE);
        viewLabel.setTooltip(new Tooltip("Wheel: zoom around the pointer \u00b7 drag: pan \u00b7 drag on the time axis or "
                + "Shift-drag: select a time range, which filters the list (Escape clears it)\n"
                + "Keys (click the timeline first): + and - zoom, Left and Right pan, Home whole session, End follow live"));
        liveButton.getStyleClass().add("timeline-live");
        liveButton.setTooltip(new Tooltip("Follow live: the view moves with new events (End). Zooming or panning back pauses it."));
        wholeButton.setTooltip(new Tooltip("Show the whole session (Home)"));
        for (Region button : new Region[] {liveButton, wholeButton}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setFocusTraversable(false);
        }
        HBox header = new HBox(8, legend, gap, viewLabel, wholeButton, liveButton);
        header.getStyleClass().add("timeline-header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private static Label legend(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().addAll("timeline-legend", styleClass);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    /** Keeps the Live button and the view label in step with the scale, after each drawing. */
    private void showViewState() {
        liveButton.setSelected(scale.isFollowing());
        wholeButton.setDisable(scale.isWhole());
        String shown = scale.isWhole() ? "Whole session, " + TimeTicks.duration(scale.span())
                : TimeTicks.clock(Math.round(scale.viewStart()), scale.span() < 10_000, ZoneId.systemDefault()) + "\u2013"
                + TimeTicks.clock(Math.round(scale.viewEnd()), scale.span() < 10_000, ZoneId.systemDefault())
                + " (" + TimeTicks.duration(scale.span()) + ")";
        viewLabel.setText(model == null ? "" : shown + (scale.isFollowing() ? "" : " \u00b7 paused"));
    }

    /** Shows this session (null: none, and lets go of the previous one); call {@link #refresh()} after it changed. */
    public void setModel(SessionModel sessionModel) {
        this.model = sessionModel;
        view.setModel(sessionModel);
        if (sessionModel == null) {
            input.hideTooltip();
            view.cancelRedraw();
        }
    }

    /** Highlights this row's marks (null for none). */
    public void setSelected(LeakRecord row) {
        this.selected = row;
        view.setSelected(row);
    }

    LeakRecord selected() {
        return selected;
    }

    /** Told the watch id of the mark the user clicked. */
    public void setOnMarkClicked(LongConsumer action) {
        this.onMarkClicked = action == null ? watchId -> { } : action;
    }

    /** The model changed: redraws in the next pulse; any number of calls in one pulse make one drawing. */
    public void refresh() {
        view.modelChanged();
    }

    /** The time range brushed on the timeline; null when none is. */
    public ReadOnlyObjectProperty<TimeRange> brushedRangeProperty() {
        return brush.rangeProperty();
    }

    /** Clears the brushed range: the list shows reports of any time again. */
    public void clearBrush() {
        brush.clear();
    }

    /** Brushes exactly this range, as a drag would (null clears it). */
    void selectRange(TimeRange range) {
        brush.select(range);
    }

    /** The bins of the latest drawing, null before the first. */
    TimelineBins bins() {
        return view.bins();
    }

    /** The x of a moment in the canvas, in the current view. */
    double xOf(long millis) {
        return scale.xOf(millis);
    }

    /** The watch id of the mark nearest to (x, y) within 4 px in the canvas, or -1. */
    long markAt(double x, double y) {
        LeakRecord row = view.markAt(x, y);
        return row == null ? -1 : row.watchId();
    }

    /** The top of the band of retraction marks (reused, deallocated), in the canvas. */
    double retractionBandY() {
        return view.retractionBandY();
    }

    /** The top of the band of report marks (leak, retained), in the canvas. */
    double reportBandY() {
        return view.reportBandY();
    }

    /** Where the time axis runs in the canvas: a drag there brushes. */
    double axisY() {
        return view.axisY();
    }

    Canvas canvas() {
        return view.canvas();
    }

    TimelineScale scale() {
        return scale;
    }

    /** Draws at once, binning the rows again as after a change of the model (for the benchmark). */
    void drawNow() {
        view.modelChanged();
        view.drawNow();
    }
}
