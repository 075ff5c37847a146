package dev.leakinspector.protocol;

/**
 * Agent -> app, about once a second: heap use and the watcher's counters. Immutable; any thread.
 *
 * @param droppedEvents messages the agent dropped because its bounded send queue was full
 */
public record Stats(long timestampMillis, long heapUsedBytes, long heapMaxBytes, int liveWatches, int pendingWatches,
                    long reportedLeaks, long droppedEvents) implements Message {
}
