package dev.leakinspector.heap;

/**
 * Receives progress of a long heap operation, for a progress bar. Called on the thread doing the work,
 * at most a few hundred times per phase; implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (phase, done, total) -> { };

    /**
     * @param phase short name of the current phase, e.g. {@code "scan"}, {@code "references"}
     * @param done  units done in this phase (bytes or objects, see the phase)
     * @param total units in this phase; {@code done <= total}
     */
    void onProgress(String phase, long done, long total);
}
