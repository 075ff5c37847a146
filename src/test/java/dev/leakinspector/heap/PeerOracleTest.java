package dev.leakinspector.heap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.Instance;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Oracle tests: on the same dump, our shortest-path lengths and retained sizes against Shark 2.14 and the NetBeans
 * heap library.
 * <ul>
 * <li>NetBeans reaches classes through their loader, so we compare with our loader-mode path lengths: equal.</li>
 * <li>NetBeans counts object headers in sizes: the sum of NetBeans' shallow sizes over our retained set must equal
 *     NetBeans' retained size, i.e. the retained <em>sets</em> agree.</li>
 * <li>Shark counts sizes as we do: retained bytes equal. Shark collapses collection internals
 *     ({@code ArrayList[3]} is one step), so its path is never shorter than ours with class roots and never longer
 *     than ours in loader mode.</li>
 * </ul>
 */
class PeerOracleTest {
    private static final String[] FIXTURES = {"ChainTail", "ChainHead", "ArrayElement", "Outer", "Captured", "TlValue",
        "LocalValue", "WeaklyAndStronglyHeld", "Cycle3", "Cycle5", "WatchedLeak", "MultiTarget"};
    private static HprofIndex index;
    private static int[] targets;
    private static Heap netbeans;

    @BeforeAll
    static void open() throws Exception {
        index = TestDumps.sharedIndex();
        targets = new int[FIXTURES.length];
        for (int i = 0; i < FIXTURES.length; i++) {
            targets[i] = ObjectSelector.byClass("dev.leakinspector.heap.HeapFixtures$" + FIXTURES[i]).select(index, CancelToken.NEVER)[0];
        }
        netbeans = OraclePeers.netbeans(TestDumps.sharedFile());
    }

    @Test
    void shortestPathLengthsEqualNetBeans() {
        ShortestPathFinder loaderMode = new ShortestPathFinder(index, ProgressListener.NONE, CancelToken.NEVER, false);
        loaderMode.computeParents();
        for (int i = 0; i < targets.length; i++) {
            int nb = OraclePeers.netbeansPathLength(netbeans, index.objectId(targets[i]));
            assertTrue(nb >= 0, FIXTURES[i]);
            assertEquals(nb, loaderMode.shortestDistance(targets[i]), FIXTURES[i]);
        }
    }

    @Test
    void retainedSetsEqualNetBeans() {
        for (boolean classesAsRoots : new boolean[] {true, false}) {
            for (int i = 0; i < targets.length; i++) {
                RetainedSizeCalculator calc = new RetainedSizeCalculator(index, CancelToken.NEVER, classesAsRoots);
                calc.retainedSizes(new int[] {targets[i]});
                long sum = 0;
                for (int d : calc.lastRetainedSet()) {
                    Instance x = netbeans.getInstanceByID(index.objectId(d));
                    assertNotNull(x, FIXTURES[i]);
                    sum += x.getSize();
                }
                assertEquals(netbeans.getInstanceByID(index.objectId(targets[i])).getRetainedSize(), sum, FIXTURES[i]);
            }
        }
    }

    @Test
    void retainedSizesAndPathLengthsAgreeWithShark() throws Exception {
        Set<Long> ids = new HashSet<>();
        for (int t : targets) {
            ids.add(index.objectId(t));
        }
        Map<String, OraclePeers.SharkAnswer> shark = OraclePeers.shark(TestDumps.sharedFile(), ids, true);
        LeakAnalyzer analyzer = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER);
        List<ObjectAnalysis> ours = analyzer.analyze(targets, 1, Set.of());
        ShortestPathFinder loaderMode = new ShortestPathFinder(index, ProgressListener.NONE, CancelToken.NEVER, false);
        loaderMode.computeParents();
        int compared = 0;
        for (int i = 0; i < targets.length; i++) {
            OraclePeers.SharkAnswer s = shark.get(index.className(targets[i]));
            if (s == null) {
                continue;
            }
            compared++;
            assertEquals(s.retainedBytes().longValue(), ours.get(i).retainedBytes(), FIXTURES[i]);
            int classRoots = ours.get(i).paths().get(0).length();
            assertTrue(s.pathLength() >= classRoots && s.pathLength() <= Math.max(classRoots, loaderMode.shortestDistance(targets[i])) + 1,
                FIXTURES[i] + ": shark " + s.pathLength() + ", ours " + classRoots + "/" + loaderMode.shortestDistance(targets[i]));
        }
        assertTrue(compared >= targets.length - 2, "Shark answered for " + compared + " of " + targets.length);
    }
}
