package dev.leakinspector.protocol;

/**
 * Agent -> app: a watch reported by {@link LeakSuspected} was collected after all (a retraction).
 * Immutable; any thread.
 *
 * @param afterMillis how long after the watch started the object was collected
 */
public record ObjectDeallocated(long watchId, long afterMillis) implements Message {
}
