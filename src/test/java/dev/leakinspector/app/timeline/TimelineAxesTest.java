package dev.leakinspector.app.timeline;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The time axis's round ticks and readable labels, and the heap axis's units. */
class TimelineAxesTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    /** 2023-11-14 22:13:20 UTC. */
    private static final long T = 1_700_000_000_000L;

    @Test
    void timeTicksAreRoundLocalTimesFarEnoughApartForTheirLabels() {
        // Ten minutes across 1000 px, 6 px a character: "22:14:30" and a gap need 64 px (38 s), so not every 30 s;
        // "22:14" needs 46 px, so every minute.
        TimeTicks ticks = TimeTicks.of(T, T + 600_000, 1000, 6, 16, UTC);
        assertEquals(60_000, ticks.stepMillis());
        assertEquals("22:14", ticks.labels().get(0), "the first whole minute after the start");
        assertEquals(10, ticks.times().size());
        for (int i = 1; i < ticks.times().size(); i++) {
            double apart = (ticks.times().get(i) - ticks.times().get(i - 1)) * 1000.0 / 600_000;
            assertTrue(apart >= 5 * 6 + 16, "labels never overlap: " + apart + " px apart");
        }
    }

    @Test
    void zoomedInTicksShowSecondsThenMilliseconds() {
        TimeTicks seconds = TimeTicks.of(T, T + 30_000, 1000, 10, 16, UTC);
        assertEquals(5_000, seconds.stepMillis());
        assertEquals(List.of("22:13:20", "22:13:25", "22:13:30", "22:13:35", "22:13:40", "22:13:45", "22:13:50"),
                seconds.labels());
        TimeTicks millis = TimeTicks.of(T + 100, T + 1_100, 1000, 6, 16, UTC);
        assertEquals(100, millis.stepMillis());
        assertEquals("22:13:20.100", millis.labels().get(0));
    }

    @Test
    void ticksFollowTheLocalZone() {
        // In a zone half an hour off UTC, hourly ticks still fall on the local hour.
        ZoneId india = ZoneId.of("Asia/Kolkata");
        TimeTicks ticks = TimeTicks.of(T, T + 12 * 3_600_000L, 600, 6, 16, india);
        assertEquals(3_600_000, ticks.stepMillis());
        for (String label : ticks.labels()) {
            assertTrue(label.endsWith(":00"), label);
        }
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertEquals("850 ms", TimeTicks.duration(850));
        assertEquals("45 s", TimeTicks.duration(45_000));
        assertEquals("2 min 5 s", TimeTicks.duration(125_000));
        assertEquals("1 h 20 min", TimeTicks.duration(80 * 60_000));
    }

    @Test
    void heapTicksUseOneUnitAndRoundSteps() {
        HeapTicks mb = HeapTicks.of(90L * 1024 * 1024, 3);
        assertEquals(List.of("0", "25 MB", "50 MB", "75 MB"), mb.labels());
        assertTrue(mb.topBytes() > 90L * 1024 * 1024, "the line never touches the top");
        HeapTicks gb = HeapTicks.of(3L * 1024 * 1024 * 1024 + 1, 3);
        assertEquals(List.of("0", "1 GB", "2 GB", "3 GB"), gb.labels());
        HeapTicks small = HeapTicks.of(1536L * 1024, 4);
        assertEquals("0.5 MB", small.labels().get(1), "no needless decimals, none lost either");
        HeapTicks empty = HeapTicks.of(0, 3);
        assertEquals("0", empty.labels().get(0));
        assertTrue(empty.topBytes() > 0, "never a zero-height axis");
    }
}
