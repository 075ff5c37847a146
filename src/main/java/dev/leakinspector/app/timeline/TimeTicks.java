package dev.leakinspector.app.timeline;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The time axis's ticks: a round step (1 s, 5 s, 1 min, 1 h, …) far enough apart on screen for a label
 * each, placed on round local times (12:03:00, 12:03:10, …), with labels as precise as the step needs.
 * Plain Java; immutable; any thread.
 *
 * @param stepMillis the time between two ticks
 * @param times      the ticks in the view, epoch ms, ascending
 * @param labels     each tick's label, e.g. "12:03:10", "12:03:10.500", "12:05"
 */
public record TimeTicks(long stepMillis, List<Long> times, List<String> labels) {
    /** Round steps, finest first. */
    static final long[] STEPS = {
            1, 2, 5, 10, 20, 50, 100, 200, 500,
            1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
            60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
            3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    public TimeTicks {
        times = List.copyOf(times);
        labels = List.copyOf(labels);
    }

    /**
     * The ticks from {@code start} to {@code end} (epoch ms) drawn {@code widthPixels} wide: the finest round
     * step whose labels fit between ticks, a label being {@code charWidthPixels} a character ("12:03" is 5,
     * "12:03:10" 8, "12:03:10.500" 12) plus {@code gapPixels}.
     */
    public static TimeTicks of(double start, double end, double widthPixels, double charWidthPixels, double gapPixels,
                               ZoneId zone) {
        double pixelsPerMilli = Math.max(1, widthPixels) / Math.max(1e-9, end - start);
        long step = STEPS[STEPS.length - 1];
        for (long candidate : STEPS) {
            if (candidate * pixelsPerMilli >= labelLength(candidate) * charWidthPixels + gapPixels) {
                step = candidate;
                break;
            }
        }
        // Round in local time, so a 10 min step falls on :00, :10, … wherever the zone's offset is.
        long offset = zone.getRules().getOffset(Instant.ofEpochMilli((long) start)).getTotalSeconds() * 1000L;
        long first = Math.floorDiv((long) Math.ceil(start) + offset + step - 1, step) * step - offset;
        DateTimeFormatter format = (step < 1_000 ? MILLIS : step < 60_000 ? SECONDS : MINUTES).withZone(zone);
        List<Long> times = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (long t = first; t <= end && times.size() < 1_000; t += step) {
            times.add(t);
            labels.add(format.format(Instant.ofEpochMilli(t)));
        }
        return new TimeTicks(step, times, labels);
    }

    /** How many characters a label of this step has. */
    static int labelLength(long step) {
        return step < 1_000 ? 12 : step < 60_000 ? 8 : 5;
    }

    /** A span in words: "850 ms", "45 s", "2 min 5 s", "1 h 20 min". */
    public static String duration(double millis) {
        long ms = Math.round(millis);
        if (ms < 1_000) {
            return ms + " ms";
        }
        long seconds = Math.round(millis / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = seconds / 60;
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /** A moment or range end as the chip and tooltips show it: with milliseconds only when {@code precise}. */
    public static String clock(long millis, boolean precise, ZoneId zone) {
        return (precise ? MILLIS : SECONDS).withZone(zone).format(Instant.ofEpochMilli(millis));
    }
}
