package dev.leakinspector.heap;

/**
 * Open-addressing map from {@code long} keys to {@code int} values, for the dump's small tables (strings,
 * classes, stack frames): no boxing. Not thread-safe while being filled; safe for concurrent reads after.
 */
final class LongIntMap {
    private static final long EMPTY = 0L;
    private long[] keys;
    private int[] values;
    private int size;
    private boolean hasZero;
    private int zeroValue;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
    }

    int size() {
        return size + (hasZero ? 1 : 0);
    }

    void put(long key, int value) {
        if (key == EMPTY) {
            hasZero = true;
            zeroValue = value;
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** The value for {@code key}, or {@code missing}. */
    int get(long key, int missing) {
        if (key == EMPTY) {
            return hasZero ? zeroValue : missing;
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        long k;
        while ((k = keys[i]) != EMPTY) {
            if (k == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return missing;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }
}
