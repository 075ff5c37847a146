package dev.leakinspector.heap;

import java.util.Arrays;

/**
 * Every heap object of the dump (instances, arrays, class objects) sorted by id; an object's position in this
 * order is its <em>dense index</em>, used by every other array of the index. Holds per object only its id and
 * the file offset of its record.
 *
 * <p>Compact form (the usual case: ids are 8-aligned addresses below 32 GiB, or 4-byte ids, and the file is
 * under 4 GiB): one {@code long} per object packing 4 bytes of id ({@code id >>> 3}, unsigned) and 4 bytes of
 * record offset = <b>8 bytes per object</b>, merged from an already sorted run and a small sorted side list (no
 * second copy of the table while building: see {@link Builder}), plus
 * a lookup structure of at most 2 bytes per object: an {@link IdRankIndex} (one or two memory reads per lookup) when
 * the ids are dense enough, else a bucket table of about 1 byte per object (a handful of probes). Wide form (any
 * other dump): 16 bytes per object. Lookups are hot loops on primitive arrays.
 *
 * <p>Immutable after construction; safe for concurrent readers.
 */
final class ObjectTable {
    private final int count;
    private final int shift;
    // compact form: ((id >>> shift) << 32 | offset) ^ Long.MIN_VALUE, so signed order equals id order
    private final long[] packed;
    // wide form
    private final long[] wideIds;
    private final long[] wideOffsets;
    // bucket table over the key range
    private final long minKey;
    private final long maxKey;
    private final int bucketShift;
    private final int[] bucketStart;
    /** Compact form with ids dense enough: the lookup by bitmap rank, instead of buckets (then null). */
    private final IdRankIndex rankIndex;

    private ObjectTable(int count, int shift, long[] packed, long[] wideIds, long[] wideOffsets) {
        this.count = count;
        this.shift = shift;
        this.packed = packed;
        this.wideIds = wideIds;
        this.wideOffsets = wideOffsets;
        if (count == 0) {
            minKey = 0;
            maxKey = -1;
            bucketShift = 0;
            bucketStart = new int[] {0, 0};
            rankIndex = null;
            return;
        }
        minKey = key(0);
        maxKey = key(count - 1);
        // the rank bitmap may cost up to 2 bytes per object (the bucket table costs about 1): enough for heaps whose
        // objects average up to ~100 bytes between them, as in real dumps; sparser ids keep the buckets
        rankIndex = packed == null ? null : IdRankIndex.build(this::key, count, Math.max(2L * count, 1 << 16));
        if (rankIndex != null) {
            bucketShift = 0;
            bucketStart = null;
            return;
        }
        long range = maxKey - minKey;
        int buckets = Integer.highestOneBit(Math.max(1, count / 4));
        int bits = 64 - Long.numberOfLeadingZeros(range);
        int bucketBits = Integer.numberOfTrailingZeros(buckets);
        bucketShift = Math.max(0, bits - bucketBits);
        int used = (int) (range >>> bucketShift) + 1;
        bucketStart = new int[used + 1];
        int b = 0;
        for (int i = 0; i < count; i++) {
            int ib = (int) ((key(i) - minKey) >>> bucketShift);
            while (b <= ib) {
                bucketStart[b++] = i;
            }
        }
        while (b <= used) {
            bucketStart[b++] = count;
        }
    }

    /** Key of dense index i: the id shifted (compact) or the id (wide); both ascending in i. */
    private long key(int i) {
        return packed != null ? (packed[i] ^ Long.MIN_VALUE) >>> 32 : wideIds[i] ^ Long.MIN_VALUE;
    }

    int size() {
        return count;
    }

    long id(int index) {
        return packed != null ? ((packed[index] ^ Long.MIN_VALUE) >>> 32) << shift : wideIds[index];
    }

    long offset(int index) {
        return packed != null ? packed[index] & 0xFFFFFFFFL : wideOffsets[index];
    }

    /** Dense index of the object with this id, or -1 if the dump has no such object. Hot path. */
    int indexOf(long id) {
        long k;
        if (packed != null) {
            if ((id & ((1L << shift) - 1)) != 0) {
                return -1;
            }
            k = id >>> shift;
        } else {
            k = id ^ Long.MIN_VALUE;
        }
        if (k < minKey || k > maxKey) {
            return -1;
        }
        if (rankIndex != null) {
            return rankIndex.indexOf(k);
        }
        int b = (int) ((k - minKey) >>> bucketShift);
        int lo = bucketStart[b];
        int hi = bucketStart[b + 1] - 1;
        if (packed != null) {
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long v = (packed[mid] ^ Long.MIN_VALUE) >>> 32;
                if (v < k) {
                    lo = mid + 1;
                } else if (v > k) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
        } else {
            long target = id;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long v = wideIds[mid] ^ Long.MIN_VALUE;
                long t = target ^ Long.MIN_VALUE;
                if (v < t) {
                    lo = mid + 1;
                } else if (v > t) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
        }
        return -1;
    }

    /** What {@link #indexNear} returns when the object is not just around: {@link #indexOf} must tell. */
    static final int FAR = -2;

    /**
     * Like {@link #indexOf}, trying first the objects just around dense index {@code near}: objects allocated
     * together sit next to each other, so most references of an object point within a few places of it, and
     * that scan stays in the cache line the caller just read. Hot path of the reference pass.
     */
    int indexOfNear(long id, int near) {
        int i = indexNear(id, near);
        return i != FAR ? i : indexOf(id);
    }

    /**
     * The near half of {@link #indexOfNear}: the dense index of {@code id} when it lies within a few places of
     * {@code near}, -1 when that scan shows it is in no object, else {@link #FAR}. Hot path of the reference pass.
     */
    int indexNear(long id, int near) {
        if (packed != null && (id & ((1L << shift) - 1)) == 0) {
            long k = id >>> shift;
            long here = (packed[near] ^ Long.MIN_VALUE) >>> 32;
            if (k > here && k - here <= 64) {
                int end = Math.min(count, near + 17);
                for (int i = near + 1; i < end; i++) {
                    long v = (packed[i] ^ Long.MIN_VALUE) >>> 32;
                    if (v >= k) {
                        return v == k ? i : -1;
                    }
                }
            } else if (k < here && here - k <= 64) {
                int end = Math.max(-1, near - 17);
                for (int i = near - 1; i > end; i--) {
                    long v = (packed[i] ^ Long.MIN_VALUE) >>> 32;
                    if (v <= k) {
                        return v == k ? i : -1;
                    }
                }
            } else if (k == here) {
                return near;
            }
        }
        return FAR;
    }

    /** Bytes held by this table. */
    long bytes() {
        long n = rankIndex != null ? rankIndex.bytes() : 4L * bucketStart.length;
        if (packed != null) {
            n += 8L * packed.length;
        } else {
            n += 8L * wideIds.length + 8L * wideOffsets.length;
        }
        return n;
    }

    /**
     * Append-only longs in 16 MiB blocks: growing never copies (but for the first block, which starts small and
     * doubles). Blocks this big are humongous for G1, so young collections do not copy them again and again while
     * the first pass fills them (see {@link BigIntArray}). Not thread-safe.
     */
    static final class LongBlocks {
        private static final int BITS = 21;
        private static final int FIRST_BLOCK_SIZE = 1 << 10;
        private long[][] blocks = new long[16][];
        private int size;

        void add(long v) {
            int b = size >>> BITS;
            int at = size & ((1 << BITS) - 1);
            long[] block = b < blocks.length ? blocks[b] : null;
            if (block == null || at == block.length) {
                if (b == blocks.length) {
                    blocks = Arrays.copyOf(blocks, b * 2);
                }
                block = block == null ? new long[b == 0 ? FIRST_BLOCK_SIZE : 1 << BITS]
                    : Arrays.copyOf(block, Math.min(1 << BITS, block.length * 2));
                blocks[b] = block;
            }
            block[at] = v;
            if (++size < 0) {
                throw new IllegalStateException("more than " + Integer.MAX_VALUE + " objects");
            }
        }

        long get(int i) {
            return blocks[i >>> BITS][i & ((1 << BITS) - 1)];
        }

        /** Appends all of {@code other}, releasing each of its blocks once copied. */
        void addAll(LongBlocks other) {
            for (int i = 0; i < other.size; i++) {
                add(other.blocks[i >>> BITS][i & ((1 << BITS) - 1)]);
                if (((i + 1) & ((1 << BITS) - 1)) == 0) {
                    other.blocks[i >>> BITS] = null;
                }
            }
            other.blocks = new long[1][];
            other.size = 0;
        }

        int size() {
            return size;
        }

        /**
         * Merges this sorted list and the sorted {@code other}, which is short (the side list: some hundreds of
         * entries), into one exact array, releasing each block as soon as it is copied: the stretches of this list
         * between two entries of {@code other} are block copies ({@link System#arraycopy}), not an element-wise merge.
         * Equal values keep this list's first. {@code sideAt[j]} receives the position of {@code other[j]} in the
         * result.
         */
        long[] toArrayMerging(long[] other, int[] sideAt) {
            long[] out = new long[size + other.length];
            int from = 0;
            int at = 0;
            for (int j = 0; j < other.length; j++) {
                int to = upperBound(from, other[j]);
                copy(from, to, out, at);
                at += to - from;
                from = to;
                sideAt[j] = at;
                out[at++] = other[j];
            }
            copy(from, size, out, at);
            blocks = new long[1][];
            size = 0;
            return out;
        }

        /** The first index at or after {@code from} whose value is above {@code v} ({@code size} if none). */
        private int upperBound(int from, long v) {
            int lo = from;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (get(mid) <= v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Copies elements [from, to) to {@code out} at {@code at}, releasing every block whose last element it copies. */
        private void copy(int from, int to, long[] out, int at) {
            while (from < to) {
                int b = from >>> BITS;
                int within = from & ((1 << BITS) - 1);
                int n = Math.min(to - from, (1 << BITS) - within);
                System.arraycopy(blocks[b], within, out, at, n);
                from += n;
                at += n;
                if ((from & ((1 << BITS) - 1)) == 0 || from == size) {
                    blocks[b] = null;
                }
            }
        }

        /** Copies into one exact array, releasing each block as soon as it is copied. */
        long[] toArray() {
            long[] out = new long[size];
            for (int b = 0, done = 0; done < size; b++) {
                int n = Math.min(1 << BITS, size - done);
                System.arraycopy(blocks[b], 0, out, done, n);
                blocks[b] = null;
                done += n;
            }
            return out;
        }
    }

    /**
     * Collects (id, record offset) pairs in file order, then sorts them into an {@link ObjectTable}.
     * Starts compact and switches to the wide form at the first id or offset that does not fit.
     *
     * <p>Compact entries go to one of two lists: the <em>run</em>, which takes every entry whose id is above the
     * run's last one (so it stays sorted: HotSpot writes the heap's objects in address order), and the
     * <em>side</em> list, which takes the others (the class objects HotSpot writes first, objects out of order, and
     * those the caller {@linkplain #addAside sets aside}). {@link #build} then only sorts the side list and merges
     * it into the run, instead of sorting everything with a second array of the same size.
     */
    static final class Builder {
        private final int shift;
        private LongBlocks packed; // compact, the sorted run: ((id >>> shift) << 32 | offset) with sign flipped
        private LongBlocks aside;  // compact, every other entry, in any order
        private long lastRunKey = -1;
        /** Compact: whether the run is sorted (false once an absorbed builder's run did not follow this one's). */
        private boolean runSorted = true;
        private LongList ids;     // wide
        private LongList offs;    // wide

        Builder(int idSize, long fileLength) {
            this.shift = idSize == 8 ? 3 : 0;
            int guess = (int) Math.min(1 << 20, Math.max(1024, fileLength / 64));
            if (fileLength <= 0xFFFFFFFFL) {
                packed = new LongBlocks();
                aside = new LongBlocks();
            } else {
                ids = new LongList(guess);
                offs = new LongList(guess);
            }
        }

        /** Adds an object: to the sorted run when its id is above the run's last one, else to the side list. */
        void add(long id, long offset) {
            add(id, offset, false);
        }

        /** Adds an object to the side list (see the class comment): it is not in the sorted run. */
        void addAside(long id, long offset) {
            add(id, offset, true);
        }

        private void add(long id, long offset, boolean aside) {
            if (packed != null) {
                long k = id >>> shift;
                if ((id & ((1L << shift) - 1)) == 0 && k <= 0xFFFFFFFFL && offset <= 0xFFFFFFFFL) {
                    long entry = ((k << 32) | offset) ^ Long.MIN_VALUE;
                    if (!aside && k > lastRunKey) {
                        lastRunKey = k;
                        packed.add(entry);
                    } else {
                        this.aside.add(entry);
                    }
                    return;
                }
                goWide();
            }
            ids.add(id);
            offs.add(offset);
        }

        private void goWide() {
            int n = packed.size() + aside.size();
            ids = new LongList(n * 2);
            offs = new LongList(n * 2);
            addWide(packed);
            addWide(aside);
            packed = null;
            aside = null;
        }

        /** Appends compact entries, in their order, to the wide lists. */
        private void addWide(LongBlocks compact) {
            for (int i = 0; i < compact.size(); i++) {
                long p = compact.get(i) ^ Long.MIN_VALUE;
                ids.add((p >>> 32) << shift);
                offs.add(p & 0xFFFFFFFFL);
            }
        }

        int size() {
            return packed != null ? packed.size() + aside.size() : ids.size();
        }

        /**
         * Moves every entry of {@code other} (another segment scanner's, later in the file) into this builder. The
         * run stays sorted when the other run's first id is above this one's last.
         */
        void absorb(Builder other) {
            if (packed != null && other.packed != null) {
                if (other.packed.size() > 0) {
                    long first = (other.packed.get(0) ^ Long.MIN_VALUE) >>> 32;
                    runSorted &= other.runSorted && first > lastRunKey;
                    lastRunKey = Math.max(lastRunKey, other.lastRunKey);
                }
                packed.addAll(other.packed);
                aside.addAll(other.aside);
                return;
            }
            if (packed != null) {
                goWide();
            }
            if (other.packed != null) {
                addWide(other.packed);
                addWide(other.aside);
            } else {
                for (int i = 0; i < other.ids.size(); i++) {
                    ids.add(other.ids.get(i));
                    offs.add(other.offs.get(i));
                }
            }
        }

        /** Sorts and builds the table; the builder is empty afterwards. */
        ObjectTable build(MappedHprof file) throws HprofFormatException {
            if (packed != null) {
                long[] raw;
                if (runSorted) {
                    long[] side = aside.toArray();
                    aside = null;
                    Arrays.sort(side);
                    int[] sideAt = new int[side.length];
                    raw = packed.toArrayMerging(side, sideAt);
                    packed = null;
                    // the run's ids ascend strictly, so two equal ids are next to each other with a side entry among
                    // them: checking around the side entries is checking everything
                    int first = Integer.MAX_VALUE;
                    for (int at : sideAt) {
                        if (at > 0 && sameId(raw, at)) {
                            first = Math.min(first, at);
                        } else if (at + 1 < raw.length && sameId(raw, at + 1)) {
                            first = Math.min(first, at + 1);
                        }
                    }
                    if (first < Integer.MAX_VALUE) {
                        throw duplicate(raw, first);
                    }
                    return new ObjectTable(raw.length, shift, raw, null, null);
                } else {
                    LongBlocks all = packed;
                    all.addAll(aside);
                    aside = null;
                    raw = all.toArray();
                    // parallelSort needs a second array of n longs; fall back to the in-place sort when short of heap
                    Runtime rt = Runtime.getRuntime();
                    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
                    if (free > 8L * raw.length + (64L << 20)) {
                        Arrays.parallelSort(raw);
                    } else {
                        Arrays.sort(raw);
                    }
                }
                packed = null;
                int n = raw.length;
                for (int i = 1; i < n; i++) {
                    if (sameId(raw, i)) {
                        throw duplicate(raw, i);
                    }
                }
                return new ObjectTable(n, shift, raw, null, null);
            }
            int n = ids.size();
            long[] idArr = Arrays.copyOf(ids.raw(), n);
            long[] offArr = Arrays.copyOf(offs.raw(), n);
            ids.release();
            offs.release();
            sortUnsigned(idArr, offArr, 0, n - 1);
            for (int i = 1; i < n; i++) {
                if (idArr[i] == idArr[i - 1]) {
                    throw new HprofFormatException(offArr[i], "a new object id, but id 0x" + Long.toHexString(idArr[i]) + " was already defined");
                }
            }
            return new ObjectTable(n, 0, null, idArr, offArr);
        }

        /** Whether compact entries i - 1 and i have the same id. */
        private static boolean sameId(long[] raw, int i) {
            return (raw[i] >>> 32) == (raw[i - 1] >>> 32);
        }

        /** The error for compact entry i, whose id entry i - 1 has too. */
        private HprofFormatException duplicate(long[] raw, int i) {
            long id = ((raw[i] ^ Long.MIN_VALUE) >>> 32) << shift;
            return new HprofFormatException(raw[i] & 0xFFFFFFFFL, "a new object id, but id 0x"
                + Long.toHexString(id) + " was already defined");
        }

        /** Quicksort of parallel arrays by unsigned key; median of three, insertion sort for short runs. */
        private static void sortUnsigned(long[] k, long[] v, int lo, int hi) {
            while (hi - lo > 16) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(k[mid], k[lo]) < 0) {
                    swap(k, v, mid, lo);
                }
                if (Long.compareUnsigned(k[hi], k[lo]) < 0) {
                    swap(k, v, hi, lo);
                }
                if (Long.compareUnsigned(k[hi], k[mid]) < 0) {
                    swap(k, v, hi, mid);
                }
                long pivot = k[mid];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (Long.compareUnsigned(k[i], pivot) < 0) {
                        i++;
                    }
                    while (Long.compareUnsigned(k[j], pivot) > 0) {
                        j--;
                    }
                    if (i <= j) {
                        swap(k, v, i++, j--);
                    }
                }
                if (j - lo < hi - i) {
                    sortUnsigned(k, v, lo, j);
                    lo = i;
                } else {
                    sortUnsigned(k, v, i, hi);
                    hi = j;
                }
            }
            for (int i = lo + 1; i <= hi; i++) {
                for (int j = i; j > lo && Long.compareUnsigned(k[j], k[j - 1]) < 0; j--) {
                    swap(k, v, j, j - 1);
                }
            }
        }

        private static void swap(long[] k, long[] v, int a, int b) {
            long t = k[a];
            k[a] = k[b];
            k[b] = t;
            t = v[a];
            v[a] = v[b];
            v[b] = t;
        }
    }
}
