package dev.leakinspector.heap;

import java.util.List;
import java.util.Optional;

/**
 * Why one object is alive: up to k strong paths from GC roots, the strong reference cycles through it (length ≤ 20),
 * its retained size and the fingerprint of its suspect references. Paths from durable roots come first, shortest
 * first; paths from transient roots (a UI thread's locals captured mid-event) after them; among each, paths through a
 * documented JDK/toolkit hold after the others. Immutable.
 *
 * @param objectId          id of the object in the dump
 * @param className         its class
 * @param retainedBytes     bytes freed if it were unreachable (HPROF payload bytes, see {@link HprofIndex#shallowSize})
 * @param fingerprint       SHA-1 hex of the suspect references of the first path (class + reference name, array
 *                          indexes folded), equal for equal leaks; when that path has no suspect reference, of its
 *                          root kind and class chain ({@link LeakFingerprint}); empty only if the object is not
 *                          reachable
 * @param paths             durable before transient, shortest first; empty if no GC root reaches it
 * @param cycles            shortest first
 * @param libraryHold       the JDK/toolkit hold of the first path: present when no path found keeps the object except
 *                          through a documented hold, so the report is not the program's leak
 * @param pathVerdict       what the first path's shape says: a leak, a (possibly bounded) cache, or undecided
 * @param pathVerdictReason one line why, e.g. "retained through a listener list (Model.listeners)"; empty when
 *                          undecided without a reason
 */
public record ObjectAnalysis(long objectId, String className, long retainedBytes, String fingerprint,
                             List<RetentionPath> paths, List<RetainCycle> cycles, Optional<LibraryHold> libraryHold,
                             PathVerdict pathVerdict, String pathVerdictReason) {
    public ObjectAnalysis {
        paths = List.copyOf(paths);
        cycles = List.copyOf(cycles);
    }

    /** An analysis with no library hold and an undecided path verdict. */
    public ObjectAnalysis(long objectId, String className, long retainedBytes, String fingerprint,
                          List<RetentionPath> paths, List<RetainCycle> cycles) {
        this(objectId, className, retainedBytes, fingerprint, paths, cycles, Optional.empty(), PathVerdict.UNDECIDED, "");
    }

    /** Whether paths were found and every one starts at a transient root: nothing durable keeps the object. */
    public boolean onlyTransientPaths() {
        return !paths.isEmpty() && paths.stream().allMatch(RetentionPath::isTransient);
    }
}
