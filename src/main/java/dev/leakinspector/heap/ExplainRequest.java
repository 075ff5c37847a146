package dev.leakinspector.heap;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Explainer#explain} is asked: which objects (picked by an {@link ObjectSelector}, or the referents of
 * the agent's watches), how many paths per object, at most how many objects, and whether to look for reference
 * cycles. Immutable; the {@code with…} methods return a changed copy.
 *
 * @param selector   the objects to explain, or null when {@code watchIds} names them
 * @param watchIds   the agent's watches whose objects to explain (each gets an answer, collected or not), or null
 *                   when {@code selector} picks them
 * @param paths      shortest paths per object, at least 1
 * @param maxObjects at most this many objects are explained (the first ones in the dump's order); at least 1
 * @param cycles     whether to look for reference cycles through each object
 */
public record ExplainRequest(ObjectSelector selector, List<Long> watchIds, int paths, int maxObjects, boolean cycles) {
    public ExplainRequest {
        if ((selector == null) == (watchIds == null)) {
            throw new IllegalArgumentException("give either a selector or watch ids");
        }
        if (paths < 1) {
            throw new IllegalArgumentException("paths must be at least 1, was " + paths);
        }
        if (maxObjects < 1) {
            throw new IllegalArgumentException("maxObjects must be at least 1, was " + maxObjects);
        }
        watchIds = watchIds == null ? null : List.copyOf(watchIds);
    }

    /** The objects {@code selector} picks, treated as reported leaks (as LeakCanary treats the retained instance). */
    public static ExplainRequest objects(ObjectSelector selector) {
        return new ExplainRequest(Objects.requireNonNull(selector), null, LeakAnalyzer.DEFAULT_PATHS, Integer.MAX_VALUE,
                true);
    }

    /** The live referents of these agent watches; a watch whose object was collected gets an answer saying so. */
    public static ExplainRequest watches(List<Long> watchIds) {
        return new ExplainRequest(null, watchIds, LeakAnalyzer.DEFAULT_PATHS, Integer.MAX_VALUE, true);
    }

    public ExplainRequest withPaths(int k) {
        return new ExplainRequest(selector, watchIds, k, maxObjects, cycles);
    }

    public ExplainRequest withMaxObjects(int max) {
        return new ExplainRequest(selector, watchIds, paths, max, cycles);
    }

    public ExplainRequest withCycles(boolean on) {
        return new ExplainRequest(selector, watchIds, paths, maxObjects, on);
    }
}
