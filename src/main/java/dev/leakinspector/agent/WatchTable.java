package dev.leakinspector.agent;

import java.util.ArrayList;
import java.util.List;

/**
 * The live watches by id: an open-addressing hash table of the watches themselves (the key is each watch's
 * {@code id} field), so an entry costs one array slot instead of a map node and a boxed key. Linear probing with
 * backward-shift deletion, no tombstones; grows at half full, shrinks never (bounded by
 * {@link Watcher#MAX_LIVE_WATCHES}).
 *
 * <p>Thread-safe: every method holds the table's lock for a few probes (triggers add on UI threads, the watcher
 * thread looks up and removes); {@link #snapshot()} copies under the lock for passes over all watches.
 */
final class WatchTable {
    private WatchedReference[] slots = new WatchedReference[1024];
    private int size;

    synchronized void put(WatchedReference watch) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int i = indexFor(watch.id, slots.length);
        while (slots[i] != null) {
            if (slots[i].id == watch.id) {
                slots[i] = watch;
                return;
            }
            i = (i + 1) & (slots.length - 1);
        }
        slots[i] = watch;
        size++;
    }

    synchronized WatchedReference get(long id) {
        int i = indexFor(id, slots.length);
        WatchedReference slot;
        while ((slot = slots[i]) != null) {
            if (slot.id == id) {
                return slot;
            }
            i = (i + 1) & (slots.length - 1);
        }
        return null;
    }

    synchronized boolean contains(WatchedReference watch) {
        return get(watch.id) == watch;
    }

    /** Removes the watch with this id, if any. */
    synchronized void remove(long id) {
        int mask = slots.length - 1;
        int i = indexFor(id, slots.length);
        while (slots[i] != null && slots[i].id != id) {
            i = (i + 1) & mask;
        }
        if (slots[i] == null) {
            return;
        }
        slots[i] = null;
        size--;
        // Backward shift: move later entries of the run into the hole when their home is not between hole and them.
        int hole = i;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = indexFor(slots[j].id, slots.length);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                slots[hole] = slots[j];
                slots[j] = null;
                hole = j;
            }
        }
    }

    synchronized int size() {
        return size;
    }

    synchronized void clear() {
        java.util.Arrays.fill(slots, null);
        size = 0;
    }

    /** The live watches at this moment, in no particular order. */
    synchronized List<WatchedReference> snapshot() {
        List<WatchedReference> all = new ArrayList<>(size);
        for (WatchedReference slot : slots) {
            if (slot != null) {
                all.add(slot);
            }
        }
        return all;
    }

    private void grow() {
        WatchedReference[] old = slots;
        slots = new WatchedReference[old.length * 2];
        for (WatchedReference watch : old) {
            if (watch != null) {
                int i = indexFor(watch.id, slots.length);
                while (slots[i] != null) {
                    i = (i + 1) & (slots.length - 1);
                }
                slots[i] = watch;
            }
        }
    }

    private static int indexFor(long id, int length) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (length - 1);
    }
}
