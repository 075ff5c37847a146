package dev.leakinspector.app.timeline;

import dev.leakinspector.app.LeakFilter.TimeRange;
import dev.leakinspector.session.HeapHistory;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.MomentHistory;
import dev.leakinspector.session.SessionModel;

import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.time.ZoneId;
import java.util.List;

/**
 * Draws the session's stretch that {@link TimelineScale} shows on one {@link Canvas}, top to bottom: report
 * marks (leak red, retained amber, grey once ignored), heap used as a filled line over a heap axis in bytes,
 * forced GCs (grey dashed lines) and heap dumps (blue lines with a diamond), retraction marks (reused teal,
 * deallocated green) and a time axis with round ticks. The brushed range is shaded across, the selected
 * row's marks are purple. No node per mark: marks are binned per pixel column ({@link TimelineBins}).
 *
 * <p>Threading: FX thread only. {@link #requestRedraw()} may be called any number of times per pulse; the
 * drawing happens once, in the next pulse, from an {@link AnimationTimer} that stops itself after it (so an
 * idle timeline asks for no pulses and is not kept by the toolkit).
 */
public final class TimelineCanvas extends Region {
    /** Room left of the plot for the heap axis's labels. */
    public static final double PLOT_LEFT = 60;
    private static final double RIGHT_PADDING = 10;
    private static final double MARK_BAND = 12;
    private static final double TOP = 4;
    private static final Font AXIS_FONT = Font.font(11);
    /** A digit's width: labels are digits, colons and a dot, so this measures them all. */
    private static final double CHAR_WIDTH = measure("00:00:00.000") / 12;
    /** Room between two time labels. */
    private static final double LABEL_GAP = 24;

    private final Canvas canvas = new Canvas();
    private final TimelineScale scale;
    private final TimelineBrush brush;
    private final AnimationTimer redrawTimer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            stop();
            drawNow();
        }
    };
    private final ZoneId zone;
    private SessionModel model;
    private LeakRecord selected;
    private TimelineBins bins;
    /** Whether the model changed since {@link #bins} were made; the view they were made for is kept below. */
    private boolean binsStale = true;
    private double binnedStart;
    private double binnedEnd;
    private double binnedWidth;
    private Runnable onDrawn = () -> { };
    private TimelinePalette palette = TimelinePalette.LIGHT;

    public TimelineCanvas(TimelineScale scale, TimelineBrush brush, ZoneId zone) {
        this.scale = scale;
        this.brush = brush;
        this.zone = zone;
        getStyleClass().add("timeline-canvas");
        getChildren().add(canvas);
        brush.rangeProperty().addListener((obs, old, range) -> requestRedraw());
    }

    /** Draws this session from the next pulse on (null: nothing). */
    public void setModel(SessionModel sessionModel) {
        this.model = sessionModel;
        bins = null;
        modelChanged();
    }

    /**
     * The model changed: bin its rows again in the next drawing. Other redraws (a brush being dragged, a
     * selection, the tooltip's pointer) reuse the bins while the view stays where it is.
     */
    public void modelChanged() {
        binsStale = true;
        requestRedraw();
    }

    public void setSelected(LeakRecord row) {
        this.selected = row;
        requestRedraw();
    }

    /** Told after each drawing (the strip updates its Live button and view label from the scale). */
    public void setOnDrawn(Runnable action) {
        this.onDrawn = action == null ? () -> { } : action;
    }

    public Canvas canvas() {
        return canvas;
    }

    /** The bins of the latest drawing, null before the first. */
    public TimelineBins bins() {
        return bins;
    }

    /** Asks for one drawing in the next pulse; calls in the same pulse share it. */
    public void requestRedraw() {
        redrawTimer.start();
    }

    /** Stops a drawing asked for and not done yet (the window is closing). */
    public void cancelRedraw() {
        redrawTimer.stop();
    }

    @Override
    protected void layoutChildren() {
        double width = snapSizeX(getWidth());
        double height = snapSizeY(getHeight());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            drawNow();
        }
    }

    /** The top of the band of report marks. */
    public double reportBandY() {
        return TOP;
    }

    /** The top of the band of retraction marks. */
    public double retractionBandY() {
        return canvas.getHeight() - 42;
    }

    double plotTop() {
        return TOP + MARK_BAND + 4;
    }

    double plotBottom() {
        return retractionBandY() - 4;
    }

    /** Where the time axis runs; a drag from here down brushes a range instead of panning. */
    public double axisY() {
        return canvas.getHeight() - 26;
    }

    /** The session's first and latest event, from the model's rows, heap samples, GCs and dumps. */
    private void updateExtent() {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        HeapHistory heap = model.heapHistory();
        if (heap.size() > 0) {
            start = heap.timeAt(0);
            end = heap.timeAt(heap.size() - 1);
        }
        List<LeakRecord> rows = model.rows();
        if (!rows.isEmpty()) {
            // Rows arrive in report order: the first and last bound the reports.
            start = Math.min(start, rows.get(0).reportedAtMillis());
            end = Math.max(end, rows.get(rows.size() - 1).reportedAtMillis());
            end = Math.max(end, model.latestRetractedAtMillis());
        }
        end = Math.max(end, model.forcedGcs().last());
        end = Math.max(end, model.heapDumps().last());
        if (start == Long.MAX_VALUE) {
            start = end = System.currentTimeMillis();
        }
        scale.setExtent(start, end);
    }

    /** Draws now; cheap enough for every pulse with 100,000 marks (see TimelineBenchmark). */
    public void drawNow() {
        redrawTimer.stop();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        if (getScene() != null) {
            palette = paletteFor(getScene().getRoot().getStyleClass());
        }
        scale.setPlot(PLOT_LEFT, width - PLOT_LEFT - RIGHT_PADDING);
        if (model == null || width < PLOT_LEFT + 40 || height < 60) {
            bins = null;
            onDrawn.run();
            return;
        }
        updateExtent();
        if (binsStale || bins == null || binnedStart != scale.viewStart() || binnedEnd != scale.viewEnd()
                || binnedWidth != width) {
            bins = TimelineBins.of(model.rows(), model.forcedGcs(), model.heapDumps(), scale, (int) Math.ceil(width) + 1);
            binsStale = false;
            binnedStart = scale.viewStart();
            binnedEnd = scale.viewEnd();
            binnedWidth = width;
        }
        g.setFont(AXIS_FONT);
        drawBrush(g);
        TimeTicks ticks = TimeTicks.of(scale.viewStart(), scale.viewEnd(), scale.plotWidth(), CHAR_WIDTH, LABEL_GAP, zone);
        drawTimeGrid(g, ticks);
        HeapPlot.draw(g, model.heapHistory(), scale, plotTop(), plotBottom(), palette);
        drawMoments(g);
        drawMarks(g);
        drawSelection(g);
        drawTimeAxis(g, ticks);
        onDrawn.run();
    }

    private void drawBrush(GraphicsContext g) {
        TimeRange range = brush.shown();
        if (range == null) {
            return;
        }
        double left = Math.max(scale.plotLeft(), scale.xOf(range.fromMillis()));
        double right = Math.min(scale.plotLeft() + scale.plotWidth(), scale.xOf(range.toMillis()));
        if (right < scale.plotLeft() || left > scale.plotLeft() + scale.plotWidth()) {
            return;
        }
        double top = 0;
        double bottom = axisY();
        g.setFill(palette.brushFill());
        g.fillRect(left, top, Math.max(1, right - left), bottom - top);
        g.setStroke(palette.brushEdge());
        g.setLineWidth(1.5);
        g.strokeLine(left, top, left, bottom);
        g.strokeLine(right, top, right, bottom);
    }

    private void drawTimeGrid(GraphicsContext g, TimeTicks ticks) {
        g.setStroke(palette.grid());
        g.setLineWidth(1);
        for (long t : ticks.times()) {
            double x = Math.floor(scale.xOf(t)) + 0.5;
            g.strokeLine(x, plotTop(), x, plotBottom());
        }
    }

    private void drawMoments(GraphicsContext g) {
        double top = plotTop();
        double bottom = plotBottom();
        g.setLineWidth(1);
        g.setStroke(palette.forcedGc());
        g.setFill(palette.forcedGc());
        g.setLineDashes(3, 3);
        for (int x = 0; x < bins.columns(); x++) {
            if (bins.forcedGcAt(x)) {
                g.strokeLine(x + 0.5, top, x + 0.5, bottom);
            }
        }
        g.setLineDashes(null);
        for (int x = 0; x < bins.columns(); x++) {
            if (bins.forcedGcAt(x)) {
                g.fillPolygon(new double[] {x - 3.5, x + 4.5, x + 0.5}, new double[] {bottom, bottom, bottom - 5}, 3);
            }
        }
        g.setStroke(palette.heapDump());
        g.setFill(palette.heapDump());
        g.setLineWidth(1.5);
        for (int x = 0; x < bins.columns(); x++) {
            if (bins.heapDumpAt(x)) {
                g.strokeLine(x + 0.5, top, x + 0.5, bottom);
                g.fillPolygon(new double[] {x + 0.5, x + 5, x + 0.5, x - 4}, new double[] {top - 1, top + 4, top + 9, top + 4}, 4);
            }
        }
    }

    private void drawMarks(GraphicsContext g) {
        g.setLineWidth(2);
        double reportY = reportBandY();
        double retractionY = retractionBandY();
        for (int rank = 1; rank < TimelinePalette.REPORT_COLORS.length; rank++) {
            g.setStroke(TimelinePalette.REPORT_COLORS[rank]);
            for (int x = 0; x < bins.columns(); x++) {
                if (bins.reportRankAt(x) == rank) {
                    g.strokeLine(x, reportY, x, reportY + MARK_BAND);
                }
            }
        }
        for (int rank = 1; rank < TimelinePalette.RETRACTION_COLORS.length; rank++) {
            g.setStroke(TimelinePalette.RETRACTION_COLORS[rank]);
            for (int x = 0; x < bins.columns(); x++) {
                if (bins.retractionRankAt(x) == rank) {
                    g.strokeLine(x, retractionY, x, retractionY + MARK_BAND);
                }
            }
        }
    }

    private void drawSelection(GraphicsContext g) {
        if (selected == null) {
            return;
        }
        double reportY = reportBandY();
        double retractionY = retractionBandY();
        g.setStroke(TimelinePalette.SELECTED);
        g.setLineWidth(3);
        g.save();
        g.beginPath();
        g.rect(scale.plotLeft() - 2, 0, scale.plotWidth() + 4, canvas.getHeight());
        g.clip();
        double x = scale.xOf(selected.reportedAtMillis());
        g.strokeLine(x, reportY - 2, x, reportY + MARK_BAND + 2);
        if (selected.isRetracted()) {
            double dx = scale.xOf(selected.retractedAtMillis());
            g.strokeLine(dx, retractionY - 2, dx, retractionY + MARK_BAND + 2);
            g.setLineWidth(1);
            g.setLineDashes(3, 3);
            g.strokeLine(x, reportY + MARK_BAND, dx, retractionY);
            g.setLineDashes(null);
        }
        g.restore();
    }

    /**
     * The axis line, a tick and a label per round moment; a label that would run past either end of the
     * canvas is left out rather than cut.
     */
    private void drawTimeAxis(GraphicsContext g, TimeTicks ticks) {
        double y = Math.floor(axisY()) + 0.5;
        g.setStroke(palette.axis());
        g.setLineWidth(1);
        g.strokeLine(scale.plotLeft(), y, scale.plotLeft() + scale.plotWidth(), y);
        g.setFill(palette.text());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < ticks.times().size(); i++) {
            double x = Math.floor(scale.xOf(ticks.times().get(i))) + 0.5;
            g.strokeLine(x, y, x, y + 4);
            String label = ticks.labels().get(i);
            double half = label.length() * CHAR_WIDTH / 2;
            if (x - half >= 0 && x + half <= canvas.getWidth()) {
                g.fillText(label, x, y + 6);
            }
        }
    }

    private static double measure(String text) {
        Text measured = new Text(text);
        measured.setFont(AXIS_FONT);
        return measured.getLayoutBounds().getWidth();
    }

    /** The first report (in the band at {@code y}) of the marked column nearest {@code x}; null when none. */
    public LeakRecord markAt(double x, double y) {
        if (bins == null) {
            return null;
        }
        Band band = bandAt(y);
        if (band != Band.REPORTS && band != Band.RETRACTIONS) {
            return null;
        }
        int column = bins.nearestMarked(x, band == Band.REPORTS, 4);
        if (column < 0) {
            return null;
        }
        List<LeakRecord> rows = band == Band.REPORTS ? bins.reportsAt(column) : bins.retractionsAt(column);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** What the tooltip says about the pointer at (x, y): the marks there, or "" for nothing. */
    public String tooltipAt(double x, double y) {
        if (bins == null) {
            return "";
        }
        Band band = bandAt(y);
        boolean precise = scale.millisPerPixel() < 1000;
        if (band == Band.REPORTS || band == Band.RETRACTIONS) {
            boolean reports = band == Band.REPORTS;
            int column = bins.nearestMarked(x, reports, 4);
            if (column < 0) {
                return "";
            }
            long from = (long) Math.floor(scale.timeAt(column - 0.5));
            long to = (long) Math.ceil(scale.timeAt(column + 0.5));
            return MarkTooltipText.of(reports ? bins.reportsAt(column) : bins.retractionsAt(column),
                    reports ? bins.reportCountAt(column) : bins.retractionCountAt(column), !reports, from, to, precise, zone);
        }
        if (band == Band.PLOT) {
            for (int d = 0; d <= 3; d++) {
                for (int column : new int[] {(int) Math.round(x) - d, (int) Math.round(x) + d}) {
                    if (bins.forcedGcAt(column) || bins.heapDumpAt(column)) {
                        return MarkTooltipText.ofMoments(bins.forcedGcAt(column), bins.heapDumpAt(column),
                                Math.round(scale.timeAt(column)), precise, zone);
                    }
                }
            }
        }
        return "";
    }

    /** The horizontal bands of the timeline, top to bottom. */
    public enum Band { REPORTS, PLOT, RETRACTIONS, AXIS }

    public Band bandAt(double y) {
        if (y < plotTop() - 2) {
            return Band.REPORTS;
        }
        if (y < retractionBandY() - 2) {
            return Band.PLOT;
        }
        if (y < axisY() - 1) {
            return Band.RETRACTIONS;
        }
        return Band.AXIS;
    }

    /** The palette for a scene whose root has the style class "dark" (see Theme). */
    public static TimelinePalette paletteFor(List<String> rootStyleClasses) {
        return rootStyleClasses.contains("dark") ? TimelinePalette.DARK : TimelinePalette.LIGHT;
    }
}
