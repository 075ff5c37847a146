package dev.leakinspector.app.trace;

import java.util.List;
import java.util.Objects;

/**
 * One retention path of a leak trace, as the trace view shows it in its own tab: its label, how its GC root holds
 * it, and its steps from the root's object down to the leaked object. Built by {@link LeakTrace}. Immutable; any
 * thread.
 *
 * @param label           the tab's text, e.g. {@code Path 1 · static AppModel.INSTANCE} or
 *                        {@code Path 2 · transient: JavaFX Application Thread}
 * @param rootDescription how the GC root holds the first step, e.g. {@code System class}
 * @param transientReason why the root lets go soon, or empty for a durable path
 * @param libraryHoldWhy  when the path goes through a documented JDK/toolkit hold, its name and why; else empty
 * @param leakedObjectId  the object the path leads to
 * @param steps           root first, the leaked object last
 */
public record TracePath(String label, String rootDescription, String transientReason, String libraryHoldWhy,
                        long leakedObjectId, List<TraceStep> steps) {
    public TracePath {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(rootDescription, "rootDescription");
        Objects.requireNonNull(transientReason, "transientReason");
        Objects.requireNonNull(libraryHoldWhy, "libraryHoldWhy");
        steps = List.copyOf(steps);
    }

    /** Whether the root holds the path only for a moment. */
    public boolean isTransient() {
        return !transientReason.isEmpty();
    }

    /** Number of steps whose incoming reference is a suspect. */
    public long suspectCount() {
        return steps.stream().filter(TraceStep::suspect).count();
    }
}
