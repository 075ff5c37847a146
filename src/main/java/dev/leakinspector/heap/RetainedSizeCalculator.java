package dev.leakinspector.heap;

/**
 * Exact retained sizes of a few chosen objects without building a dominator tree. The retained set of t is t
 * plus every object that no GC root reaches once t is removed. For a batch of targets T:
 * <ol>
 * <li>one BFS from all GC roots that never enters a target marks A, the objects reachable without any target,
 *     and notes the <em>entry</em> targets (those referenced from A or roots);</li>
 * <li>for each t, objects reachable without t are A plus what the other entry targets reach outside A avoiding
 *     t (call it B_t); the retained set of t is what t reaches outside A ∪ B_t.</li>
 * </ol>
 * Cost: one full BFS plus, per target, BFS over the part of the heap that only targets keep alive (usually
 * small): a whole-heap pass even for one target (0.6 s on a 30 M-object dump, more when the target retains much),
 * so batch the targets known together. Memory: three bit sets (n/8 bytes each) and queues. Sizes use
 * {@link HprofIndex#shallowSize}.
 * Hot loops on primitive arrays. Not thread-safe: one calculator per thread.
 */
public final class RetainedSizeCalculator {
    private final HprofIndex index;
    private final CancelToken cancel;
    private final boolean classesAsRoots;
    private IntList lastRetained;

    /** A calculator whose roots are the HPROF root records and every class object (see {@link GcRootSet}). */
    public RetainedSizeCalculator(HprofIndex index, CancelToken cancel) {
        this(index, cancel, true);
    }

    /** With {@code classesAsRoots == false}, classes are reached through their class loader (NetBeans/MAT semantics). */
    public RetainedSizeCalculator(HprofIndex index, CancelToken cancel, boolean classesAsRoots) {
        this.index = index;
        this.cancel = cancel;
        this.classesAsRoots = classesAsRoots;
    }

    /** Dense indexes of the retained set of the last target of the last {@link #retainedSizes} call (tests). */
    int[] lastRetainedSet() {
        return lastRetained == null ? new int[0] : lastRetained.toArray();
    }

    /** Retained bytes of each target (same order). Duplicate targets are allowed. */
    public long[] retainedSizes(int[] targets) {
        int n = index.objectCount();
        int words = (n >>> 6) + 1;
        long[] isTarget = new long[words];
        for (int t : targets) {
            isTarget[t >>> 6] |= 1L << t;
        }
        long[] a = new long[words];
        long[] entry = new long[words];
        IntQueue queue = new IntQueue();
        for (int r : GcRootSet.of(index, classesAsRoots).objects) {
            if (get(isTarget, r)) {
                set(entry, r);
            } else if (!get(a, r)) {
                set(a, r);
                queue.add(r);
            }
        }
        long visited = 0;
        while (!queue.isEmpty()) {
            int u = queue.poll();
            if ((++visited & 0xFFFFF) == 0) {
                cancel.throwIfCancelled();
            }
            int end = index.edgeEnd(u);
            for (int e = index.edgeStart(u); e < end; e++) {
                int v = index.edge(e);
                long bit = 1L << v;
                int w = v >>> 6;
                if ((a[w] & bit) == 0) {
                    if ((isTarget[w] & bit) != 0) {
                        entry[w] |= bit;
                    } else {
                        a[w] |= bit;
                        queue.add(v);
                    }
                }
            }
        }
        IntList entries = new IntList(targets.length);
        for (int t : targets) {
            if (get(entry, t)) {
                entries.add(t);
            }
        }
        long[] b = new long[words];
        long[] result = new long[targets.length];
        IntList touched = new IntList(1024);
        for (int ti = 0; ti < targets.length; ti++) {
            int t = targets[ti];
            touched.clear();
            // B_t: reached from other entry targets outside A, never through t
            IntList seeds = new IntList(64);
            for (int i = 0; i < entries.size(); i++) {
                int s = entries.get(i);
                if (s != t && !get(b, s)) {
                    set(b, s);
                    touched.add(s);
                    seeds.add(s);
                }
            }
            spread(seeds, t, a, b, touched, null);
            // retained set: reached from t outside A and B_t
            IntList own = new IntList(64);
            long[] sum = new long[1];
            set(b, t);
            touched.add(t);
            own.add(t);
            spread(own, -1, a, b, touched, sum);
            lastRetained = own;
            result[ti] = sum[0] + index.shallowSize(t);
            for (int i = 0; i < touched.size(); i++) {
                int x = touched.get(i);
                b[x >>> 6] &= ~(1L << x);
            }
        }
        return result;
    }

    /** BFS from the queue over objects not in a or b, marking b; adds shallow sizes of newly reached objects to sum. */
    private void spread(IntList queue, int avoid, long[] a, long[] b, IntList touched, long[] sum) {
        for (int i = 0; i < queue.size(); i++) {
            if ((i & 0xFFFF) == 0) {
                cancel.throwIfCancelled();
            }
            int u = queue.get(i);
            int end = index.edgeEnd(u);
            for (int e = index.edgeStart(u); e < end; e++) {
                int v = index.edge(e);
                if (v == avoid) {
                    continue;
                }
                long bit = 1L << v;
                int w = v >>> 6;
                if ((a[w] & bit) == 0 && (b[w] & bit) == 0) {
                    b[w] |= bit;
                    touched.add(v);
                    queue.add(v);
                    if (sum != null) {
                        sum[0] += index.shallowSize(v);
                    }
                }
            }
        }
    }

    private static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }
}
