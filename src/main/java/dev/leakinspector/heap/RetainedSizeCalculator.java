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
 * so batch the targets known together; its big levels use a second core. After a path search over the same roots,
 * step 1 needs no search of its own ({@link #retainedSizes(int[], ShortestPathFinder.TargetSubtrees)}): the
 * search tree outside the targets' subtrees is in A already, and one sequential scan of the references finds
 * where A continues into the subtrees (about 5 times faster on the 30 M-object dump). Memory: four bit sets
 * (n/8 bytes each) and the search's levels. Sizes use
 * {@link HprofIndex#shallowSize}.
 * Hot loops on primitive arrays. Not thread-safe: one calculator per thread (which may lend work to a helper thread).
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
        int words = (index.objectCount() >>> 6) + 1;
        long[] isTarget = bitsOf(targets, words);
        long[] a = new long[words];
        long[] entry = new long[words];
        BigIntArray frontier = new BigIntArray();
        for (int r : GcRootSet.of(index, classesAsRoots).objects) {
            reachedWithoutTargets(r, a, isTarget, entry, frontier);
        }
        markReachableAvoidingTargets(frontier, a, isTarget, entry, words);
        return sizes(targets, a, entry);
    }

    /** A bit per object, set for {@code objects}. */
    private static long[] bitsOf(int[] objects, int words) {
        long[] bits = new long[words];
        for (int o : objects) {
            bits[o >>> 6] |= 1L << o;
        }
        return bits;
    }

    /**
     * Notes that the roots reach {@code v} without entering a target: a target is an entry into the targets, anything
     * else not yet in {@code a} joins it and the frontier of the search that goes on from there.
     */
    private static void reachedWithoutTargets(int v, long[] a, long[] isTarget, long[] entry, BigIntArray frontier) {
        if (get(isTarget, v)) {
            set(entry, v);
        } else if (!get(a, v)) {
            set(a, v);
            frontier.add(v);
        }
    }

    /**
     * Like {@link #retainedSizes(int[])}, from a path search over the same roots that already ran
     * ({@link ShortestPathFinder#targetSubtrees}), so no second search of the whole heap: what the roots reach without
     * entering a target is the part of the search tree outside the targets' subtrees, plus what a reference from that
     * part into the subtrees leads to there without entering a target. Those references are found in one sequential
     * scan of the reference array (split between two threads), instead of a search's random reads. Uses up
     * {@code tree} (its {@code outside} set becomes what the roots reach without the targets): one call per tree.
     */
    long[] retainedSizes(int[] targets, ShortestPathFinder.TargetSubtrees tree) {
        if (tree.classesAsRoots() != classesAsRoots) {
            throw new IllegalArgumentException("the path search and the retained sizes must start from the same roots");
        }
        int n = index.objectCount();
        int words = (n >>> 6) + 1;
        long[] isTarget = bitsOf(targets, words);
        long[] a = tree.outside();
        long[] entry = new long[words];
        BigIntArray frontier = new BigIntArray();
        // A transient root (a UI thread's local) the search reached from the lasting roots first, through a target,
        // lies in that target's subtree, yet it is a root: it and what it holds stay reachable.
        for (int r : GcRootSet.of(index, classesAsRoots).objects) {
            reachedWithoutTargets(r, a, isTarget, entry, frontier);
        }
        // the scan's test of a reference's target reads these few KB first, and the bit set of a (4 MB) only for the
        // rare references into a subtree's word
        for (int v : referencesIntoSubtrees(a, tree.insideWords(), n)) {
            reachedWithoutTargets(v, a, isTarget, entry, frontier);
        }
        // on from there, inside the subtrees (all that a lacks among reached objects), never entering a target
        markReachableAvoidingTargets(frontier, a, isTarget, entry, words);
        return sizes(targets, a, entry);
    }

    /** Objects at least this many are scanned by the calling thread and a helper, half each; tests lower it. */
    static volatile int minObjectsToSplitScan = 1 << 20;

    /**
     * The targets of the references from objects in {@code a} to objects not in it, which all lie in the words that
     * {@code insideWords} marks (duplicates possible). One sequential pass over the rows and references; the second
     * half of the objects goes to a daemon helper ({@code leak-inspector-heap-retained}). Only reads {@code a}.
     */
    private int[] referencesIntoSubtrees(long[] a, long[] insideWords, int n) {
        if (n < minObjectsToSplitScan) {
            IntList out = new IntList(1024);
            scanIntoSubtrees(a, insideWords, 0, n, out);
            return out.toArray();
        }
        int mid = n / 2;
        IntList first = new IntList(1024);
        IntList second = new IntList(1024);
        TwoThreads.run("leak-inspector-heap-retained", "computing retained sizes",
                () -> scanIntoSubtrees(a, insideWords, mid, n, second),
                () -> scanIntoSubtrees(a, insideWords, 0, mid, first));
        for (int i = 0; i < second.size(); i++) {
            first.add(second.get(i));
        }
        return first.toArray();
    }

    /** The scan of {@link #referencesIntoSubtrees} over objects [from, to). Hot loop. */
    private void scanIntoSubtrees(long[] a, long[] insideWords, int from, int to, IntList out) {
        for (int u = from; u < to; u++) {
            if (((u - from) & 0xFFFFF) == 0) {
                cancel.throwIfCancelled();
            }
            if ((a[u >>> 6] & (1L << u)) == 0) {
                continue;
            }
            int end = index.edgeEnd(u);
            for (int e = index.edgeStart(u); e < end; e++) {
                int v = index.edge(e);
                if ((insideWords[v >>> 12] & (1L << (v >>> 6))) != 0 && (a[v >>> 6] & (1L << v)) == 0) {
                    out.add(v);
                }
            }
        }
    }

    /** The per-target part of both ways: a = reachable without any target, entry = targets reached from a or roots. */
    private long[] sizes(int[] targets, long[] a, long[] entry) {
        int words = a.length;
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

    /** Levels at least this big are split between the calling thread and a helper; tests lower it. */
    static volatile int minLevelToSplit = 1 << 15;

    /**
     * Marks in {@code a} everything reachable from the frontier without entering a target; targets met go to
     * {@code entry}. Reachability does not depend on the order of the search, so each big level is split in two:
     * the calling thread expands the first half, marking {@code a} itself, while a daemon helper
     * ({@code leak-inspector-heap-retained}) expands the second half into a list of candidates, filtered by its own
     * bit set and by a racy read of {@code a}; the candidates still unmarked once both are done join the next level.
     */
    private void markReachableAvoidingTargets(BigIntArray frontier, long[] a, long[] isTarget, long[] entry, int words) {
        long[] claimed = null; // the helper's own marks, cleared after each level
        while (frontier.size() > 0) {
            cancel.throwIfCancelled();
            long size = frontier.size();
            BigIntArray next = new BigIntArray();
            if (size < minLevelToSplit) {
                expand(frontier, 0, size, a, isTarget, entry, next);
            } else {
                if (claimed == null) {
                    claimed = new long[words];
                }
                long mid = size / 2;
                BigIntArray candidates = new BigIntArray();
                BigIntArray entries = new BigIntArray();
                long[] helperMarks = claimed;
                BigIntArray level = frontier;
                TwoThreads.run("leak-inspector-heap-retained", "computing retained sizes",
                        () -> expandAside(level, mid, size, a, isTarget, helperMarks, candidates, entries),
                        () -> expand(level, 0, mid, a, isTarget, entry, next));
                for (long i = 0; i < candidates.size(); i++) {
                    int v = candidates.get(i);
                    claimed[v >>> 6] &= ~(1L << v);
                    if (!get(a, v)) {
                        set(a, v);
                        next.add(v);
                    }
                }
                for (long i = 0; i < entries.size(); i++) {
                    int t = entries.get(i);
                    claimed[t >>> 6] &= ~(1L << t);
                    set(entry, t);
                }
            }
            frontier = next;
        }
    }

    /** Expands frontier[from, to) marking {@code a}: unmarked non-targets go to {@code next}, targets to {@code entry}. */
    private void expand(BigIntArray frontier, long from, long to, long[] a, long[] isTarget, long[] entry, BigIntArray next) {
        for (long i = from; i < to; i++) {
            if ((i & 0xFFFFF) == 0) {
                cancel.throwIfCancelled();
            }
            int u = frontier.get(i);
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
                        next.add(v);
                    }
                }
            }
        }
    }

    /**
     * The helper's half: reads {@code a} (racily: the other thread marks it meanwhile, so a stale word only lets a
     * duplicate through, which the merge drops) and writes only its own {@code claimed}, candidates and entries.
     */
    private void expandAside(BigIntArray frontier, long from, long to, long[] a, long[] isTarget, long[] claimed,
                             BigIntArray candidates, BigIntArray entries) {
        for (long i = from; i < to; i++) {
            if ((i & 0xFFFFF) == 0) {
                cancel.throwIfCancelled();
            }
            int u = frontier.get(i);
            int end = index.edgeEnd(u);
            for (int e = index.edgeStart(u); e < end; e++) {
                int v = index.edge(e);
                long bit = 1L << v;
                int w = v >>> 6;
                if ((a[w] & bit) == 0 && (claimed[w] & bit) == 0) {
                    claimed[w] |= bit;
                    if ((isTarget[w] & bit) != 0) {
                        entries.add(v);
                    } else {
                        candidates.add(v);
                    }
                }
            }
        }
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
