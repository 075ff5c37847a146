package dev.leakinspector.heap;

import java.util.List;
import java.util.Optional;

/**
 * A chain of strong references from a GC root to the chosen object: the first step is the root object, the
 * last the object itself. Immutable.
 *
 * @param rootKind        kind of the GC root holding the first step
 * @param rootDescription e.g. {@code System class}, {@code local variable in thread "worker" at Foo.run(Foo.java:12)}
 * @param steps           root first, the object last
 * @param transientReason why the root lets go soon, e.g. {@code local variable in thread "AWT-EventQueue-0" at
 *                        javax.swing.JComponent._paintImmediately(JComponent.java:5210), captured mid-event}; empty
 *                        for a durable root (see {@link TransientRoots})
 * @param libraryHold     the documented JDK/toolkit hold the path goes through, if any: then none of its references
 *                        is suspect, the hold is not the program's leak
 */
public record RetentionPath(GcRootKind rootKind, String rootDescription, List<PathStep> steps, String transientReason,
                            Optional<LibraryHold> libraryHold) {
    public RetentionPath {
        steps = List.copyOf(steps);
    }

    /** A path from a durable root through no library hold. */
    public RetentionPath(GcRootKind rootKind, String rootDescription, List<PathStep> steps) {
        this(rootKind, rootDescription, steps, "", Optional.empty());
    }

    /** Number of references on the path (steps − 1). */
    public int length() {
        return steps.size() - 1;
    }

    /** Whether the root holds the path only for a moment (a UI thread's local captured mid-event). */
    public boolean isTransient() {
        return !transientReason.isEmpty();
    }
}
