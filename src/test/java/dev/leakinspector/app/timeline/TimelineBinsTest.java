package dev.leakinspector.app.timeline;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.ConnectionState;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.TargetInfo;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binning marks per pixel column, and what the tooltip says about a column. */
class TimelineBinsTest {
    private static final long T = 1_700_000_000_000L;
    private static final TargetInfo TARGET = new TargetInfo(1, "a.Main", "21", "", "", List.of(), false, false);

    private static LeakSuspected leak(long id, String className, long reportedAt, Verdict verdict) {
        return new LeakSuspected(id, className, "window hidden", List.of("Stage \"W" + id + "\"", "Scene"), 0,
                reportedAt - 2000, reportedAt, true, verdict, "");
    }

    private static TimelineScale scale(long start, long end) {
        TimelineScale scale = new TimelineScale();
        scale.setPlot(0, 1000);
        scale.setExtent(start, end);
        return scale;
    }

    @Test
    void aColumnShowsItsWorstReportCountsThemAllAndNamesTheFirstFew() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(leak(1, "a.Retained", T + 5_000, Verdict.RETAINED));
        for (int i = 2; i <= 6; i++) {
            model.apply(leak(i, "a.Page" + i, T + 5_001, i == 4 ? Verdict.LEAK : Verdict.RETAINED));
        }
        model.apply(leak(7, "a.Alone", T + 9_000, Verdict.LEAK));
        TimelineScale scale = scale(T, T + 10_000); // 10 ms a pixel: 5000 and 5001 share column 500
        TimelineBins bins = TimelineBins.of(model.rows(), model.forcedGcs(), model.heapDumps(), scale, 1001);
        assertEquals(TimelineBins.LEAK, bins.reportRankAt(500), "the worst report in the column wins");
        assertEquals(6, bins.reportCountAt(500));
        assertEquals(List.of(1L, 2L, 3L), bins.reportsAt(500).stream().map(LeakRecord::watchId).toList());
        assertEquals(500, bins.nearestMarked(503.4, true, 4), "a mark is found within a few pixels");
        assertEquals(-1, bins.nearestMarked(506, true, 4));
        assertTrue(bins.forcedGcAt(500), "the GC that confirmed those reports is marked");

        String many = MarkTooltipText.of(bins.reportsAt(500), bins.reportCountAt(500), false, T + 4_995, T + 5_005,
                true, ZoneOffset.UTC);
        assertEquals("6 reports, 22:13:24.995\u201322:13:25.005\n"
                + "\u2022 Retained \u2014 Retained \u2014 Stage \"W1\"\n"
                + "\u2022 Retained \u2014 Page2 \u2014 Stage \"W2\"\n"
                + "\u2022 Retained \u2014 Page3 \u2014 Stage \"W3\"\n"
                + "\u2026 and 3 more (zoom in to tell them apart)", many);
        String one = MarkTooltipText.of(bins.reportsAt(900), bins.reportCountAt(900), false, T + 9_000, T + 9_000,
                false, ZoneOffset.UTC);
        assertEquals("a.Alone\nView stack: Stage \"W7\" \u203a Scene\nLeak \u00b7 window hidden\nReported 22:13:29", one);
    }

    @Test
    void marksOutsideTheViewAreLeftOut() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(leak(1, "a.Early", T + 1_000, Verdict.LEAK));
        model.apply(leak(2, "a.Late", T + 9_000, Verdict.LEAK));
        TimelineScale scale = scale(T, T + 10_000);
        scale.zoomAround(900, 5); // 7.2 s to 9.2 s: only the late one
        TimelineBins bins = TimelineBins.of(model.rows(), model.forcedGcs(), model.heapDumps(), scale, 1001);
        int marked = 0;
        for (int x = 0; x < bins.columns(); x++) {
            marked += bins.reportCountAt(x);
        }
        assertEquals(1, marked);
    }

    /** Not a timed assertion (the machine may be loaded): prints what binning 100,000 rows costs. */
    @Test
    void binningAHundredThousandRowsIsCheap() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        for (int i = 0; i < 100_000; i++) {
            model.apply(leak(i, "a.Page" + (i % 50), T + i * 36L, i % 3 == 0 ? Verdict.LEAK : Verdict.RETAINED));
        }
        TimelineScale scale = scale(T, T + 3_600_000);
        List<Long> nanos = new ArrayList<>();
        TimelineBins bins = null;
        for (int run = 0; run < 80; run++) {
            long start = System.nanoTime();
            bins = TimelineBins.of(model.rows(), model.forcedGcs(), model.heapDumps(), scale, 1001);
            if (run >= 40) { // after the JIT warmed up
                nanos.add(System.nanoTime() - start);
            }
        }
        int total = 0;
        for (int x = 0; x < bins.columns(); x++) {
            total += bins.reportCountAt(x);
        }
        assertEquals(100_000, total, "every row lands in a column");
        nanos.sort(null);
        System.out.printf("binning 100,000 rows into 1,000 columns: median %.2f ms%n", nanos.get(nanos.size() / 2) / 1e6);
    }
}
