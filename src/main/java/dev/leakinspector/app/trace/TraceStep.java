package dev.leakinspector.app.trace;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.heap.LeakingStatus;
import dev.leakinspector.heap.ReferenceKind;

import java.util.List;
import java.util.Objects;

/**
 * One line of a leak trace: an object on a retention path, the reference that holds it, and the marks the trace
 * view shows on it. Built by {@link LeakTrace} from a {@code PathStep} in its path; plain data, no JavaFX.
 * Immutable; any thread.
 *
 * @param index           position on the path, 0 for the GC root's object
 * @param objectId        the object's id in the dump (the graph's node key)
 * @param className       full class name; for a class object the class it is
 * @param classObject     whether the object is a class object (its statics)
 * @param reference       the incoming reference (field, array slot, local), or for the first step how the GC root
 *                        holds it, e.g. {@code System class}
 * @param referenceKind   kind of the incoming reference
 * @param leaking         the object's leaking status
 * @param leakingReason   why it has that status ("Stage hidden", "GC root"), may be empty
 * @param suspect         whether the incoming reference is on the suspect stretch: removing one of them frees the
 *                        leaked object
 * @param libraryHoldWhy  when the incoming reference is a documented JDK/toolkit hold, what keeps the object and when
 *                        it lets go (no program can remove it, so it is never a suspect); else empty
 * @param transientReason for the first step of a transient path, why its root lets go soon; else empty
 * @param leaked          whether this is the leaked object (the path's last step)
 * @param changes         "What to change" lines shown at this step (the suspect reference they are about), may be
 *                        empty
 */
public record TraceStep(int index, long objectId, String className, boolean classObject, String reference,
                        ReferenceKind referenceKind, LeakingStatus leaking, String leakingReason, boolean suspect,
                        String libraryHoldWhy, String transientReason, boolean leaked, List<String> changes) {
    public TraceStep {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(leaking, "leaking");
        leakingReason = leakingReason == null ? "" : leakingReason;
        libraryHoldWhy = libraryHoldWhy == null ? "" : libraryHoldWhy;
        transientReason = transientReason == null ? "" : transientReason;
        changes = List.copyOf(changes);
    }

    /** Whether this is the GC root's object (the first step of its path). */
    public boolean root() {
        return index == 0;
    }

    /** Whether the incoming reference is a documented JDK/toolkit hold. */
    public boolean libraryHold() {
        return !libraryHoldWhy.isEmpty();
    }

    /** Whether this step is held by a transient root (a UI thread's local captured mid-event). */
    public boolean transientRoot() {
        return !transientReason.isEmpty();
    }

    /** The class as the line shows it: without package, with " class" for a class object, as the graph titles it. */
    public String title() {
        return RetainGraph.shortName(className) + (classObject ? " class" : "");
    }

    /** The reference as the line shows it: "GC root: System class" for the first step, else the reference. */
    public String referenceText() {
        return root() ? "GC root: " + reference : reference;
    }

    /** The leaking status in LeakCanary's words, e.g. {@code Leaking: YES (Stage hidden)}. */
    public String statusText() {
        return "Leaking: " + leaking + (leakingReason.isEmpty() ? "" : " (" + leakingReason + ")");
    }
}
