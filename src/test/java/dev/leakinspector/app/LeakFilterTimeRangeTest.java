package dev.leakinspector.app;

import dev.leakinspector.app.LeakFilter.TimeRange;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.ReportCounts;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The brushed time range as a filter of the list, beside the status choice and the search. */
class LeakFilterTimeRangeTest {
    private static LeakRecord reportedAt(long millis, String className) {
        return LeakRecord.of(new LeakSuspected(1, className, "window hidden", List.of("Stage \"A\""), 0, millis - 2000,
                millis, true, Verdict.LEAK, ""));
    }

    @Test
    void aTimeRangeKeepsReportsMadeInItBothEndsIncluded() {
        LeakFilter filter = LeakFilter.EVERYTHING.withReportedIn(new TimeRange(2_000, 1_000));
        assertEquals(new TimeRange(1_000, 2_000), filter.reportedIn(), "a leftward brush is the same range");
        assertTrue(filter.test(reportedAt(1_000, "a.A")));
        assertTrue(filter.test(reportedAt(2_000, "a.A")));
        assertFalse(filter.test(reportedAt(999, "a.A")));
        assertFalse(filter.test(reportedAt(2_001, "a.A")));
        assertFalse(filter.withReportedIn(new TimeRange(1_000, 2_000)).equals(LeakFilter.EVERYTHING));
        assertEquals(LeakFilter.EVERYTHING, filter.withReportedIn(null), "no range: any time");
        assertEquals(LeakFilter.EVERYTHING, new LeakFilter(LeakFilter.Shown.ALL, "", TimeRange.ALL));
    }

    @Test
    void theRangeCombinesWithTheSearchAndStatus() {
        LeakFilter filter = new LeakFilter(LeakFilter.Shown.STANDING, "orders").withReportedIn(new TimeRange(0, 5_000));
        assertTrue(filter.test(reportedAt(4_000, "a.OrdersPage")));
        assertFalse(filter.test(reportedAt(4_000, "a.InvoicesPage")));
        assertFalse(filter.test(reportedAt(6_000, "a.OrdersPage")));
        assertFalse(filter.test(reportedAt(4_000, "a.OrdersPage").deallocated(10)));
    }

    @Test
    void theHiddenTextNamesTheTimeRangeOnlyWhenOneIsSet() {
        ReportCounts counts = new ReportCounts(10, 0, 0, 0, 0);
        assertEquals("4 hidden by the time range, search or group",
                LeakFilter.EVERYTHING.withReportedIn(new TimeRange(0, 1)).hiddenText(counts, 6, List.of()));
        assertEquals("7 hidden: 3 deallocated, 4 more by the time range, search or group",
                LeakFilter.DEFAULT.withReportedIn(new TimeRange(0, 1)).hiddenText(new ReportCounts(10, 0, 0, 3, 0), 6,
                        List.of()));
        assertEquals("4 hidden: 4 not matching the search or group",
                new LeakFilter(LeakFilter.Shown.ALL, "x").hiddenText(counts, 6, List.of()));
    }

    @Test
    void theChipSaysTheRangeInClockTimesWithMillisecondsWhenShort() {
        long t = 1_700_000_000_000L; // 22:13:20 UTC
        assertEquals("22:13:20\u201322:15:05", TimeRangeChip.text(new TimeRange(t, t + 105_000), ZoneOffset.UTC));
        assertEquals("22:13:20.250\u201322:13:21.500", TimeRangeChip.text(new TimeRange(t + 250, t + 1_500), ZoneOffset.UTC));
    }
}
