package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table comes out sorted by id, whatever the order the objects came in: HotSpot's (classes first, then
 * ascending addresses), shuffled, or split between scanners whose runs do not follow each other.
 */
class ObjectTableBuilderTest {
    private static final long FILE = 1L << 30;

    /** Ids 8-aligned from a random start, with gaps; offsets unique. */
    private static List<long[]> objects(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> out = new ArrayList<>();
        long id = 0x7_0000_0000L + 8L * random.nextInt(1000);
        for (int i = 0; i < n; i++) {
            id += 8L * (1 + random.nextInt(20));
            out.add(new long[] {id, 100L + 40L * i});
        }
        return out;
    }

    private static void assertTable(List<long[]> objects, ObjectTable table) {
        List<long[]> sorted = new ArrayList<>(objects);
        sorted.sort((x, y) -> Long.compareUnsigned(x[0], y[0]));
        assertEquals(sorted.size(), table.size());
        for (int i = 0; i < sorted.size(); i++) {
            assertEquals(sorted.get(i)[0], table.id(i), "id at " + i);
            assertEquals(sorted.get(i)[1], table.offset(i), "offset at " + i);
            assertEquals(i, table.indexOf(sorted.get(i)[0]));
        }
    }

    @Test
    void hotSpotOrderClassesFirstThenAscendingIds() throws Exception {
        List<long[]> objects = objects(200_000, 1);
        ObjectTable.Builder b = new ObjectTable.Builder(8, FILE);
        // the class objects come first, anywhere in the id range
        for (int i = 0; i < objects.size(); i += 997) {
            b.addAside(objects.get(i)[0], objects.get(i)[1]);
        }
        for (int i = 0; i < objects.size(); i++) {
            if (i % 997 != 0) {
                b.add(objects.get(i)[0], objects.get(i)[1]);
            }
        }
        assertTable(objects, b.build(null));
    }

    @Test
    void anyOrder() throws Exception {
        List<long[]> objects = objects(100_000, 2);
        List<long[]> shuffled = new ArrayList<>(objects);
        Collections.shuffle(shuffled, new java.util.Random(3));
        ObjectTable.Builder b = new ObjectTable.Builder(8, FILE);
        for (long[] o : shuffled) {
            b.add(o[0], o[1]);
        }
        assertTable(objects, b.build(null));
    }

    @Test
    void scannersWhoseRunsFollowAndScannersWhoseRunsDoNot() throws Exception {
        List<long[]> objects = objects(300_000, 4);
        for (boolean swapped : new boolean[] {false, true}) {
            ObjectTable.Builder[] parts = {new ObjectTable.Builder(8, FILE), new ObjectTable.Builder(8, FILE),
                new ObjectTable.Builder(8, FILE)};
            for (int i = 0; i < objects.size(); i++) {
                int part = i * 3 / objects.size();
                if (swapped) {
                    part = 2 - part; // the first scanner gets the highest ids: its run does not precede the others'
                }
                parts[part].add(objects.get(i)[0], objects.get(i)[1]);
            }
            parts[0].absorb(parts[1]);
            parts[0].absorb(parts[2]);
            assertTable(objects, parts[0].build(null));
        }
    }

    @Test
    void aDuplicateIdIsReportedWhereverItComes() {
        for (boolean aside : new boolean[] {false, true}) {
            ObjectTable.Builder b = new ObjectTable.Builder(8, FILE);
            b.add(0x1000, 10);
            b.add(0x1008, 20);
            if (aside) {
                b.addAside(0x1000, 30);
            } else {
                b.add(0x1000, 30);
            }
            HprofFormatException e = assertThrows(HprofFormatException.class, () -> b.build(null));
            assertTrue(e.getMessage().contains("id 0x1000 was already defined"), e.getMessage());
        }
    }

    @Test
    void aDuplicateIdIsReportedWhenTheSideEntryComesFirstInOrder() throws Exception {
        // the side entry's record is earlier in the file than the run's: it sorts before its twin
        ObjectTable.Builder b = new ObjectTable.Builder(8, FILE);
        for (int i = 0; i < 1000; i++) {
            b.add(0x1000 + 8L * i, 100 + i);
        }
        b.addAside(0x1000 + 8L * 500, 50);
        HprofFormatException e = assertThrows(HprofFormatException.class, () -> b.build(null));
        assertTrue(e.getMessage().contains("id 0x1fa0 was already defined"), e.getMessage());
        ObjectTable.Builder fine = new ObjectTable.Builder(8, FILE);
        for (int i = 0; i < 1000; i++) {
            fine.add(0x1000 + 8L * i, 100 + i);
        }
        fine.addAside(0x1000 + 8L * 1000, 50);
        fine.addAside(0x0ff8, 60);
        ObjectTable t = fine.build(null);
        assertEquals(1002, t.size());
        assertEquals(60, t.offset(0));
        assertEquals(50, t.offset(1001));
        assertEquals(100 + 500, t.offset(501));
    }

    @Test
    void blocksGrowAcrossTheirBoundary() {
        BigIntArray small = new BigIntArray();
        BigIntArray index = BigIntArray.forIndex();
        int n = (1 << 22) + 12345;
        for (int i = 0; i < n; i++) {
            small.add(i);
            index.add(i ^ 0x5555);
        }
        index.addAll(small);
        index.trim();
        assertEquals(2L * n, index.size());
        for (int i = 0; i < n; i += 997) {
            assertEquals(i ^ 0x5555, index.get(i));
            assertEquals(i, index.get(n + (long) i));
        }
        assertEquals(4L * 2 * n, index.bytes(), "trimmed: no slack");
    }

    /** The merge copies the run in blocks of 2^21 entries: side entries and duplicates right at the blocks' edges. */
    private static final int ACROSS_BLOCKS = (1 << 21) * 2 + 77;

    /** A run of ids 16 i + 16 (room for a side id between two), offsets 1000 + i. */
    private static ObjectTable.Builder runAcrossBlocks() {
        ObjectTable.Builder builder = new ObjectTable.Builder(8, 1L << 32);
        for (int i = 0; i < ACROSS_BLOCKS; i++) {
            builder.add(16L * i + 16, 1000L + i);
        }
        return builder;
    }

    @Test
    void sideEntriesAtTheEdgesOfTheMergesBlocksLandInOrder() throws Exception {
        int edge = 1 << 21;
        int[] after = {edge - 2, edge - 1, edge, edge + 1, 2 * edge - 1, 2 * edge, ACROSS_BLOCKS - 1};
        ObjectTable.Builder builder = runAcrossBlocks();
        for (int j = 0; j < after.length; j++) {
            builder.addAside(16L * after[j] + 24, 10 + j);
        }
        ObjectTable table = builder.build(null);
        assertEquals(ACROSS_BLOCKS + after.length, table.size());
        int side = 0;
        for (int row = 0, i = 0; row < table.size(); row++) {
            if (side < after.length && i > after[side]) {
                assertEquals(16L * after[side] + 24, table.id(row), "side entry at row " + row);
                assertEquals(10 + side, table.offset(row));
                side++;
            } else {
                assertEquals(16L * i + 16, table.id(row), "run entry at row " + row);
                assertEquals(1000L + i, table.offset(row));
                i++;
            }
        }
        assertEquals(after.length, side);
    }

    @Test
    void aDuplicateAtTheEdgeOfAMergeBlockIsNamed() {
        int edge = 1 << 21;
        for (int i : new int[] {0, edge - 1, edge, 2 * edge - 1, 2 * edge, ACROSS_BLOCKS - 1}) {
            ObjectTable.Builder builder = runAcrossBlocks();
            builder.addAside(16L * i + 16, 5);
            HprofFormatException e = assertThrows(HprofFormatException.class, () -> builder.build(null));
            assertTrue(e.getMessage().contains("id 0x" + Long.toHexString(16L * i + 16) + " was already defined"), e.getMessage());
        }
    }
}
