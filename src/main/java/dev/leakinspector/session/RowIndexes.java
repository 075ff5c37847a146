package dev.leakinspector.session;

import java.util.Arrays;

/**
 * Each watch's row index in a {@link SessionModel}: an open-addressing table of {@code long} watch ids and
 * {@code int} row indexes, without boxing. A {@code HashMap<Long, Integer>} kept three objects per row alive
 * (72 bytes, which every young GC copied while they were new) and boxed the id on every look-up; this keeps 12
 * to 24 bytes per row in two arrays and allocates nothing but when it grows.
 *
 * <p>Threading: not thread-safe; owned by one model, on the model's thread.
 */
final class RowIndexes {
    /** Marks a free slot: row indexes are never negative. */
    private static final int FREE = -1;
    private long[] ids = new long[64];
    private int[] rows = filledFree(64);
    private int size;

    /** The row index of {@code watchId}, or -1 if it has no row. */
    int get(long watchId) {
        int mask = ids.length - 1;
        for (int slot = slotOf(watchId, mask); rows[slot] != FREE; slot = (slot + 1) & mask) {
            if (ids[slot] == watchId) {
                return rows[slot];
            }
        }
        return -1;
    }

    /** Whether {@code watchId} has a row. */
    boolean contains(long watchId) {
        return get(watchId) >= 0;
    }

    /** Records that {@code watchId}'s row is {@code row} (≥ 0); a watch id is added once. */
    void put(long watchId, int row) {
        if (row < 0) {
            throw new IllegalArgumentException("row " + row);
        }
        if ((size + 1) * 2 > ids.length) {
            grow();
        }
        int mask = ids.length - 1;
        int slot = slotOf(watchId, mask);
        while (rows[slot] != FREE && ids[slot] != watchId) {
            slot = (slot + 1) & mask;
        }
        if (rows[slot] == FREE) {
            size++;
        }
        ids[slot] = watchId;
        rows[slot] = row;
    }

    private void grow() {
        long[] oldIds = ids;
        int[] oldRows = rows;
        ids = new long[oldIds.length * 2];
        rows = filledFree(oldIds.length * 2);
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldRows[i] != FREE) {
                put(oldIds[i], oldRows[i]);
            }
        }
    }

    private static int[] filledFree(int length) {
        int[] free = new int[length];
        Arrays.fill(free, FREE);
        return free;
    }

    /**
     * Mixed (Fibonacci hashing), not the id itself: the agent numbers its watches in order, and consecutive ids in
     * consecutive slots make one long run that any id landing inside it must probe to the end (tens of thousands
     * of slots at 260,000 rows).
     */
    private static int slotOf(long watchId, int mask) {
        long h = watchId * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
