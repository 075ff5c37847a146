package dev.leakinspector.app;

import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.HeapHistory;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A strip across the session: heap used over time (from the agent's stats) as a filled line, a mark above
 * it for each report in its verdict's colour (leak red, retained amber, grey once ignored) and a mark below
 * for each retraction (reused teal, deallocated green). Clicking a mark selects its row; the selected row's
 * marks are drawn highlighted. Marks are binned per pixel column (the worse verdict wins a column), so
 * 100,000 rows draw as fast as 100. FX thread only.
 */
public final class TimelineStrip extends Region {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final double MARK_BAND = 12;
    private static final double PADDING = 6;
    private static final Color HEAP_FILL = Color.rgb(70, 130, 200, 0.25);
    private static final Color HEAP_LINE = Color.rgb(70, 130, 200, 0.9);
    // Mid-tones that read on the light and the dark theme's strip alike; the list's CSS uses the same hues.
    static final Color LEAK = Color.rgb(210, 60, 50);
    static final Color RETAINED = Color.rgb(222, 150, 20);
    static final Color IGNORED = Color.rgb(140, 140, 140);
    static final Color REUSED = Color.rgb(20, 150, 170);
    static final Color DEALLOCATED = Color.rgb(40, 150, 80);
    /** Report marks by rank: a pixel column shows the worst report in it. */
    private static final Color[] REPORT_COLORS = {null, IGNORED, RETAINED, LEAK};
    /** Retraction marks by rank: reused is drawn over deallocated in a shared column. */
    private static final Color[] RETRACTION_COLORS = {null, DEALLOCATED, REUSED};
    /** Purple: apart from every tier and retraction colour, so a selected mark is never read as one of them. */
    private static final Color SELECTED = Color.rgb(150, 70, 210);

    private final Canvas canvas = new Canvas();
    private SessionModel model;
    private LeakRecord selected;
    private LongConsumer onMarkClicked = watchId -> { };
    private long startMillis;
    private long endMillis;

    public TimelineStrip() {
        getStyleClass().add("timeline-strip");
        getChildren().add(canvas);
        canvas.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY) {
                long watchId = markAt(event.getX(), event.getY());
                if (watchId >= 0) {
                    onMarkClicked.accept(watchId);
                }
            }
        });
    }

    /** Shows this session; call {@link #refresh()} after the model changed. */
    public void setModel(SessionModel sessionModel) {
        this.model = sessionModel;
        refresh();
    }

    /** Highlights this row's marks (null for none). */
    public void setSelected(LeakRecord row) {
        this.selected = row;
        refresh();
    }

    LeakRecord selected() {
        return selected;
    }

    /** Told the watch id of the mark the user clicked. */
    public void setOnMarkClicked(LongConsumer action) {
        this.onMarkClicked = action == null ? watchId -> { } : action;
    }

    @Override
    protected void layoutChildren() {
        double width = snapSizeX(getWidth());
        double height = snapSizeY(getHeight());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            refresh();
        }
    }

    /** The x of a time, in the current range. */
    double xOf(long millis) {
        double usable = Math.max(1, canvas.getWidth() - 2 * PADDING);
        double span = Math.max(1, endMillis - startMillis);
        return PADDING + (millis - startMillis) * usable / span;
    }

    /** The watch id of the mark nearest to (x, y) within 4 px, or -1. */
    long markAt(double x, double y) {
        if (model == null) {
            return -1;
        }
        boolean retractionBand = y > canvas.getHeight() - MARK_BAND - PADDING - 14;
        long best = -1;
        double bestDistance = 4.5;
        for (LeakRecord row : model.rows()) {
            long time = retractionBand ? row.retractedAtMillis() : row.reportedAtMillis();
            if (time < 0) {
                continue;
            }
            double distance = Math.abs(xOf(time) - x);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = row.watchId();
            }
        }
        return best;
    }

    /** Redraws everything; cheap enough to call once per batch. */
    public void refresh() {
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, width, height);
        if (model == null || width < 20 || height < 30) {
            return;
        }
        computeRange();
        double top = PADDING + MARK_BAND;
        double bottom = height - PADDING - MARK_BAND - 14;
        drawHeap(g, top, bottom);
        drawMarks(g, model.rows(), PADDING, retractionBandY(), width);
        drawAxis(g, width, height);
    }

    /** The top of the band of retraction marks (reused, deallocated). */
    double retractionBandY() {
        return canvas.getHeight() - PADDING - MARK_BAND - 12;
    }

    /** The top of the band of report marks (leak, retained). */
    double reportBandY() {
        return PADDING;
    }

    private void computeRange() {
        HeapHistory heap = model.heapHistory();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
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
        if (start == Long.MAX_VALUE) {
            start = end = System.currentTimeMillis();
        }
        // A very short session is drawn over at least 10 s, so its first marks do not sit at both edges.
        startMillis = start;
        endMillis = Math.max(end, start + 10_000);
    }

    private void drawHeap(GraphicsContext g, double top, double bottom) {
        HeapHistory heap = model.heapHistory();
        if (heap.size() == 0) {
            return;
        }
        double max = Math.max(1, heap.maxHeapUsed()) * 1.1;
        int n = heap.size();
        double[] xs = new double[n + 2];
        double[] ys = new double[n + 2];
        for (int i = 0; i < n; i++) {
            xs[i] = xOf(heap.timeAt(i));
            ys[i] = bottom - (bottom - top) * heap.heapUsedAt(i) / max;
        }
        xs[n] = xs[n - 1];
        ys[n] = bottom;
        xs[n + 1] = xs[0];
        ys[n + 1] = bottom;
        g.setFill(HEAP_FILL);
        g.fillPolygon(xs, ys, n + 2);
        g.setStroke(HEAP_LINE);
        g.setLineWidth(1.2);
        g.strokePolyline(xs, ys, n);
    }

    private void drawMarks(GraphicsContext g, List<LeakRecord> rows, double leakY, double retractionY, double width) {
        int columns = (int) Math.ceil(width) + 1;
        byte[] reportColumn = new byte[columns];
        byte[] retractionColumn = new byte[columns];
        for (LeakRecord row : rows) {
            int x = column(row.reportedAtMillis(), columns);
            reportColumn[x] = (byte) Math.max(reportColumn[x], reportRank(row));
            int retractionRank = switch (row.status()) {
                case DEALLOCATED -> 1;
                case REUSED -> 2;
                default -> 0;
            };
            if (retractionRank > 0) {
                int rx = column(row.retractedAtMillis(), columns);
                retractionColumn[rx] = (byte) Math.max(retractionColumn[rx], retractionRank);
            }
        }
        g.setLineWidth(2);
        strokeColumns(g, reportColumn, REPORT_COLORS, leakY);
        strokeColumns(g, retractionColumn, RETRACTION_COLORS, retractionY);
        if (selected != null) {
            g.setStroke(SELECTED);
            g.setLineWidth(3);
            double x = xOf(selected.reportedAtMillis());
            g.strokeLine(x, leakY - 2, x, leakY + MARK_BAND + 2);
            if (selected.isRetracted()) {
                double dx = xOf(selected.retractedAtMillis());
                g.strokeLine(dx, retractionY - 2, dx, retractionY + MARK_BAND + 2);
                g.setLineWidth(1);
                g.setLineDashes(3, 3);
                g.strokeLine(x, leakY + MARK_BAND, dx, retractionY);
                g.setLineDashes(null);
            }
        }
    }

    /** A report mark's rank: 3 leak, 2 retained, 1 ignored (the verdict of a retracted row still shows). */
    private static int reportRank(LeakRecord row) {
        if (row.status() == LeakRecord.Status.IGNORED) {
            return 1;
        }
        return row.verdict() == Verdict.LEAK ? 3 : 2;
    }

    /** One line per marked pixel column, in the colour of the column's rank, one colour at a time. */
    private static void strokeColumns(GraphicsContext g, byte[] ranks, Color[] colors, double y) {
        for (int rank = 1; rank < colors.length; rank++) {
            g.setStroke(colors[rank]);
            for (int x = 0; x < ranks.length; x++) {
                if (ranks[x] == rank) {
                    g.strokeLine(x, y, x, y + MARK_BAND);
                }
            }
        }
    }

    private int column(long millis, int columns) {
        return (int) Math.max(0, Math.min(columns - 1, Math.round(xOf(millis))));
    }

    private void drawAxis(GraphicsContext g, double width, double height) {
        g.setFill(Color.GRAY);
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.BOTTOM);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(CLOCK.format(Instant.ofEpochMilli(startMillis)), PADDING, height - 1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(CLOCK.format(Instant.ofEpochMilli(endMillis)), width - PADDING, height - 1);
        g.setTextAlign(TextAlignment.LEFT);
        double x = width / 2 - 230;
        x = legend(g, LEAK, "\u25AE leak", x, height);
        x = legend(g, RETAINED, "\u25AE retained", x, height);
        x = legend(g, REUSED, "\u25AE reused", x, height);
        x = legend(g, DEALLOCATED, "\u25AE deallocated", x, height);
        g.setFill(HEAP_LINE);
        HeapHistory heap = model.heapHistory();
        g.fillText(heap.size() == 0 ? "\u25AC heap used (no stats yet)"
                : "\u25AC heap used, up to " + ByteCount.format(heap.maxHeapUsed()), x, height - 1);
    }

    /** Draws one legend entry at {@code x}; returns where the next one goes. */
    private static double legend(GraphicsContext g, Color color, String text, double x, double height) {
        g.setFill(color);
        g.fillText(text, x, height - 1);
        Text measured = new Text(text);
        measured.setFont(g.getFont());
        return x + measured.getLayoutBounds().getWidth() + 12;
    }
}
