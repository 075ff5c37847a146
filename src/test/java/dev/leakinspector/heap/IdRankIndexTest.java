package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The rank bitmap answers exactly what a binary search over the sorted keys answers. */
class IdRankIndexTest {
    @Test
    void clusteredKeysLikeHeapRegionsMapToTheirRank() {
        // objects packed in a few "regions" far apart, as G1 leaves them in a big reserved heap
        SplittableRandom random = new SplittableRandom(7);
        long[] keys = new long[200_000];
        int n = 0;
        long base = 0x1000_0000L;
        while (n < keys.length) {
            base += 1 + random.nextLong(1 << 22); // gap to the next region
            long k = base;
            for (int i = 0; i < 5_000 && n < keys.length; i++) {
                keys[n++] = k;
                k += 2 + random.nextInt(12); // 16..104-byte objects
            }
            base = k;
        }
        IdRankIndex index = IdRankIndex.build(i -> keys[i], keys.length, 2L * keys.length);
        assertNotNull(index, "fits in 2 bytes per object");
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i, index.indexOf(keys[i]));
            long probe = keys[i] + 1;
            int expected = Arrays.binarySearch(keys, probe);
            assertEquals(expected >= 0 ? expected : -1, index.indexOf(probe), "key " + probe);
        }
        assertEquals(-1, index.indexOf(keys[0] - 1));
        assertEquals(-1, index.indexOf(keys[keys.length - 1] + 1));
        assertEquals(-1, index.indexOf(keys[keys.length - 1] + (1L << 40)));
        assertEquals(-1, index.indexOf(0));
    }

    @Test
    void everyKeyOfAFullRangeAndOfGroupEdges() {
        long[] keys = new long[70_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = 1000 + i + (i >= 300 ? 1 : 0) + (i >= 65_535 ? 255 : 0);
        }
        IdRankIndex index = IdRankIndex.build(i -> keys[i], keys.length, 1 << 20);
        assertNotNull(index);
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i, index.indexOf(keys[i]));
        }
        assertEquals(-1, index.indexOf(1300));
        assertEquals(-1, index.indexOf(999));
    }

    @Test
    void twoThreadsBuildWhatOneBuilds() {
        SplittableRandom random = new SplittableRandom(11);
        long[] clustered = new long[300_000];
        long k = 5_000;
        for (int i = 0; i < clustered.length; i++) {
            k += (i % 40_000 == 0) ? 1 + random.nextLong(1 << 20) : 1 + random.nextInt(9);
            clustered[i] = k;
        }
        long[] onePage = new long[1000]; // all in one page of the largest size: no place to split
        for (int i = 0; i < onePage.length; i++) {
            onePage[i] = 70_000 + 3L * i;
        }
        long[] single = {42};
        for (long[] keys : new long[][] {clustered, onePage, single}) {
            int saved = IdRankIndex.minKeysToSplit;
            IdRankIndex one;
            IdRankIndex two;
            try {
                IdRankIndex.minKeysToSplit = Integer.MAX_VALUE;
                one = IdRankIndex.build(i -> keys[i], keys.length, 4L * keys.length + (1 << 16));
                IdRankIndex.minKeysToSplit = 1;
                two = IdRankIndex.build(i -> keys[i], keys.length, 4L * keys.length + (1 << 16));
            } finally {
                IdRankIndex.minKeysToSplit = saved;
            }
            assertNotNull(one);
            assertNotNull(two);
            assertEquals(one.bytes(), two.bytes());
            for (int i = 0; i < keys.length; i++) {
                assertEquals(i, two.indexOf(keys[i]), "key " + keys[i]);
                assertEquals(one.indexOf(keys[i] + 1), two.indexOf(keys[i] + 1), "key " + (keys[i] + 1));
                assertEquals(one.indexOf(keys[i] - 1), two.indexOf(keys[i] - 1), "key " + (keys[i] - 1));
            }
        }
    }

    @Test
    void tooSparseKeysLeaveTheLookupToTheBucketTable() {
        long[] keys = new long[1000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (long) i << 20; // one object per megakey: a page each
        }
        assertNull(IdRankIndex.build(i -> keys[i], keys.length, 2L * keys.length));
    }
}
