package dev.leakinspector.heap;

import java.util.Arrays;

/** A growable list of {@code long}s. Not thread-safe. */
final class LongList {
    private long[] data;
    private int size;

    LongList(int capacity) {
        data = new long[Math.max(4, capacity)];
    }

    void add(long value) {
        if (size == data.length) {
            long grown = data.length + (long) (data.length >> 1) + 4;
            if (grown > Integer.MAX_VALUE - 16) {
                grown = Integer.MAX_VALUE - 16;
                if (size == grown) {
                    throw new IllegalStateException("more than " + grown + " entries");
                }
            }
            data = Arrays.copyOf(data, (int) grown);
        }
        data[size++] = value;
    }

    long get(int index) {
        return data[index];
    }

    void set(int index, long value) {
        data[index] = value;
    }

    int size() {
        return size;
    }

    /** The backing array (length may exceed {@link #size()}); for in-place sorting. */
    long[] raw() {
        return data;
    }

    void release() {
        data = new long[4];
        size = 0;
    }
}
