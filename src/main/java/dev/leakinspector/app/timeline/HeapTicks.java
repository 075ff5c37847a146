package dev.leakinspector.app.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heap axis: a top a little above the largest sample, and round steps in one binary unit (0, 25 MB,
 * 50 MB, 75 MB), labelled without needless decimals. Plain Java;
 * immutable; any thread.
 *
 * @param topBytes   the value at the top of the plot
 * @param stepBytes  the bytes between two ticks
 * @param values     the ticks, from 0 up, in bytes
 * @param labels     each tick's label, e.g. "0", "64 MB", "1.5 GB"
 */
public record HeapTicks(long topBytes, long stepBytes, List<Long> values, List<String> labels) {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};
    private static final double[] NICE = {1, 2, 2.5, 5, 10};

    public HeapTicks {
        values = List.copyOf(values);
        labels = List.copyOf(labels);
    }

    /**
     * The axis for samples up to {@code maxBytes}: the top 8 % above it (so the line never touches the top),
     * and about {@code ticks} round steps up to there, the step nearest to a {@code ticks}th of the top.
     */
    public static HeapTicks of(long maxBytes, int ticks) {
        long top = (long) Math.ceil(Math.max(1024, maxBytes) * 1.08);
        int unit = 0;
        while (unit < UNITS.length - 1 && top / Math.pow(1024, unit + 1) >= 1) {
            unit++;
        }
        double unitBytes = Math.pow(1024, unit);
        double rough = top / unitBytes / Math.max(1, ticks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = magnitude;
        for (double nice : NICE) {
            // Nearest in ratio, so 32 MB a tick becomes 25 MB, not 50 MB (which would leave one label).
            if (Math.abs(Math.log(nice * magnitude / rough)) < Math.abs(Math.log(step / rough))) {
                step = nice * magnitude;
            }
        }
        long stepBytes = Math.max(1, Math.round(step * unitBytes));
        List<Long> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (long v = 0; v <= top; v += stepBytes) {
            values.add(v);
            labels.add(v == 0 ? "0" : label(v / unitBytes, UNITS[unit]));
        }
        return new HeapTicks(top, stepBytes, values, labels);
    }

    private static String label(double value, String unit) {
        String digits = String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
        return digits + " " + unit;
    }
}
