package dev.leakinspector.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time of every thread of this process, the JVM's own included (JIT compiler threads, GC workers, the VM
 * thread), which {@link java.lang.management.ThreadMXBean} does not see: read from {@code /proc/self/task} on Linux,
 * with each thread's name as the kernel has it (15 characters). Where the kernel keeps scheduler statistics
 * ({@code schedstat}) the times are in nanoseconds and include how long the thread waited for a core; else they come
 * from {@code stat} in clock ticks (10 ms) and the wait is unknown. Elsewhere than Linux {@link #open()} is null.
 *
 * <p>Each thread's file stays open and is read again from its start, so a snapshot costs one read per thread. Not
 * thread-safe: one thread (the benchmark's FX thread) takes the snapshots.
 */
final class ProcessThreadTimes {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final long NANOS_PER_TICK = 10_000_000;

    private final boolean schedstat;
    private final Map<Integer, FileChannel> files = new HashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(1024);

    private ProcessThreadTimes(boolean schedstat) {
        this.schedstat = schedstat;
    }

    /** Null where there is no {@code /proc/self/task} (not Linux). */
    static ProcessThreadTimes open() {
        if (!Files.isDirectory(TASKS)) {
            return null;
        }
        return new ProcessThreadTimes(Files.isReadable(Path.of("/proc/self/schedstat")));
    }

    /** Whether the times are exact (nanoseconds, with run-queue waits) rather than 10 ms ticks. */
    boolean exact() {
        return schedstat;
    }

    /** Every thread's CPU time (and run-queue wait) now; a thread that cannot be read is left out. */
    Snapshot snapshot() {
        Map<Integer, long[]> times = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                int tid = Integer.parseInt(task.getFileName().toString());
                long[] time = read(tid, task);
                if (time != null) {
                    times.put(tid, time);
                }
            }
        } catch (IOException e) {
            // the listing failed: what was read so far stands
        }
        // Threads gone since the last snapshot: close their files (their names stay, for gaps they were in).
        files.keySet().removeIf(tid -> {
            if (times.containsKey(tid)) {
                return false;
            }
            closeQuietly(files.get(tid));
            return true;
        });
        return new Snapshot(times);
    }

    private long[] read(int tid, Path task) {
        try {
            FileChannel file = files.get(tid);
            if (file == null) {
                file = FileChannel.open(task.resolve(schedstat ? "schedstat" : "stat"), StandardOpenOption.READ);
                files.put(tid, file);
                names.put(tid, Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip());
            }
            buffer.clear();
            int length = file.read(buffer, 0);
            if (length <= 0) {
                return null;
            }
            String text = new String(buffer.array(), 0, length, StandardCharsets.US_ASCII);
            if (schedstat) {
                String[] fields = text.strip().split(" ");
                return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
            }
            // stat: "tid (comm) state ..." where comm may hold spaces; utime and stime are fields 14 and 15
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new long[] {(Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK, -1};
        } catch (IOException | RuntimeException gone) {
            return null; // the thread ended between the listing and the read
        }
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException ignored) {
            // a /proc file: nothing to lose
        }
    }

    /** The name of thread {@code tid} when it was first seen, or its id. */
    String name(int tid) {
        return names.getOrDefault(tid, "tid " + tid);
    }

    /** Every thread's {CPU nanos, run-queue wait nanos or -1} at one moment. Immutable. */
    static final class Snapshot {
        private final Map<Integer, long[]> times;

        Snapshot(Map<Integer, long[]> times) {
            this.times = times;
        }

        /** What each thread used from {@code earlier} to this snapshot, most CPU first. */
        List<ThreadTime> since(Snapshot earlier, ProcessThreadTimes names) {
            List<ThreadTime> used = new ArrayList<>();
            times.forEach((tid, now) -> {
                long[] before = earlier.times.getOrDefault(tid, new long[] {0, now[1] < 0 ? -1 : 0});
                used.add(new ThreadTime(tid, names.name(tid), now[0] - before[0],
                        now[1] < 0 ? -1 : now[1] - before[1]));
            });
            used.sort((a, b) -> Long.compare(b.cpuNanos(), a.cpuNanos()));
            return used;
        }
    }

    /** One thread's CPU over an interval, and how long it waited for a core in it (-1: unknown). */
    record ThreadTime(int tid, String name, long cpuNanos, long waitNanos) {
        /** E.g. {@code "C2 CompilerThre 41.2"}, with {@code " (waited 12.0)"} when asked and known. */
        String describe(boolean withWait) {
            String cpu = String.format(Locale.ROOT, "%s %.1f", name, cpuNanos / 1e6);
            return withWait && waitNanos >= 0 ? cpu + String.format(Locale.ROOT, " (waited %.1f)", waitNanos / 1e6) : cpu;
        }
    }
}
