package dev.leakinspector.protocol;

/**
 * Agent -> app: a watch reported by {@link LeakSuspected} was displayed again (a node re-added to a showing
 * window, a window shown again), so the program keeps it on purpose: a retraction, like
 * {@link ObjectDeallocated}. The watch ends with it. Immutable; any thread.
 *
 * @param afterMillis how long after the watch started the object was displayed again
 */
public record ObjectReused(long watchId, long afterMillis) implements Message {
}
