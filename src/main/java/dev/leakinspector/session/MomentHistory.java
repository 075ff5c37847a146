package dev.leakinspector.session;

import java.util.Arrays;

/**
 * When one kind of moment of a session happened (a GC the agent forced, a heap dump), in the order they were
 * recorded, in a growing primitive array: a long session has many, and boxing each would waste memory. Not
 * thread-safe; it belongs to its {@link SessionModel}'s thread.
 */
public final class MomentHistory {
    private long[] times = new long[64];
    private int size;

    void add(long timeMillis) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        times[size++] = timeMillis;
    }

    public int size() {
        return size;
    }

    /** The {@code index}th moment, epoch ms. */
    public long timeAt(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return times[index];
    }

    /** The latest moment recorded, -1 when none was. */
    public long last() {
        return size == 0 ? -1 : times[size - 1];
    }
}
