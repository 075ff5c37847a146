package dev.leakinspector.agent;

import dev.leakinspector.protocol.Verdict;

import java.util.function.Function;

/**
 * What the watches of one capture have in common: the trigger, the verdict their reports would carry on their own,
 * when they were watched, when their grace period ends, and how their crumbs are named later. A window of 10,000
 * nodes has one origin, not 10,000 copies of these fields, which keeps a {@link WatchedReference} small.
 *
 * <p>Immutable: a watch whose trigger, verdict or due time changes gets an origin of its own ({@code with…}),
 * so the others sharing the old one are untouched (the watcher's schedule orders watches by their due time).
 *
 * @param trigger what made the objects due to die ("window hidden")
 * @param verdict how sure a report on its own would be
 * @param wasDisplayed whether the objects were displayed until the trigger (a UI trigger), not named by a rule
 * @param watchedAtMillis wall-clock time of the trigger
 * @param dueNanos when the grace period ends ({@link System#nanoTime()})
 * @param namer names a watched object for its crumb, later, on the watcher thread (see {@link WatchSink#watchTree});
 *     null when every watch of this origin came with its crumb
 */
record WatchOrigin(String trigger, Verdict verdict, boolean wasDisplayed, long watchedAtMillis, long dueNanos,
                   Function<Object, String> namer) {

    WatchOrigin withDue(long newDueNanos) {
        return new WatchOrigin(trigger, verdict, wasDisplayed, watchedAtMillis, newDueNanos, namer);
    }

    WatchOrigin withTrigger(String newTrigger) {
        return new WatchOrigin(newTrigger, verdict, wasDisplayed, watchedAtMillis, dueNanos, namer);
    }

    WatchOrigin withVerdict(Verdict newVerdict) {
        return new WatchOrigin(trigger, newVerdict, wasDisplayed, watchedAtMillis, dueNanos, namer);
    }
}
