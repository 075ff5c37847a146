package dev.leakinspector.agent;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Asks the JVM for a full collection and tells whether one really ran: with
 * {@code -XX:+DisableExplicitGC} (or {@code gc=false}) {@link System#gc()} does nothing, and reports
 * must then say they are not confirmed by a GC. Called only from the watcher thread.
 */
final class GcRequester {
    private final boolean enabled;

    GcRequester(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Runs one GC if allowed. Weak references to unreachable objects are cleared by the time this
     * returns (clearing is part of the collection; only their enqueueing is asynchronous).
     *
     * @return whether a collection is known to have run
     */
    boolean collect() {
        if (!enabled) {
            return false;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            long before = collectionCount();
            System.gc();
            if (collectionCount() > before) {
                return true;
            }
            // Seen once on a loaded machine: a request that left the counts unchanged. Ask once
            // more before telling the user that no GC confirms the report.
        }
        return false;
    }

    private static long collectionCount() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }
}
