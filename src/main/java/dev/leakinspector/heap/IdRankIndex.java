package dev.leakinspector.heap;

/**
 * Id-to-dense-index lookup of the compact {@link ObjectTable} in one or two memory reads: a bitmap over the id keys
 * with a running rank, stored only for the pages of the key range that hold objects. A key's dense index is the
 * rank of its group plus the ones before it in the group's bit words.
 *
 * <p>Why: the ids of a HotSpot dump are heap addresses, spread over the reserved heap (a 10 GiB range for 1.3 GiB
 * of objects is usual with G1), so a table indexed by the whole range wastes memory and a binary search over the
 * sorted ids misses the cache several times per lookup. The reference pass makes tens of millions of lookups.
 *
 * <p>Layout: the key range is cut into pages of {@code 2^pageBits} keys; {@code directory[page]} is the start of
 * the page's groups in {@code data}, or -1 for a page without objects. A group covers 256 keys in 5 longs: the
 * dense index of its first object, then four 64-bit words of presence bits. The page size is the largest (fewest
 * directory entries) that fits the memory budget; {@link #build} returns null when none fits, and the caller keeps
 * its bucket table. Immutable after construction; safe for concurrent readers.
 */
final class IdRankIndex {
    private static final int GROUP_KEYS = 256;
    private static final int GROUP_LONGS = 5;
    private static final int MIN_PAGE_BITS = 8;
    private static final int MAX_PAGE_BITS = 16;

    private final long minKey;
    private final int pageBits;
    private final int[] directory;
    private final long[] data;

    private IdRankIndex(long minKey, int pageBits, int[] directory, long[] data) {
        this.minKey = minKey;
        this.pageBits = pageBits;
        this.directory = directory;
        this.data = data;
    }

    /** Builds with two threads from this many keys on (tests lower it); below, the thread costs more than it saves. */
    static volatile int minKeysToSplit = 1 << 20;

    /**
     * Builds the index over {@code count} ascending keys given by {@code keys}, or returns null when it would take
     * more than {@code budgetBytes}. {@code keys} must be safe to read from a second thread.
     *
     * <p>Two threads for many keys (it took 0.16-0.19 s of the 1 s first pass on the 30 M dump, alone): the keys are
     * split where a page of the largest size begins, so no page of any size spans both parts, every pass's work on
     * one part is independent of the other's, and the second part's groups start right after the first part's in
     * {@code data}, its ranks at the number of keys before it.
     */
    static IdRankIndex build(KeySource keys, int count, long budgetBytes) {
        if (count == 0) {
            return null;
        }
        long min = keys.key(0);
        long range = keys.key(count - 1) - min + 1;
        int split = count >= minKeysToSplit ? pageStartNear(keys, count, min) : count;
        // pages in use for every candidate page size, in one pass over the sorted keys
        long[] used = new long[MAX_PAGE_BITS + 1];
        long[] usedSecond = new long[MAX_PAGE_BITS + 1];
        inParallel(split < count, () -> countPages(keys, split, count, min, usedSecond),
            () -> countPages(keys, 0, split, min, used));
        long[] usedFirst = used.clone();
        for (int p = MIN_PAGE_BITS; p <= MAX_PAGE_BITS; p++) {
            used[p] += usedSecond[p];
        }
        int best = -1;
        long bestBytes = Long.MAX_VALUE;
        for (int p = MAX_PAGE_BITS; p >= MIN_PAGE_BITS; p--) {
            long pages = ((range - 1) >>> p) + 1;
            long longs = used[p] * ((1L << p) / GROUP_KEYS) * GROUP_LONGS;
            long bytes = 4 * pages + 8 * longs;
            if (pages <= Integer.MAX_VALUE - 8 && longs <= Integer.MAX_VALUE - 8 && bytes < bestBytes) {
                best = p;
                bestBytes = bytes;
            }
        }
        if (best < 0 || bestBytes > budgetBytes) {
            return null;
        }
        int pageBits = best;
        int groupsPerPage = (1 << pageBits) / GROUP_KEYS;
        int[] directory = new int[(int) (((range - 1) >>> pageBits) + 1)];
        java.util.Arrays.fill(directory, -1);
        long[] data = new long[(int) (used[pageBits] * groupsPerPage * GROUP_LONGS)];
        int secondData = (int) (usedFirst[pageBits] * groupsPerPage * GROUP_LONGS);
        inParallel(split < count,
            () -> fill(keys, split, count, min, pageBits, directory, data, secondData, data.length, split),
            () -> fill(keys, 0, split, min, pageBits, directory, data, 0, secondData, 0));
        return new IdRankIndex(min, pageBits, directory, data);
    }

    /**
     * The first key index at or after {@code count / 2} whose key starts a page of the largest size, or
     * {@code count} if there is none.
     */
    private static int pageStartNear(KeySource keys, int count, long min) {
        int i = Math.max(1, count / 2);
        long page = (keys.key(i - 1) - min) >>> MAX_PAGE_BITS;
        while (i < count && ((keys.key(i) - min) >>> MAX_PAGE_BITS) == page) {
            i++;
        }
        return i;
    }

    /** Adds to {@code used[p]} the pages of size {@code 2^p} that keys[from, to) fall in, for every page size. */
    private static void countPages(KeySource keys, int from, int to, long min, long[] used) {
        long[] lastPage = new long[MAX_PAGE_BITS + 1];
        java.util.Arrays.fill(lastPage, -1);
        for (int i = from; i < to; i++) {
            long off = keys.key(i) - min;
            if ((off >>> MIN_PAGE_BITS) == lastPage[MIN_PAGE_BITS]) {
                continue; // same smallest page, so same page of every size
            }
            for (int p = MIN_PAGE_BITS; p <= MAX_PAGE_BITS; p++) {
                long page = off >>> p;
                if (page != lastPage[p]) {
                    lastPage[p] = page;
                    used[p]++;
                }
            }
        }
    }

    /**
     * Sets the directory entries and presence bits of keys[from, to), whose groups take {@code data[dataFrom,
     * dataTo)}, then the ranks of those groups, the first key being the {@code firstRank}-th.
     */
    private static void fill(KeySource keys, int from, int to, long min, int pageBits, int[] directory, long[] data,
                             int dataFrom, int dataTo, long firstRank) {
        int pageLongs = ((1 << pageBits) / GROUP_KEYS) * GROUP_LONGS;
        int next = dataFrom;
        for (int i = from; i < to; i++) {
            long off = keys.key(i) - min;
            int page = (int) (off >>> pageBits);
            if (directory[page] < 0) {
                directory[page] = next; // pages are met in ascending order, so data is in key order too
                next += pageLongs;
            }
            int within = (int) (off & ((1L << pageBits) - 1));
            data[directory[page] + (within >>> 8) * GROUP_LONGS + 1 + ((within >>> 6) & 3)] |= 1L << within;
        }
        // ranks: one sweep in key order
        long rank = firstRank;
        for (int base = dataFrom; base < dataTo; base += GROUP_LONGS) {
            data[base] = rank;
            for (int w = 1; w < GROUP_LONGS; w++) {
                rank += Long.bitCount(data[base + w]);
            }
        }
    }

    /**
     * Runs {@code aside} on a daemon helper ({@code leak-inspector-heap-rank}) and {@code here} on the calling thread,
     * or both on the calling thread when not {@code split}; returns when both are done (the helper's writes are then
     * visible), rethrowing the helper's failure.
     */
    private static void inParallel(boolean split, Runnable aside, Runnable here) {
        if (split) {
            TwoThreads.run("leak-inspector-heap-rank", "indexing", aside, here);
        } else {
            here.run();
            aside.run();
        }
    }

    /** Dense index of {@code key}, or -1 if no object has it. Hot path. */
    int indexOf(long key) {
        long off = key - minKey;
        if (off < 0) {
            return -1;
        }
        long page = off >>> pageBits;
        if (page >= directory.length) {
            return -1;
        }
        int start = directory[(int) page];
        if (start < 0) {
            return -1;
        }
        int within = (int) off & ((1 << pageBits) - 1);
        int base = start + (within >>> 8) * GROUP_LONGS;
        int w = (within >>> 6) & 3;
        long word = data[base + 1 + w];
        long bit = 1L << within;
        if ((word & bit) == 0) {
            return -1;
        }
        long rank = data[base] + Long.bitCount(word & (bit - 1));
        for (int j = 0; j < w; j++) {
            rank += Long.bitCount(data[base + 1 + j]);
        }
        return (int) rank;
    }

    long bytes() {
        return 4L * directory.length + 8L * data.length;
    }

    /** The i-th smallest key. */
    interface KeySource {
        long key(int i);
    }
}
