package dev.leakinspector.app.timeline;

import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.MomentHistory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The session's marks binned per pixel column of the current view: for each column the worst report in it
 * (leak over retained over ignored), the retraction drawn there (reused over deallocated), how many of
 * each fell in it and the first few of them (for the tooltip), and whether a forced GC or a heap dump
 * happened there. One pass over the rows into primitive arrays, so 100,000 rows bin in about a millisecond
 * and draw as fast as 100; marks outside the view are left out. Built on the FX thread (it reads the model's
 * rows); immutable once built.
 */
public final class TimelineBins {
    /** How many marks of a column the tooltip names; the rest are counted. */
    public static final int NAMED_PER_COLUMN = 3;
    /** Report ranks: a column shows the worst. */
    public static final byte IGNORED = 1;
    public static final byte RETAINED = 2;
    public static final byte LEAK = 3;
    /** Retraction ranks: reused is drawn over deallocated in a shared column. */
    public static final byte DEALLOCATED = 1;
    public static final byte REUSED = 2;

    private final List<LeakRecord> rows;
    private final int columns;
    private final byte[] reportRank;
    private final byte[] retractionRank;
    private final int[] reportCount;
    private final int[] retractionCount;
    private final int[] reportNamed;
    private final int[] retractionNamed;
    private final boolean[] forcedGc;
    private final boolean[] heapDump;

    private TimelineBins(List<LeakRecord> rows, int columns) {
        this.rows = rows;
        this.columns = columns;
        reportRank = new byte[columns];
        retractionRank = new byte[columns];
        reportCount = new int[columns];
        retractionCount = new int[columns];
        reportNamed = new int[columns * NAMED_PER_COLUMN];
        retractionNamed = new int[columns * NAMED_PER_COLUMN];
        forcedGc = new boolean[columns];
        heapDump = new boolean[columns];
    }

    /**
     * Bins {@code rows} (the model's, read now; the bins keep the list to name a column's marks, so build new
     * bins after the model changed) and the GC and dump moments into the columns of {@code scale}'s view,
     * {@code columns} pixels from x = 0.
     */
    public static TimelineBins of(List<LeakRecord> rows, MomentHistory forcedGcs, MomentHistory heapDumps,
                                  TimelineScale scale, int columns) {
        TimelineBins bins = new TimelineBins(rows, Math.max(0, columns));
        Arrays.fill(bins.reportNamed, -1);
        Arrays.fill(bins.retractionNamed, -1);
        for (int i = 0, n = rows.size(); i < n; i++) {
            LeakRecord row = rows.get(i);
            // Worked out once a row: this loop runs over every row of the session on every drawing.
            LeakRecord.Status status = row.status();
            int x = bins.column(scale, row.reportedAtMillis());
            if (x >= 0) {
                bins.reportRank[x] = (byte) Math.max(bins.reportRank[x], reportRank(row, status));
                name(bins.reportNamed, bins.reportCount[x]++, x, i);
            }
            byte retraction = status == LeakRecord.Status.DEALLOCATED ? DEALLOCATED
                    : status == LeakRecord.Status.REUSED ? REUSED : 0;
            if (retraction > 0) {
                int rx = bins.column(scale, retraction == REUSED ? row.reusedAtMillis() : row.deallocatedAtMillis());
                if (rx >= 0) {
                    bins.retractionRank[rx] = (byte) Math.max(bins.retractionRank[rx], retraction);
                    name(bins.retractionNamed, bins.retractionCount[rx]++, rx, i);
                }
            }
        }
        mark(bins.forcedGc, forcedGcs, bins, scale);
        mark(bins.heapDump, heapDumps, bins, scale);
        return bins;
    }

    private static void name(int[] named, int countBefore, int column, int rowIndex) {
        if (countBefore < NAMED_PER_COLUMN) {
            named[column * NAMED_PER_COLUMN + countBefore] = rowIndex;
        }
    }

    private static void mark(boolean[] columns, MomentHistory moments, TimelineBins bins, TimelineScale scale) {
        for (int i = 0, n = moments.size(); i < n; i++) {
            int x = bins.column(scale, moments.timeAt(i));
            if (x >= 0) {
                columns[x] = true;
            }
        }
    }

    /** The column of a moment, or -1 when it is outside the view (or not a moment: negative). */
    private int column(TimelineScale scale, long millis) {
        if (millis < 0 || millis < scale.viewStart() || millis > scale.viewEnd()) {
            return -1;
        }
        long x = Math.round(scale.xOf(millis));
        return x < 0 || x >= columns ? -1 : (int) x;
    }

    /** A report mark's rank: leak, retained, or ignored (the verdict of a retracted row still shows). */
    private static byte reportRank(LeakRecord row, LeakRecord.Status status) {
        if (status == LeakRecord.Status.IGNORED) {
            return IGNORED;
        }
        return row.verdict() == Verdict.LEAK ? LEAK : RETAINED;
    }

    public int columns() {
        return columns;
    }

    /** The worst report's rank in column {@code x}, 0 for none. */
    public byte reportRankAt(int x) {
        return inside(x) ? reportRank[x] : 0;
    }

    public byte retractionRankAt(int x) {
        return inside(x) ? retractionRank[x] : 0;
    }

    public int reportCountAt(int x) {
        return inside(x) ? reportCount[x] : 0;
    }

    public int retractionCountAt(int x) {
        return inside(x) ? retractionCount[x] : 0;
    }

    public boolean forcedGcAt(int x) {
        return inside(x) && forcedGc[x];
    }

    public boolean heapDumpAt(int x) {
        return inside(x) && heapDump[x];
    }

    /** The first reports of column {@code x}, at most {@link #NAMED_PER_COLUMN}, in the order they arrived. */
    public List<LeakRecord> reportsAt(int x) {
        return named(reportNamed, x);
    }

    /** The first retractions of column {@code x}, at most {@link #NAMED_PER_COLUMN}. */
    public List<LeakRecord> retractionsAt(int x) {
        return named(retractionNamed, x);
    }

    private List<LeakRecord> named(int[] named, int x) {
        List<LeakRecord> found = new ArrayList<>();
        if (inside(x)) {
            for (int k = 0; k < NAMED_PER_COLUMN; k++) {
                int index = named[x * NAMED_PER_COLUMN + k];
                if (index >= 0 && index < rows.size()) {
                    found.add(rows.get(index));
                }
            }
        }
        return found;
    }

    /**
     * The column with marks nearest to {@code x} within {@code reach} pixels in the report band
     * ({@code reports}) or the retraction band, or -1: a 1 px mark must not need a 1 px aim.
     */
    public int nearestMarked(double x, boolean reports, int reach) {
        int center = (int) Math.round(x);
        for (int d = 0; d <= reach; d++) {
            for (int candidate : new int[] {center - d, center + d}) {
                if (inside(candidate) && (reports ? reportCount[candidate] : retractionCount[candidate]) > 0) {
                    return candidate;
                }
            }
        }
        return -1;
    }

    private boolean inside(int x) {
        return x >= 0 && x < columns;
    }
}
