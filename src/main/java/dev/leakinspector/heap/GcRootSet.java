package dev.leakinspector.heap;

import java.util.Arrays;

/**
 * The start set of every reachability search: objects with a GC root record plus, by default, every class object
 * (a class is alive while its loader is; its statics are where a developer looks, as in LeakCanary's "System
 * class" roots). With {@code classesAsRoots == false} only HPROF root records count and classes are reached
 * through their loader's {@code classes} list, as the NetBeans heap library and Eclipse MAT do. Ordered by
 * {@link GcRootKind#rank()} so that paths prefer a static field over a thread's frame when both are equally
 * short. With {@link TransientRoots}, the objects held only by transient roots (a UI thread's locals captured
 * mid-event) come last, after {@link #durableCount} durable ones. Immutable.
 */
final class GcRootSet {
    final int[] objects;
    /** The first {@code durableCount} of {@link #objects} have a durable root; the rest only transient ones. */
    final int durableCount;

    private GcRootSet(int[] objects, int durableCount) {
        this.objects = objects;
        this.durableCount = durableCount;
    }

    static GcRootSet of(HprofIndex index, boolean classesAsRoots) {
        return of(index, classesAsRoots, null);
    }

    /** With {@code transientRoots} null, every root is durable. */
    static GcRootSet of(HprofIndex index, boolean classesAsRoots, TransientRoots transientRoots) {
        int n = index.objectCount();
        HprofIndex.Roots roots = index.roots();
        long[] keyed = new long[roots.objects.length + index.classes().size()];
        int k = 0;
        for (int i = 0; i < roots.objects.length; i++) {
            boolean tr = transientRoots != null && transientRoots.isTransient(i);
            keyed[k++] = ((long) ((tr ? TRANSIENT : 0) + index.rootKind(i).rank()) << 32) | roots.objects[i];
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
        int durable = 0;
        for (int i = 0; i < k; i++) {
            int d = (int) keyed[i];
            if ((seen[d >>> 6] & (1L << d)) == 0) {
                seen[d >>> 6] |= 1L << d;
                out[m++] = d;
                if ((keyed[i] >>> 32) < TRANSIENT) {
                    durable = m;
                }
            }
        }
        return new GcRootSet(Arrays.copyOf(out, m), durable);
    }

    /** Added to a transient root's rank: sorts it after every durable root. */
    private static final int TRANSIENT = 1 << 16;
}
