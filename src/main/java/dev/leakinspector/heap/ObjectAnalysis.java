package dev.leakinspector.heap;

import java.util.List;

/**
 * Why one object is alive: up to k shortest strong paths from GC roots, the strong reference cycles through
 * it (length ≤ 20), its retained size and the fingerprint of its suspect references. Immutable.
 *
 * @param objectId      id of the object in the dump
 * @param className     its class
 * @param retainedBytes bytes freed if it were unreachable (HPROF payload bytes, see {@link HprofIndex#shallowSize})
 * @param fingerprint   SHA-1 hex of the suspect references of the first path (class + reference name, array
 *                      indexes folded), equal for equal leaks; empty if the object is not reachable
 * @param paths         shortest first; empty if no GC root reaches it
 * @param cycles        shortest first
 */
public record ObjectAnalysis(long objectId, String className, long retainedBytes, String fingerprint,
                             List<RetentionPath> paths, List<RetainCycle> cycles) {
    public ObjectAnalysis {
        paths = List.copyOf(paths);
        cycles = List.copyOf(cycles);
    }
}
