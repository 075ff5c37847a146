package dev.leakinspector.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a target's frames fell, in seconds of JVM uptime as an {@code -Xlog} file's {@code uptime} decoration
 * prints them, so that a benchmark can line its worst frame up with the GC and safepoint log of the same run. To
 * about a millisecond: the JVM counts its uptime in milliseconds, so a pause that seems to touch a short frame
 * by less than that did not fall inside it unless the frame's work is as long as the pause.
 * Called on the FX thread once the frames are over; not in the timed work.
 */
final class FrameTimes {
    /** System property naming a file prefix: each frame's start and work go to {@code <prefix>-<pid>-<n>.txt}. */
    static final String FILE_PROPERTY = "leakinspector.framesFile";
    /**
     * How many first frames also get each removal's time, to {@code <prefix>-<pid>-<n>-removals.txt}: a frame whose
     * work is one slow removal (first-time work, a pause) looks different there from one slowed throughout (code
     * still interpreted).
     */
    static final int FIRST_FRAMES = 3;
    /** How many series this JVM wrote: the n-th goes to {@code <prefix>-<pid>-<n>.txt}. FX thread. */
    private static int written;

    private FrameTimes() {
    }

    /**
     * {@code worstFrame=<n>/<frames>@<uptime>s} for the frame with the most work (1-based), and, when
     * {@link #FILE_PROPERTY} is set, every frame's {@code <start uptime s> <work ms>} written to its file.
     *
     * @param starts each frame's start, {@link System#nanoTime()}
     * @param work each frame's work in nanoseconds
     */
    static String describeWorst(int frames, long[] starts, long[] work) {
        long nowNanos = System.nanoTime();
        double nowUptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        int worst = 0;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            if (work[i] > work[worst]) {
                worst = i;
            }
            lines.add(String.format("%.4f %.3f", nowUptimeSeconds - (nowNanos - starts[i]) / 1e9, work[i] / 1e6));
        }
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null) {
            try {
                Files.write(Path.of(file + "-" + ProcessHandle.current().pid() + "-" + ++written + ".txt"), lines);
            } catch (IOException e) {
                TargetSide.reply("FRAMES not written: " + e);
            }
        }
        return frames == 0 ? "worstFrame=none"
                : String.format("worstFrame=%d/%d@%.3fs", worst + 1, frames, nowUptimeSeconds - (nowNanos - starts[worst]) / 1e9);
    }

    /**
     * When {@link #FILE_PROPERTY} is set, the series {@link #describeWorst} just wrote gets the {@link #FIRST_FRAMES}
     * first frames' removals too: one line per frame, each removal's time in microseconds.
     *
     * @param nanos removal {@code i} of frame {@code f} at {@code f * 100 + i}
     */
    static void writeFirstRemovals(long[] nanos) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int frame = 0; frame * 100 < nanos.length; frame++) {
            StringBuilder line = new StringBuilder();
            for (int i = frame * 100; i < Math.min(nanos.length, frame * 100 + 100); i++) {
                line.append(i > frame * 100 ? " " : "").append(nanos[i] / 1000);
            }
            lines.add(line.toString());
        }
        try {
            Files.write(Path.of(file + "-" + ProcessHandle.current().pid() + "-" + written + "-removals.txt"), lines);
        } catch (IOException e) {
            TargetSide.reply("FRAMES not written: " + e);
        }
    }
}
