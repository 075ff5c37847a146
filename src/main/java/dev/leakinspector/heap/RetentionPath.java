package dev.leakinspector.heap;

import java.util.List;

/**
 * A chain of strong references from a GC root to the chosen object: the first step is the root object, the
 * last the object itself. Immutable.
 *
 * @param rootKind        kind of the GC root holding the first step
 * @param rootDescription e.g. {@code System class}, {@code local variable in thread "worker" at Foo.run(Foo.java:12)}
 * @param steps           root first, the object last
 */
public record RetentionPath(GcRootKind rootKind, String rootDescription, List<PathStep> steps) {
    public RetentionPath {
        steps = List.copyOf(steps);
    }

    /** Number of references on the path (steps − 1). */
    public int length() {
        return steps.size() - 1;
    }
}
