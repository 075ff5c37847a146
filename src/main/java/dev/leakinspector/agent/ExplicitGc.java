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
