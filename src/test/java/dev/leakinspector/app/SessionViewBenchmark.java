package dev.leakinspector.app;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LeakGroup;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionListener;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.session.TargetInfo;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast the session window ingests events and how long the FX thread is kept busy while it does, in the
 * scenarios of issue 14: the first report into the empty window (the table's one-time first rendering of rows,
 * apart so it does not count as the preload's), then preload 100,000 leaks; stream 100,000 events (leaks, deallocations, stats) from
 * another thread as fast as it can with 100,000 rows present, then again with 180,000 rows sorted by class;
 * single reports into the sorted list (with and without 1,000 selected rows); bursts of 2,000 leaks every
 * 100 ms with grouping on and 260,000 rows present. Reports events/s, the drains run, the longest drain and the
 * longest gap between two pulses (how long the window could not repaint or react) with what it was made of (the
 * FX thread's CPU, GC pauses inside it, the render thread's and the producer's CPU: the rest of it the FX thread
 * waited, for a core or for the render thread to finish the previous frame), then the same as a table. With
 * {@code -Dleakinspector.bench.threadTimes=true}, on Linux, also every thread's CPU in the longest gap and over each
 * scenario (JIT compiler and GC threads included, see {@link ProcessThreadTimes}) with how long the FX thread waited
 * for a core. That is a diagnostic run, not one for the figures: each pulse then reads every thread's times on the FX
 * thread, and the first scenario's gap grows from 0 to 115-160 ms with it (that code's own JIT compiles). The window
 * shows its default filter (Standing). To compare with an older commit, run the same class against that
 * commit's classes, alternating runs (the figures depend on the machine's load). Run headless:
 * {@code java -cp <test class path> -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw
 * dev.leakinspector.app.SessionViewBenchmark}. A main, not a test: its figures go into the report.
 */
public final class SessionViewBenchmark {
    private static final int PRELOAD = 100_000;
    private static final int STREAM = 100_000;
    private static final int TARGET_GAP_MILLIS = 50;
    private static final List<String> RESULTS = new java.util.ArrayList<>();
    /** Drains run since the last report (each applies up to SessionController.MAX_EVENTS_PER_DRAIN events). */
    private static final AtomicLong DRAINS = new AtomicLong();

    private SessionViewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        Path data = Files.createTempDirectory("leak-inspector-bench");
        AppContext context = new AppContext(data, SessionSettings.defaults());
        TargetInfo target = new TargetInfo(1, "benchmark", "21", "", "", List.of("javafx"), false, true);
        PulseBatcher batcher = new PulseBatcher();
        RecordedSession session = RecordedSession.unattached(target, data.resolve("bench.lisession"), batcher.scheduler());
        SessionWindow window = AppFx.call(() -> SessionWindow.open(context, session, batcher));
        AtomicLong longestDrainNanos = new AtomicLong();
        AppFx.run(() -> batcher.drainWith(() -> {
            long t0 = System.nanoTime();
            window.controller().drain();
            longestDrainNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
            DRAINS.incrementAndGet();
        }));
        long producerId = Thread.currentThread().getId();
        PulseGaps gaps = AppFx.call(() -> new PulseGaps(producerId));
        TableView<LeakRecord> table = SessionWindowIT.lookup(window.stage(), "#leakTable");

        SessionListener feed = session.feedListener();
        AppFx.awaitPulse();
        // The table's first rows cost one long pulse (its row cells created and styled, cold code): measured on
        // its own, so that the preload's figure is the preload's.
        AppFx.run(gaps::reset);
        long firstStart = System.nanoTime();
        feed.onMessage(leak(PRELOAD));
        AppFx.await("the first row", Duration.ofMinutes(1), () -> table.getItems().size() == 1);
        AppFx.awaitPulse();
        report("first report into the empty window (the table's first row cells)", 1, System.nanoTime() - firstStart,
                longestDrainNanos, gaps);
        longestDrainNanos.set(0);
        AppFx.run(gaps::reset);
        long t0 = System.nanoTime();
        for (int i = 0; i < PRELOAD; i++) {
            feed.onMessage(leak(i));
        }
        AppFx.await("preloaded rows", Duration.ofMinutes(5), () -> table.getItems().size() == PRELOAD + 1);
        report("preload " + PRELOAD + " leaks into the window just opened", PRELOAD, System.nanoTime() - t0, longestDrainNanos, gaps);

        for (boolean sorted : new boolean[] {false, true}) {
            if (sorted) {
                long sortStart = System.nanoTime();
                CompletableFuture<Void> sortedDone = new CompletableFuture<>();
                Platform.runLater(() -> {
                    TableColumn<LeakRecord, ?> classColumn = table.getColumns().get(2);
                    table.getSortOrder().setAll(List.of(classColumn));
                    sortedDone.complete(null);
                });
                sortedDone.get(5, TimeUnit.MINUTES);
                System.out.printf(Locale.ROOT, "sorting %,d rows by class: %.2f s%n", table.getItems().size(),
                        (System.nanoTime() - sortStart) / 1e9);
                AppFx.awaitPulse();
            }
            longestDrainNanos.set(0);
            AppFx.run(gaps::reset);
            int base = AppFx.call(() -> session.model().rows().size());
            long start = System.nanoTime();
            for (int i = 0; i < STREAM; i++) {
                feed.onMessage(streamed(base, i));
            }
            int expectedRows = base + STREAM * 8 / 10;
            AppFx.await("streamed events applied", Duration.ofMinutes(5), () -> session.model().rows().size() == expectedRows
                    && showsEveryStandingRow(session, table));
            report("stream " + STREAM + " events (80% leaks, 10% deallocations, 10% stats) with " + base
                    + " rows present" + (sorted ? ", list sorted by class" : ""), STREAM, System.nanoTime() - start,
                    longestDrainNanos, gaps);
        }
        // The live case: reports arrive a few at a time while the list is large and sorted.
        trickle(session, table, feed, 1_000_000L, "", longestDrainNanos, gaps);
        // The same with as many rows selected as the list allows: the selection is kept across each batch.
        AppFx.run(() -> table.getSelectionModel().selectRange(0, LeakList.MAX_SELECTED_ROWS));
        AppFx.awaitPulse();
        trickle(session, table, feed, 3_000_000L, ", " + LeakList.MAX_SELECTED_ROWS + " of them selected",
                longestDrainNanos, gaps);
        AppFx.run(() -> table.getSelectionModel().clearSelection());
        // Grouping on: regrouping walks every row, throttled to twice a second.
        AppFx.run(() -> ((javafx.scene.control.ToggleButton) window.stage().getScene().lookup("#groupToggle")).setSelected(true));
        AppFx.awaitPulse();
        longestDrainNanos.set(0);
        AppFx.run(gaps::reset);
        int groupedBase = AppFx.call(() -> session.model().rows().size());
        long groupedStart = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            feed.onMessage(leak(groupedBase + 2_000_000L + i));
            if (i % 2000 == 1999) {
                Thread.sleep(100);
            }
        }
        AppFx.await("grouped rows applied", Duration.ofMinutes(2), () -> session.model().rows().size() == groupedBase + 20_000
                && showsEveryStandingRow(session, table));
        // the throttled regroup after the last burst is part of the work measured: wait until the group table
        // counts every row, no longer (a fixed sleep inflated the figure)
        TableView<LeakGroup> groupTable = SessionWindowIT.lookup(window.stage(), "#groupTable");
        AppFx.await("the group table regrouped", Duration.ofMinutes(1), () ->
                groupTable.getItems().stream().mapToInt(LeakGroup::count).sum() == groupedBase + 20_000);
        report("stream 20000 leaks in bursts of 2000 every 100 ms, grouping on, " + groupedBase + " rows present", 20_000,
                System.nanoTime() - groupedStart, longestDrainNanos, gaps);
        summary();
        AppFx.run(() -> {
            window.stage().close();
            context.close();
            Platform.exit();
        });
        System.exit(0);
    }

    /** 200 single reports, each awaited in the list, with watch ids from {@code firstId}; reports the pulses. */
    private static void trickle(RecordedSession session, TableView<LeakRecord> table, SessionListener feed, long firstId,
                                String condition, AtomicLong longestDrainNanos, PulseGaps gaps) throws Exception {
        int trickle = 200;
        longestDrainNanos.set(0);
        AppFx.run(gaps::reset);
        long start = System.nanoTime();
        for (int i = 0; i < trickle; i++) {
            int rowsBefore = AppFx.call(() -> session.model().rows().size());
            int shownBefore = AppFx.call(() -> table.getItems().size());
            feed.onMessage(leak(rowsBefore + firstId));
            AppFx.await("one more row", Duration.ofSeconds(30), () -> table.getItems().size() == shownBefore + 1);
        }
        report("trickle " + trickle + " single reports into " + AppFx.call(() -> table.getItems().size())
                + " sorted rows" + condition + ", each awaited", trickle, System.nanoTime() - start, longestDrainNanos, gaps);
    }

    /**
     * Whether the list has caught up: it shows the window's default filter (Standing), and every benchmark
     * report is a standing leak until it is deallocated. FX thread.
     */
    private static boolean showsEveryStandingRow(RecordedSession session, TableView<LeakRecord> table) {
        return table.getItems().size() == session.model().counts().standing();
    }

    private static Message streamed(int base, int i) {
        int kind = i % 10;
        if (kind == 8) {
            return new ObjectDeallocated(base + i - 8, 4000);
        }
        if (kind == 9) {
            return new Stats(System.currentTimeMillis(), 40_000_000L + i, 256_000_000L, 1000, 0, i, 0);
        }
        return leak(base + i / 10 * 8 + kind);
    }

    private static LeakSuspected leak(long id) {
        long now = System.currentTimeMillis();
        return new LeakSuspected(id, "com.acme.ui.Page" + (id % 50), "window hidden",
                List.of("Stage \"Window " + id + "\"", "Scene", "BorderPane", "VBox#form"), (int) (id % 40),
                now - 2000, now, true, Verdict.LEAK, "");
    }

    private static void report(String what, int events, long nanos, AtomicLong longestDrain, PulseGaps gaps)
            throws Exception {
        double seconds = nanos / 1e9;
        double gap = AppFx.call(gaps::longestMillis);
        double cpuGap = AppFx.call(gaps::longestCpuMillis);
        String madeOf = AppFx.call(gaps::longestMadeOf);
        System.out.printf(Locale.ROOT, "%s: %.2f s, %,.0f events/s, %,d drains, longest drain %.1f ms, longest pulse gap"
                        + " %.1f ms (%s; FX thread CPU between two pulses at most %.1f ms)%n",
                what, seconds, events / seconds, DRAINS.getAndSet(0), longestDrain.get() / 1e6, gap, madeOf, cpuGap);
        System.out.println("    " + AppFx.call(gaps::scenarioCost));
        RESULTS.add(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %,.0f | %s |", what, gap, cpuGap,
                events / seconds, gap <= TARGET_GAP_MILLIS ? "yes" : "NO"));
    }

    /** The figures again, as the rows of issue 14's table, with whether each meets the target. */
    private static void summary() {
        System.out.println();
        System.out.println("| Scenario | Longest pulse gap | FX CPU between pulses, max | Events/s | Gap <= "
                + TARGET_GAP_MILLIS + " ms |");
        System.out.println("|---|---|---|---|---|");
        RESULTS.forEach(System.out::println);
        System.out.println("(target: longest pulse gap <= " + TARGET_GAP_MILLIS
                + " ms in every scenario, >= 50,000 events/s streaming with 180,000 rows sorted)");
    }

    /**
     * The longest time between two consecutive pulses: how long the FX thread was unavailable; and the most CPU
     * time the FX thread used between two pulses, which is what the gap would be on an idle machine (on a loaded
     * one the wall-clock gap also counts the time the thread waited for a core). For the longest gap it also
     * keeps what it was made of: the FX thread's CPU in it and the JVM's GC pauses inside it (the rest is time
     * the thread waited for a core). FX thread, apart from the GC notifications.
     */
    private static final class PulseGaps extends AnimationTimer {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final GcPauses pauses = new GcPauses();
        /** The producer (the thread that feeds the events) and the render thread, whose CPU is counted too. */
        private final long producerId;
        private long rendererId = -1;
        private long last;
        private long longest;
        private long longestEnd;
        private long lastCpu;
        private long longestCpu;
        /** CPU of the FX thread, the render thread, the producer and the whole process at the last pulse. */
        private final long[] lastTimes = new long[4];
        /** The same, spent during the longest gap. */
        private final long[] longestTimes = new long[4];
        /** Every thread's CPU, JIT and GC threads included (Linux only, else null), at the last pulse. */
        private final ProcessThreadTimes allThreads =
                Boolean.parseBoolean(System.getProperty("leakinspector.bench.threadTimes", "false")) ? ProcessThreadTimes.open() : null;
        private ProcessThreadTimes.Snapshot lastAllThreads;
        /** What each thread used during the longest gap, most first. */
        private List<ProcessThreadTimes.ThreadTime> longestAllThreads = List.of();
        /** The longest time one snapshot of every thread took (on the FX thread, so it is part of the figures). */
        private long longestSnapshotNanos;
        /** When the scenario began ({@link #reset}), and every thread's CPU then. */
        private long scenarioStart = System.nanoTime();
        private ProcessThreadTimes.Snapshot scenarioStartThreads;

        PulseGaps(long producerId) {
            this.producerId = producerId;
            start();
        }

        @Override
        public void handle(long now) {
            long cpu = threads.getCurrentThreadCpuTime();
            if (rendererId < 0) {
                rendererId = Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId)
                        .findFirst().orElse(0);
            }
            long[] times = {cpu, Math.max(0, threads.getThreadCpuTime(rendererId)),
                    Math.max(0, threads.getThreadCpuTime(producerId)), os.getProcessCpuTime()};
            long snapshotStart = System.nanoTime();
            ProcessThreadTimes.Snapshot everyThread = allThreads == null ? null : allThreads.snapshot();
            longestSnapshotNanos = Math.max(longestSnapshotNanos, System.nanoTime() - snapshotStart);
            if (last != 0) {
                if (now - last > longest) {
                    longest = now - last;
                    longestEnd = now;
                    for (int i = 0; i < times.length; i++) {
                        longestTimes[i] = times[i] - lastTimes[i];
                    }
                    if (everyThread != null && lastAllThreads != null) {
                        longestAllThreads = everyThread.since(lastAllThreads, allThreads);
                    }
                }
                longestCpu = Math.max(longestCpu, cpu - lastCpu);
            }
            last = now;
            lastCpu = cpu;
            lastAllThreads = everyThread;
            System.arraycopy(times, 0, lastTimes, 0, times.length);
        }

        void reset() {
            last = 0;
            longest = 0;
            longestCpu = 0;
            java.util.Arrays.fill(longestTimes, 0);
            longestAllThreads = List.of();
            longestSnapshotNanos = 0;
            scenarioStart = System.nanoTime();
            scenarioStartThreads = allThreads == null ? null : allThreads.snapshot();
        }

        /**
         * What the whole scenario cost, from the last {@link #reset}: the GC pauses, and every thread's CPU, most
         * first (the top few), which says how much work there was to share two cores, wherever it fell.
         */
        String scenarioCost() {
            long[] gc = pauses.within(scenarioStart, System.nanoTime());
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "whole scenario: GC pauses %.1f ms (%d)",
                    gc[0] / 1e6, gc[1]));
            if (scenarioStartThreads != null) {
                List<ProcessThreadTimes.ThreadTime> used = allThreads.snapshot().since(scenarioStartThreads, allThreads);
                long total = used.stream().mapToLong(ProcessThreadTimes.ThreadTime::cpuNanos).sum();
                text.append(String.format(Locale.ROOT, ", CPU of all threads %.0f ms: ", total / 1e6));
                for (int i = 0; i < Math.min(7, used.size()); i++) {
                    text.append(i == 0 ? "" : ", ").append(used.get(i).describe(false));
                }
            }
            return text.toString();
        }

        double longestMillis() {
            return longest / 1e6;
        }

        double longestCpuMillis() {
            return longestCpu / 1e6;
        }

        /**
         * What the longest gap was made of: the FX thread's CPU, the GC pauses inside it (when every thread stood
         * still), and what used the process's CPU meanwhile (render thread, producer, the rest: GC and compiler
         * threads); the rest of the gap the FX thread waited, for a core or for the render thread.
         */
        String longestMadeOf() {
            long[] gc = pauses.within(longestEnd - longest, longestEnd);
            long startMillis = System.currentTimeMillis() - (System.nanoTime() - (longestEnd - longest)) / 1_000_000;
            return String.format(Locale.ROOT, "from %s: FX CPU %.1f ms, GC pauses %.1f ms (%d); process CPU %.1f ms"
                            + " of which renderer %.1f, producer %.1f", java.time.LocalTime.ofInstant(
                            java.time.Instant.ofEpochMilli(startMillis), java.time.ZoneOffset.UTC),
                    longestTimes[0] / 1e6, gc[0] / 1e6, gc[1], longestTimes[3] / 1e6, longestTimes[1] / 1e6,
                    longestTimes[2] / 1e6) + everyThreadIn();
        }

        /**
         * Every thread's CPU in the longest gap, most first, down to 1 ms (the rest summed), and how long the FX
         * thread waited for a core in it; "" where threads cannot be read.
         */
        private String everyThreadIn() {
            if (allThreads == null || longestAllThreads.isEmpty()) {
                return "";
            }
            StringBuilder text = new StringBuilder("; by thread (ms");
            text.append(allThreads.exact() ? "" : ", 10 ms ticks").append("): ");
            long total = 0;
            long rest = 0;
            int rested = 0;
            boolean first = true;
            for (ProcessThreadTimes.ThreadTime thread : longestAllThreads) {
                total += thread.cpuNanos();
                if (thread.cpuNanos() >= 1_000_000) {
                    text.append(first ? "" : ", ").append(thread.describe(thread.name().startsWith("JavaFX Applicat")));
                    first = false;
                } else if (thread.cpuNanos() > 0) {
                    rest += thread.cpuNanos();
                    rested++;
                }
            }
            return text.append(String.format(Locale.ROOT, ", %d others %.1f; all threads %.1f (a snapshot of them took"
                    + " at most %.2f ms)", rested, rest / 1e6, total / 1e6, longestSnapshotNanos / 1e6)).toString();
        }
    }

    /**
     * The JVM's GC pauses as they are announced (start and end, on the {@link System#nanoTime()} clock, within the
     * millisecond resolution of the notifications). Concurrent cycles' own threads do not stop the FX thread and
     * are not counted. Thread-safe.
     */
    private static final class GcPauses {
        private final java.util.concurrent.ConcurrentLinkedQueue<long[]> pauses = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final long uptimeToNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;

        GcPauses() {
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (!notification.getType().equals(
                            com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) notification.getUserData());
                    if (info.getGcCause().contains("Concurrent") || info.getGcName().contains("Concurrent")) {
                        return;
                    }
                    long start = uptimeToNanos + info.getGcInfo().getStartTime() * 1_000_000;
                    long end = uptimeToNanos + info.getGcInfo().getEndTime() * 1_000_000;
                    pauses.add(new long[] {start, Math.max(end, start + info.getGcInfo().getDuration() * 1_000_000)});
                }, null, null);
            }
        }

        /** {total nanos of pauses overlapping [from, to), how many}; waits briefly for late notifications. */
        long[] within(long from, long to) {
            long total = 0;
            long count = 0;
            for (long[] pause : pauses) {
                long overlap = Math.min(to, pause[1]) - Math.max(from, pause[0]);
                if (overlap > 0) {
                    total += overlap;
                    count++;
                }
            }
            return new long[] {total, count};
        }
    }
}
