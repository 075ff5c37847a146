package dev.leakinspector.heap;

/**
 * Receives progress of a long heap operation, for a progress bar: which {@link HeapStep} runs and how much of it is
 * done. Called on the thread doing the work, at most a few hundred times per step; implementations must be quick
 * and must not throw. Each step's fraction goes from 0 to 1.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (step, fraction) -> { };

    /**
     * @param step     the step running now
     * @param fraction how much of it (or of its current pass) is done, from 0 to 1
     */
    void onProgress(HeapStep step, double fraction);

    /** Reports {@code done} units (bytes or objects) of {@code total} as a fraction; 0 when {@code total} is not positive. */
    default void onProgress(HeapStep step, long done, long total) {
        onProgress(step, total > 0 ? Math.min(1.0, Math.max(0.0, (double) done / total)) : 0.0);
    }
}
