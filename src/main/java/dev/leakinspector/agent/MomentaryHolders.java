package dev.leakinspector.agent;

import java.util.List;
import java.util.Set;

/**
 * A toolkit's knowledge of its own internals that keep the last hovered, pressed or focused
 * component for a moment (until the next mouse event, say). A page swapped out by a click on one
 * of its own buttons is still held by the scene's mouse handler when its grace period ends; that
 * is not the user's leak, and the watcher defers such survivors instead of reporting them.
 *
 * <p>Called on the watcher thread; implementations read toolkit objects on the toolkit's own
 * thread, wait for it only briefly, never throw, and identify objects with
 * {@link WatchedReference#refersTo} so that no watched object is handed out.
 */
public interface MomentaryHolders {
    /** The ids of those {@code survivors} that are, or contain, an object the toolkit holds for a moment. */
    Set<Long> heldForAMoment(List<WatchedReference> survivors);

    /**
     * Called just before the GC that decides about {@code due} (the watches whose grace period is
     * over, without those under another due watch): lets go of soft caches in which the toolkit
     * keeps any of them, which that GC would not clear, so the GC alone decides. Default: nothing.
     */
    default void releaseSoftCaches(List<WatchedReference> due) {
    }
}
