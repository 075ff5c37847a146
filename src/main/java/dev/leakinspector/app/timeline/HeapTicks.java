package dev.leakinspector.app.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heap axis: a top a little above the largest sample, and round steps in one binary unit (0, 16 MB,
 * 32 MB, 48 MB), at most {@code maxTicks} of them, labelled without needless decimals. Plain Java;
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

    /** The axis for samples up to {@code maxBytes}, with at most {@code maxTicks} ticks above 0. */
    public static HeapTicks of(long maxBytes, int maxTicks) {
        long max = Math.max(1024, maxBytes);
        int ticks = Math.max(1, maxTicks);
        int unit = 0;
        while (unit < UNITS.length - 1 && max / Math.pow(1024, unit + 1) >= 1) {
            unit++;
        }
        double unitBytes = Math.pow(1024, unit);
        double rough = max / unitBytes / ticks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = NICE[NICE.length - 1] * magnitude;
        for (double nice : NICE) {
            if (nice * magnitude >= rough) {
                step = nice * magnitude;
                break;
            }
        }
        long stepBytes = Math.max(1, Math.round(step * unitBytes));
        long top = (long) Math.ceil(max * 1.05 / stepBytes) * stepBytes;
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
