package dev.leakinspector.heap;

import java.util.Arrays;

/**
 * The start set of every reachability search: objects with a GC root record plus, by default, every class object
 * (a class is alive while its loader is; its statics are where a developer looks, as in LeakCanary's "System
 * class" roots). With {@code classesAsRoots == false} only HPROF root records count and classes are reached
 * through their loader's {@code classes} list, as the NetBeans heap library and Eclipse MAT do. Ordered by
 * {@link GcRootKind#rank()} so that paths prefer a static field over a thread's frame when both are equally
 * short. Immutable.
 */
final class GcRootSet {
    final int[] objects;

    private GcRootSet(int[] objects) {
        this.objects = objects;
    }

    static GcRootSet of(HprofIndex index, boolean classesAsRoots) {
        int n = index.objectCount();
        HprofIndex.Roots roots = index.roots();
        long[] keyed = new long[roots.objects.length + index.classes().size()];
        int k = 0;
        for (int i = 0; i < roots.objects.length; i++) {
            keyed[k++] = ((long) index.rootKind(i).rank() << 32) | roots.objects[i];
        }
        for (HeapClass c : classesAsRoots ? index.classes() : java.util.List.<HeapClass>of()) {
            int d = index.indexOf(c.id);
            if (d >= 0) {
                keyed[k++] = ((long) GcRootKind.CLASS.rank() << 32) | d;
            }
        }
        Arrays.sort(keyed, 0, k);
        long[] seen = new long[(n >>> 6) + 1];
        int[] out = new int[k];
        int m = 0;
        for (int i = 0; i < k; i++) {
            int d = (int) keyed[i];
            if ((seen[d >>> 6] & (1L << d)) == 0) {
                seen[d >>> 6] |= 1L << d;
                out[m++] = d;
            }
        }
        return new GcRootSet(Arrays.copyOf(out, m));
    }
}
