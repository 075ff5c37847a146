package dev.leakinspector.agent;

import java.util.List;
import java.util.Set;

/**
 * A toolkit's answer to "which of these watched objects are displayed now?": a JavaFX node in the scene of a
 * showing window, a showing stage, a showing Swing component or window. Nothing displayed is a leak, so the
 * watcher asks just before it reports (and again for reported objects from time to time: one displayed again
 * is retracted as reused).
 *
 * <p>Called on the watcher thread. Implementations read toolkit objects only on the toolkit's own thread,
 * wait for it only briefly ({@link MomentaryHolders#askUiThread}; a late answer is "none displayed", so a
 * busy UI thread cannot hide a leak), do constant work per object (no subtree walks), never throw, and
 * touch each object only through {@link WatchedReference#referentSatisfies}, so no strong reference
 * outlives the check.
 */
public interface DisplayCheck {
    /** The ids of those {@code watches} whose object is displayed now; objects of other toolkits are not. */
    Set<Long> displayedNow(List<WatchedReference> watches);

    /**
     * The ids of those {@code watches} whose object {@code isDisplayed} accepts. UI thread; a test that throws
     * for one object counts as "not displayed" for it.
     */
    static Set<Long> displayedAmong(List<WatchedReference> watches, java.util.function.Predicate<Object> isDisplayed) {
        Set<Long> displayed = new java.util.HashSet<>();
        for (WatchedReference watch : watches) {
            try {
                if (watch.referentSatisfies(isDisplayed)) {
                    displayed.add(watch.id());
                }
            } catch (RuntimeException | LinkageError misbehavingObject) {
                // An object whose own code throws when read (a hostile override): not known to be displayed.
            }
        }
        return displayed;
    }
}
