package dev.leakinspector.heap.bench;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.heap.RetainedSizeCalculator;
import dev.leakinspector.heap.ShortestPathFinder;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Cross-checks our engine against the NetBeans heap library on a big dump (not a test: NetBeans needs minutes):
 * for N random objects, shortest-path length in loader mode and retained size in NetBeans' size model (sum of
 * NetBeans' shallow sizes over our retained set, which must equal NetBeans' dominator-tree retained size).
 * Usage: {@code OracleCrossCheck <file.hprof> [N]}; prints mismatches and a summary line.
 */
public final class OracleCrossCheck {
    private OracleCrossCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Heap nb = HeapFactory.createHeap(file.toFile());
        try (HprofIndex index = HeapDump.open(file, ProgressListener.NONE, CancelToken.NEVER)) {
            ShortestPathFinder loaderMode = new ShortestPathFinder(index, ProgressListener.NONE, CancelToken.NEVER, false);
            loaderMode.computeParents();
            SplittableRandom random = new SplittableRandom(1);
            int pathMismatches = 0;
            int sizeMismatches = 0;
            int checked = 0;
            int unreachable = 0;
            for (int s = 0; s < samples; s++) {
                int d = random.nextInt(index.objectCount());
                Instance inst = nb.getInstanceByID(index.objectId(d));
                if (inst == null || index.isClassObject(d)) {
                    continue;
                }
                checked++;
                int nbLen = 0;
                Instance i = inst;
                while (i != null && !i.isGCRoot()) {
                    i = i.getNearestGCRootPointer();
                    nbLen++;
                }
                int ours = loaderMode.shortestDistance(d);
                if (i == null ? ours != -1 : ours != nbLen) {
                    pathMismatches++;
                    System.out.println("path " + index.className(d) + " 0x" + Long.toHexString(index.objectId(d)) + ": ours " + ours + ", NetBeans " + (i == null ? -1 : nbLen));
                }
                if (ours < 0) {
                    // not strongly reachable: NetBeans reports retained size 0, we report what it alone keeps
                    unreachable++;
                    continue;
                }
                RetainedSizeCalculator calc = new RetainedSizeCalculator(index, CancelToken.NEVER, false);
                long[] bytes = calc.retainedSizes(new int[] {d});
                long nbSum = 0;
                for (int r : lastSet(calc)) {
                    Instance x = nb.getInstanceByID(index.objectId(r));
                    nbSum += x == null ? 0 : x.getSize();
                }
                if (nbSum != inst.getRetainedSize()) {
                    sizeMismatches++;
                    System.out.println("retained " + index.className(d) + " 0x" + Long.toHexString(index.objectId(d)) + ": ours "
                        + nbSum + " (payload " + bytes[0] + "), NetBeans " + inst.getRetainedSize());
                }
            }
            System.out.println("checked " + checked + " objects: " + pathMismatches + " path length mismatches, "
                + sizeMismatches + " retained size mismatches among the " + (checked - unreachable) + " strongly reachable ones");
        }
    }

    private static int[] lastSet(RetainedSizeCalculator calc) throws Exception {
        java.lang.reflect.Method m = RetainedSizeCalculator.class.getDeclaredMethod("lastRetainedSet");
        m.setAccessible(true);
        return (int[]) m.invoke(calc);
    }
}
