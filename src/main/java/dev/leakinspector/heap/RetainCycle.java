package dev.leakinspector.heap;

import java.util.List;

/**
 * A cycle of strong references through the chosen object, rotated to start at the object with the smallest id
 * (FBRetainCycleDetector's canonical form). Each element's {@code reference} is the reference by which the
 * previous element (cyclically: the last, for the first) holds it. Immutable.
 */
public record RetainCycle(List<PathStep> elements) {
    public RetainCycle {
        elements = List.copyOf(elements);
    }

    public int length() {
        return elements.size();
    }
}
