package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Measures the index's bytes per heap object on a real dump and checks the id table's lookups. */
class IndexFootprintTest {
    @Test
    void bytesPerObjectAsDocumented() {
        HprofIndex index = TestDumps.sharedIndex();
        double perObject = index.indexBytes() / (double) index.objectCount();
        double references = index.referenceCount() / (double) index.objectCount();
        System.out.printf("index: %d objects, %.2f references/object, %.1f bytes/object (documented: 14 + 4 x references + block slack)%n",
            index.objectCount(), references, perObject);
        // 8 (id + offset) + <= 2 (rank bitmap or buckets) + 4 (row start) + 4 per reference, plus < 256 KiB of the last reference block
        double bound = 14 + 4 * references + (256.0 * 1024 * 2) / index.objectCount();
        assertTrue(perObject <= bound, perObject + " > " + bound);
    }

    @Test
    void everyObjectIdMapsBackToItsDenseIndex() {
        HprofIndex index = TestDumps.sharedIndex();
        for (int i = 0; i < index.objectCount(); i++) {
            assertEquals(i, index.indexOf(index.objectId(i)));
            if (i > 0) {
                assertTrue(Long.compareUnsigned(index.objectId(i - 1), index.objectId(i)) < 0);
            }
        }
        assertEquals(-1, index.indexOf(index.objectId(0) + 1));
        assertEquals(-1, index.indexOf(0));
        assertEquals(-1, index.indexOf(-8L));
    }

    @Test
    void lookupNearAHintAgreesWithTheFullLookup() {
        ObjectTable table = TestDumps.sharedIndex().objectTable();
        int n = table.size();
        for (int i = 0; i < n; i += 7) {
            for (int j = Math.max(0, i - 40); j < Math.min(n, i + 40); j++) {
                assertEquals(j, table.indexOfNear(table.id(j), i));
                long missing = table.id(j) + 8;
                assertEquals(table.indexOf(missing), table.indexOfNear(missing, i));
                assertEquals(-1, table.indexOfNear(table.id(j) + 1, i));
            }
        }
    }

    @Test
    void parallelReferencePassBuildsTheSameRows() throws Exception {
        HprofIndex single = TestDumps.sharedIndex();
        int saved = HprofIndexBuilder.minObjectsPerWorker;
        long savedBytes = HprofIndexBuilder.minSegmentBytesPerWorker;
        HprofIndexBuilder.minObjectsPerWorker = 1000;
        HprofIndexBuilder.minSegmentBytesPerWorker = 1;
        try (HprofIndex parallel = HeapDump.open(TestDumps.sharedFile(), ProgressListener.NONE, CancelToken.NEVER)) {
            assertEquals(single.objectCount(), parallel.objectCount());
            assertArrayEquals(single.roots().objects, parallel.roots().objects);
            assertArrayEquals(single.roots().kinds, parallel.roots().kinds);
            assertArrayEquals(single.roots().frames, parallel.roots().frames);
            assertEquals(single.classes().stream().map(HeapClass::name).toList(), parallel.classes().stream().map(HeapClass::name).toList());
            assertEquals(single.referenceCount(), parallel.referenceCount());
            for (int i = 0; i < single.objectCount(); i++) {
                int a = single.edgeStart(i);
                int b = parallel.edgeStart(i);
                assertEquals(single.edgeEnd(i) - a, parallel.edgeEnd(i) - b, "row " + i);
                for (int e = 0; e < single.edgeEnd(i) - a; e++) {
                    assertEquals(single.edge(a + e), parallel.edge(b + e));
                }
            }
        } finally {
            HprofIndexBuilder.minObjectsPerWorker = saved;
            HprofIndexBuilder.minSegmentBytesPerWorker = savedBytes;
        }
    }

    @Test
    void instancesOfAClassComeInTheSameOrderWhenTheScanIsSplit() {
        HprofIndex index = TestDumps.sharedIndex();
        int saved = HprofIndex.minObjectsToSplitInstanceScan;
        try {
            for (HeapClass c : index.classes().subList(0, Math.min(400, index.classes().size()))) {
                HprofIndex.minObjectsToSplitInstanceScan = Integer.MAX_VALUE;
                IntList whole = new IntList(16);
                index.forEachInstanceOf(c, whole::add, CancelToken.NEVER);
                HprofIndex.minObjectsToSplitInstanceScan = 1;
                IntList split = new IntList(16);
                index.forEachInstanceOf(c, split::add, CancelToken.NEVER);
                assertArrayEquals(whole.toArray(), split.toArray(), c.name());
            }
        } finally {
            HprofIndex.minObjectsToSplitInstanceScan = saved;
        }
    }

    @Test
    void instancesOfEveryClassAreThoseOfAScanOfEveryObject() {
        HprofIndex index = TestDumps.sharedIndex();
        java.util.Map<HeapClass, IntList> expected = new java.util.HashMap<>();
        for (int d = 0; d < index.objectCount(); d++) {
            HeapClass c = index.isClassObject(d) ? null : index.classOf(d);
            if (c != null) {
                expected.computeIfAbsent(c, k -> new IntList(16)).add(d);
            }
        }
        // Every class took 83 s in CI, where the dump is of a test JVM that has loaded thousands of classes (each scan
        // reads the runs its filter bit allows): every 16th class in name order, with and without instances alike.
        List<HeapClass> sample = index.classes().stream().sorted(java.util.Comparator.comparing(HeapClass::name)).toList();
        int withInstances = 0;
        int without = 0;
        for (int i = 0; i < sample.size(); i += 16) {
            HeapClass c = sample.get(i);
            IntList found = new IntList(16);
            index.forEachInstanceOf(c, found::add, CancelToken.NEVER);
            assertArrayEquals(expected.getOrDefault(c, new IntList(1)).toArray(), found.toArray(), c.name());
            if (found.size() > 0) {
                withInstances++;
            } else {
                without++;
            }
        }
        assertTrue(withInstances > 20 && without > 0, withInstances + " sampled classes with instances, " + without + " without");
    }

    @Test
    void retainedSizesAreTheSameWhenEveryLevelIsSplit() {
        HprofIndex index = TestDumps.sharedIndex();
        int[] targets = new int[200];
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < targets.length; i++) {
            targets[i] = random.nextInt(index.objectCount());
        }
        int saved = RetainedSizeCalculator.minLevelToSplit;
        try {
            RetainedSizeCalculator.minLevelToSplit = Integer.MAX_VALUE;
            long[] whole = new RetainedSizeCalculator(index, CancelToken.NEVER).retainedSizes(targets);
            RetainedSizeCalculator.minLevelToSplit = 1;
            long[] split = new RetainedSizeCalculator(index, CancelToken.NEVER).retainedSizes(targets);
            assertArrayEquals(whole, split);
        } finally {
            RetainedSizeCalculator.minLevelToSplit = saved;
        }
    }

    @Test
    void retainedSizesFromThePathSearchTreeAreThoseOfASearchOfTheirOwn() {
        HprofIndex index = TestDumps.sharedIndex();
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        int saved = RetainedSizeCalculator.minObjectsToSplitScan;
        int retainingMore = 0;
        try {
            for (boolean classesAsRoots : new boolean[] {true, false}) {
                // deferred edges change the tree (not what is reachable); roots and classes among the targets too
                ShortestPathFinder finder = withDeferredEdges(index, classesAsRoots);
                for (int round = 0; round < 4; round++) {
                    int[] targets = new int[round == 0 ? 1 : 60 * round];
                    for (int i = 0; i < targets.length; i++) {
                        targets[i] = random.nextInt(index.objectCount());
                    }
                    if (round == 1) {
                        targets[0] = index.roots().objects[0];
                        targets[1] = index.indexOf(index.classes().get(0).id);
                    }
                    long[] own = new RetainedSizeCalculator(index, CancelToken.NEVER, classesAsRoots).retainedSizes(targets);
                    RetainedSizeCalculator.minObjectsToSplitScan = round % 2 == 0 ? Integer.MAX_VALUE : 1;
                    long[] fromTree = new RetainedSizeCalculator(index, CancelToken.NEVER, classesAsRoots)
                        .retainedSizes(targets, finder.targetSubtrees(targets));
                    assertArrayEquals(own, fromTree, "classes as roots " + classesAsRoots + ", round " + round);
                    for (int i = 0; i < targets.length; i++) {
                        retainingMore += own[i] > index.shallowSize(targets[i]) ? 1 : 0;
                    }
                }
            }
        } finally {
            RetainedSizeCalculator.minObjectsToSplitScan = saved;
        }
        assertTrue(retainingMore > 10, "targets that retain more than themselves: " + retainingMore);
    }

    @Test
    void pathParentsAreTheSameWhenEveryLevelIsSplit() {
        HprofIndex index = TestDumps.sharedIndex();
        int saved = ShortestPathFinder.minLevelToSplit;
        try {
            for (boolean classesAsRoots : new boolean[] {true, false}) {
                ShortestPathFinder.minLevelToSplit = Integer.MAX_VALUE;
                ShortestPathFinder whole = withDeferredEdges(index, classesAsRoots);
                // 1: every level split by objects; 8 and 64: small levels with many references split by references
                for (int threshold : new int[] {1, 8, 64}) {
                    ShortestPathFinder.minLevelToSplit = threshold;
                    ShortestPathFinder split = withDeferredEdges(index, classesAsRoots);
                    int reached = 0;
                    for (int i = 0; i < index.objectCount(); i++) {
                        assertEquals(whole.parentOf(i), split.parentOf(i), "parent of " + i + " at " + threshold);
                        reached += whole.parentOf(i) >= 0 ? 1 : 0;
                    }
                    assertTrue(reached > index.objectCount() / 2, "most objects have a parent: " + reached);
                }
            }
        } finally {
            ShortestPathFinder.minLevelToSplit = saved;
        }
    }

    /** A finder with the first reference of every 50th object deferred, so deferred edges meet split levels. */
    private static ShortestPathFinder withDeferredEdges(HprofIndex index, boolean classesAsRoots) {
        ShortestPathFinder finder = new ShortestPathFinder(index, ProgressListener.NONE, CancelToken.NEVER, classesAsRoots);
        for (int u = 0; u < index.objectCount(); u += 50) {
            if (index.edgeEnd(u) > index.edgeStart(u)) {
                finder.deferEdge(u, index.edge(index.edgeStart(u)));
            }
        }
        finder.computeParents();
        return finder;
    }
}
