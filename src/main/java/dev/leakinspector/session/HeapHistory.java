package dev.leakinspector.session;

import java.util.Arrays;

/**
 * Heap used over time, one sample per stats message (about one a second), in two growing primitive
 * arrays: a day-long session is 86,400 samples, and boxing each would triple its size. Not thread-safe;
 * it belongs to its {@link SessionModel}'s thread.
 */
public final class HeapHistory {
    private long[] times = new long[256];
    private long[] heapUsed = new long[256];
    private int size;
    /** The largest sample so far: kept by {@link #add}, so a redraw need not scan a day of samples. */
    private long maxHeapUsed;

    void add(long timeMillis, long heapUsedBytes) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            heapUsed = Arrays.copyOf(heapUsed, size * 2);
        }
        times[size] = timeMillis;
        heapUsed[size] = heapUsedBytes;
        size++;
        maxHeapUsed = Math.max(maxHeapUsed, heapUsedBytes);
    }

    public int size() {
        return size;
    }

    public long timeAt(int index) {
        return times[index];
    }

    public long heapUsedAt(int index) {
        return heapUsed[index];
    }

    /** The largest sample, 0 when there is none. */
    public long maxHeapUsed() {
        return maxHeapUsed;
    }
}
