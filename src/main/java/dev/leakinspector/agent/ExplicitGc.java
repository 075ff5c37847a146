package dev.leakinspector.agent;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;

/** What {@link System#gc()} does in the target: nothing ({@code -XX:+DisableExplicitGC}), or stop the world. Thread-safe. */
final class ExplicitGc {
    /**
     * The collectors (as their MXBeans are named) with which {@link System#gc()} is a full collection that stops
     * every thread: G1 (JDK 17 names two beans, later JDKs a third), Parallel and Serial.
     */
    private static final Set<String> STOP_THE_WORLD_COLLECTORS = Set.of("G1 Young Generation", "G1 Old Generation",
            "G1 Concurrent GC", "PS Scavenge", "PS MarkSweep", "Copy", "MarkSweepCompact");

    /** The last feature release whose requested GC is known not to wait for JNI critical regions. */
    private static final int LAST_JDK_WITHOUT_GC_LOCKER_STALL = 19;

    private ExplicitGc() {
    }

    static boolean isDisabled() {
        return "true".equals(vmOption("DisableExplicitGC"));
    }

    /**
     * Whether {@link System#gc()} stops every thread for the whole collection, so that the thread asking waits no
     * longer than every other thread does: a known stop-the-world collector, without
     * {@code -XX:+ExplicitGCInvokesConcurrent}. False for ZGC, Shenandoah and anything unknown.
     */
    static boolean stopsTheWorld() {
        if (!"false".equals(vmOption("ExplicitGCInvokesConcurrent"))) {
            return false;
        }
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        return !collectors.isEmpty()
                && collectors.stream().allMatch(collector -> STOP_THE_WORLD_COLLECTORS.contains(collector.getName()));
    }

    /**
     * Whether {@link System#gc()} may be called on a program's UI thread: it {@linkplain #stopsTheWorld() stops the
     * world} anyway, and on this JDK it never waits for JNI critical regions. On JDK 17 to 19 a full GC requested
     * while a thread is inside one is skipped at once (G1's {@code G1CollectedHeap::try_collect}; Parallel's and
     * Serial's VM operations), and the watcher asks again later. From JDK 21, G1's request waits until every
     * critical region is left ({@code try_collect_fullgc} calls {@code GCLocker::stall_until_clear}): on a UI
     * thread that could freeze it for as long as a worker holds a region, or for ever if that worker waits for the
     * UI thread. JDK 20 was not checked, so it is treated like 21.
     */
    static boolean mayRequestOnUiThread() {
        return mayRequestOnUiThread(Runtime.version().feature(), stopsTheWorld());
    }

    /** The rule of {@link #mayRequestOnUiThread()} for a JDK's feature release; apart for tests. */
    static boolean mayRequestOnUiThread(int jdkFeature, boolean stopsTheWorld) {
        return stopsTheWorld && jdkFeature <= LAST_JDK_WITHOUT_GC_LOCKER_STALL;
    }

    /** A HotSpot flag's value, or null when there is no such flag (not HotSpot). */
    private static String vmOption(String name) {
        try {
            HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return diagnostics == null ? null : diagnostics.getVMOption(name).getValue();
        } catch (RuntimeException | LinkageError notHotSpot) {
            return null;
        }
    }
}
