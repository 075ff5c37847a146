package dev.leakinspector.agent;

/**
 * What a trigger may do: start watching objects that should die, and take a watch back when the
 * object turns out to be reused. Implementations are thread-safe, cheap (triggers call them on
 * the target's UI thread), never throw, and never keep a strong reference to a watched object.
 */
public interface WatchSink {
    /** Returned by {@link #watch} when the object is not watched (ignored, or the watch limit is reached). */
    long NOT_WATCHED = 0;

    /**
     * Starts watching {@code object}: if it is still strongly reachable after the grace period and a
     * GC, it is reported.
     *
     * @param trigger what made it due to die, shown to the user ("window hidden")
     * @param viewStack where it lived at the moment of the trigger
     * @param parentWatchId the watch of the object it belonged to ({@link #NOT_WATCHED} for none):
     *     if both survive, this one is counted under the parent instead of being reported on its own
     * @return the new watch's id, or {@link #NOT_WATCHED}
     */
    long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId);

    /** Drops a watch and every watch below it, because the object was reused within the grace period. */
    void cancelTree(long rootWatchId);

    /**
     * Lets the sink ask a toolkit which survivors it holds only for a moment, until
     * {@link #removeMomentaryHolders}. A sink that never defers reports may ignore it.
     */
    default void addMomentaryHolders(MomentaryHolders holders) {
    }

    default void removeMomentaryHolders(MomentaryHolders holders) {
    }

    /** Reports a failure inside a trigger to the user; the trigger goes on. */
    void reportError(String context, Throwable error);
}
