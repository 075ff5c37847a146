package dev.leakinspector.session;

import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathVerdict;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;

import java.util.Optional;

/**
 * What a heap dump's explanation changes about a live report's verdict. The agent can only count instances and see
 * them shown again; the dump shows what keeps the object. A {@link Verdict#RETAINED} report whose durable path runs
 * through a listener list, a collection a static field keeps, a thread, timer or animation is a leak after all; one
 * kept by a plain field of a live owner stays retained (possibly a bounded cache). A verdict is never lowered here,
 * and a path through a documented JDK/toolkit hold, or through a UI thread's transient locals only, proves nothing
 * about the program. Stateless; any thread.
 */
public final class VerdictRefinement {
    private VerdictRefinement() {
    }

    /** The verdict event that {@code analysis} calls for on the report {@code watchId}, now {@code current}; if any. */
    public static Optional<VerdictChanged> of(long watchId, Verdict current, ObjectAnalysis analysis) {
        if (current != Verdict.RETAINED || analysis.libraryHold().isPresent() || analysis.onlyTransientPaths()
                || analysis.pathVerdict() != PathVerdict.LEAK) {
            return Optional.empty();
        }
        return Optional.of(new VerdictChanged(watchId, Verdict.LEAK, "heap dump: " + analysis.pathVerdictReason()));
    }
}
