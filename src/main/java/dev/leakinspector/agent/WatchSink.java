package dev.leakinspector.agent;

import dev.leakinspector.protocol.Verdict;

/**
 * What a trigger may do: start watching objects that should die, take a watch back when the object
 * turns out to be reused, and tell the watcher what the toolkit knows. Implementations are
 * thread-safe, cheap (triggers call them on the target's UI thread), never throw, and never keep a
 * strong reference to a watched object.
 */
public interface WatchSink {
    /** Returned by {@link #watch} when the object is not watched (ignored, or the watch limit is reached). */
    long NOT_WATCHED = 0;

    /**
     * Starts watching {@code object}, which was displayed until the trigger fired (a hidden window, a
     * node removed from a showing scene): if it is still strongly reachable after the grace period and
     * a GC, and not displayed again, it is reported. If the object already has a standing report it
     * was evidently displayed again meanwhile: that report is retracted as reused first, so that one
     * object never has two standing reports.
     *
     * @param trigger what made it due to die, shown to the user ("window hidden")
     * @param viewStack where it lived at the moment of the trigger
     * @param parentWatchId the watch of the object it belonged to ({@link #NOT_WATCHED} for none):
     *     if both survive, this one is counted under the parent instead of being reported on its own
     * @param verdict how sure a report of it would be on its own: {@link Verdict#LEAK} for a closed
     *     window, {@link Verdict#RETAINED} for a detached view or a hidden window (possibly a cache;
     *     escalated to a leak when instances of its kind pile up)
     * @return the new watch's id, or {@link #NOT_WATCHED}
     */
    default long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId, Verdict verdict) {
        return watch(object, trigger, viewStack, parentWatchId); // a sink without verdicts (a test's) records the watch
    }

    /**
     * Starts watching an object that a rule says should die now (it was not displayed): reported as a
     * {@link Verdict#LEAK}. An object with a standing report is not watched a second time; its
     * report's id is returned.
     */
    long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId);

    /**
     * How {@link #watchTree} reads a toolkit's tree: the children now, on the UI thread; a crumb possibly later,
     * on the watcher thread, of an object that is not displayed then (only survivors need crumbs, and a window's
     * 10,000 nodes must not cost 10,000 crumbs on the UI thread). Implementations never keep what they are given.
     */
    interface TreeShape {
        /** The node's children, an empty list for a leaf. UI thread, at capture. */
        java.util.List<?> children(Object node);

        /** The node's crumb ({@link ViewStack#crumb}). Any thread; may throw (the class name is used then). */
        String crumb(Object node);

        /** The toolkit, as errors reading its trees name it ("JavaFX scene graph"). */
        default String toolkit() {
            return "toolkit tree";
        }
    }

    /**
     * Watches {@code top} as {@link #watch(Object, String, ViewStack, long, Verdict)} does, and every node below it
     * (at most {@code maxNodes} in all), each under its parent's watch so that a surviving subtree is one report.
     * Ignored nodes are skipped with their subtrees. A sink may walk the subtree and name the crumbs later, on its
     * own thread, from the nodes as they are then ({@link TreeShape}); this default does it all now, node by node.
     *
     * @param above the view stack above {@code top}, or null when {@code top} is the first crumb
     * @param topCrumb {@code top}'s own crumb, or null to have {@code shape} name it
     * @return the watch id of {@code top}, or {@link #NOT_WATCHED}
     */
    default long watchTree(Object top, String trigger, ViewStack above, String topCrumb, long parentWatchId,
                           Verdict verdict, TreeShape shape, int maxNodes) {
        String crumb = topCrumb != null ? topCrumb : shape.crumb(top);
        java.util.ArrayDeque<Object[]> work = new java.util.ArrayDeque<>();
        work.push(new Object[] {top, above == null ? ViewStack.of(crumb) : above.then(crumb), parentWatchId});
        long topId = NOT_WATCHED;
        int watched = 0;
        while (!work.isEmpty() && watched < maxNodes) {
            Object[] item = work.pop();
            ViewStack stack = (ViewStack) item[1];
            long id = watch(item[0], trigger, stack, (Long) item[2], verdict);
            if (id == NOT_WATCHED) {
                continue;
            }
            if (watched++ == 0) {
                topId = id;
            }
            for (Object child : shape.children(item[0])) {
                work.push(new Object[] {child, stack.then(shape.crumb(child)), id});
            }
        }
        return topId;
    }

    /**
     * Drops a watch and every watch below it, because the object was moved within the grace period
     * (attached elsewhere, not necessarily displayed). A watch already reported stays reported.
     */
    void cancelTree(long rootWatchId);

    /**
     * The object of this watch (a tree's top) is displayed again: a watch still in its grace period
     * is dropped with its tree, a reported one is retracted as reused ({@code ObjectReused}) and ends.
     */
    default void displayedAgain(long rootWatchId) {
        cancelTree(rootWatchId);
    }

    /**
     * A watch's object was closed for good after it was watched as merely hidden (a hidden Swing
     * window disposed later): it is now a {@link Verdict#LEAK} if it survives, and a standing
     * {@code retained} report of it is escalated.
     *
     * @param trigger the new trigger, e.g. "window disposed"
     */
    default void closedForGood(long watchId, String trigger) {
    }

    /**
     * A new instance of a kind was displayed (a new dialog of a class and title shown): standing
     * {@code retained} reports of that kind ({@code className}, {@code trigger}, the place
     * {@code viewStack} names) are then accumulating and escalate to leaks.
     */
    default void instanceDisplayed(String className, String trigger, ViewStack viewStack) {
    }

    /**
     * Lets the sink ask a toolkit which survivors it holds only for a moment, until
     * {@link #removeMomentaryHolders}. A sink that never defers reports may ignore it.
     */
    default void addMomentaryHolders(MomentaryHolders holders) {
    }

    default void removeMomentaryHolders(MomentaryHolders holders) {
    }

    /**
     * Lets the sink time its forced GCs to moments when this toolkit's UI thread is between two frames, until
     * {@link #removeBetweenFrames}. A sink that forces no GC may ignore it.
     */
    default void addBetweenFrames(BetweenFrames uiThread) {
    }

    default void removeBetweenFrames(BetweenFrames uiThread) {
    }

    /** Lets the sink ask a toolkit which watched objects are displayed now, until {@link #removeDisplayCheck}. */
    default void addDisplayCheck(DisplayCheck check) {
    }

    default void removeDisplayCheck(DisplayCheck check) {
    }

    /** Reports a failure inside a trigger to the user; the trigger goes on. */
    void reportError(String context, Throwable error);
}
