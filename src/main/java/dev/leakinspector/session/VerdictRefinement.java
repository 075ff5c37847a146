package dev.leakinspector.session;

import dev.leakinspector.heap.LibraryHold;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathVerdict;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;

import java.util.Optional;

/**
 * What a heap dump's explanation changes about a live report's verdict. The agent can only count instances and see
 * them shown again; the dump shows what keeps the object. A {@link Verdict#RETAINED} report whose durable path runs
 * through a listener list, a collection a static field keeps, a thread, timer or animation is a leak after all; one
 * kept by a plain field of a live owner stays retained (possibly a bounded cache); one kept only through a UI thread's
 * transient locals proves nothing. A report that only a documented JDK/toolkit hold keeps is not the program's leak:
 * a leak verdict goes down to retained, the hold named in the reason. Stateless; any thread.
 */
public final class VerdictRefinement {
    /** How the reason of a verdict lowered for a JDK/toolkit hold starts. */
    public static final String JDK_HOLD = "JDK/toolkit hold, not the program's leak: ";

    private VerdictRefinement() {
    }

    /** The verdict event that {@code analysis} calls for on the report {@code watchId}, now {@code current}; if any. */
    public static Optional<VerdictChanged> of(long watchId, Verdict current, ObjectAnalysis analysis) {
        if (analysis.libraryHold().isPresent()) {
            // Not the program's leak: a leak verdict goes down to retained, with the hold named as the reason.
            LibraryHold hold = analysis.libraryHold().get();
            return current == Verdict.LEAK
                    ? Optional.of(new VerdictChanged(watchId, Verdict.RETAINED,
                            JDK_HOLD + hold.name() + ": " + hold.why()))
                    : Optional.empty();
        }
        if (current != Verdict.RETAINED || analysis.onlyTransientPaths() || analysis.pathVerdict() != PathVerdict.LEAK) {
            return Optional.empty();
        }
        return Optional.of(new VerdictChanged(watchId, Verdict.LEAK, "heap dump: " + analysis.pathVerdictReason()));
    }
}
