package dev.leakinspector.heap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shortest strong paths from GC roots. One breadth-first search from all roots (weak, soft, phantom and finalizer
 * referents are not edges of the index) gives every object its BFS parent; the first path of an object is exact
 * (a shortest path). Further paths, up to k, are found by deviation, as in Yen's algorithm but cheaper: for every
 * object on the paths found so far, its other referrers (one scan over the reference array) give candidates
 * "shortest path to that referrer + the rest of a known path", and the shortest simple candidate that differs in
 * root or in at least one reference is taken. So path 2..k are the shortest single-deviation alternatives, not
 * necessarily the global 2nd..k-th shortest simple paths; each is a real strong path from a GC root.
 *
 * <p>Durable roots first: the search runs from the durable roots to its end before it starts from the objects that
 * only a transient root holds (a UI thread's local captured mid-event, see {@link TransientRoots}), so an object
 * that a static field keeps gets its path from the static field even when a paint method's local is nearer. A root
 * record on an object in the middle of a found path is a deviation too ("this frame holds that object"), which is
 * how the nearer transient path is still found as a further path.
 *
 * <p>Deferred edges ({@link #deferEdge}, the references of documented JDK/toolkit holds) are followed only once the
 * search has run out of other edges, as LeakCanary's path finder does with library leaks: a program's own path wins
 * over a shorter one through a hold.
 *
 * <p>Memory: a 4-byte parent per object while the finder lives. Hot loops run on the index's primitive arrays.
 * Not thread-safe: one finder per thread.
 */
public final class ShortestPathFinder {
    private static final int UNREACHED = -1;
    private static final int ROOT = -2;

    private final HprofIndex index;
    private final CancelToken cancel;
    private final ProgressListener progress;
    private final boolean classesAsRoots;
    private TransientRoots transientRoots;
    private int[] parent;
    /** parent[v] != UNREACHED as bits, from the last {@link #computeParents}. */
    private long[] reached;
    /** Objects with a deferred outgoing edge (a bit per object), and the edges as from << 32 | to. */
    private long[] deferFrom;
    private final Set<Long> deferredEdges = new HashSet<>();

    /** A finder whose roots are the HPROF root records and every class object (see {@link GcRootSet}). */
    public ShortestPathFinder(HprofIndex index, ProgressListener progress, CancelToken cancel) {
        this(index, progress, cancel, true);
    }

    /** With {@code classesAsRoots == false}, classes are reached through their class loader (NetBeans/MAT semantics). */
    public ShortestPathFinder(HprofIndex index, ProgressListener progress, CancelToken cancel, boolean classesAsRoots) {
        this.index = index;
        this.progress = progress;
        this.cancel = cancel;
        this.classesAsRoots = classesAsRoots;
    }

    /** A path as dense indexes root first, with the occurrence number of each edge and the root record used. */
    record NodePath(int rootRecord, int[] nodes, int[] occurrences) {
        int length() {
            return nodes.length - 1;
        }

        String key() {
            return rootRecord + ":" + Arrays.toString(nodes) + ":" + Arrays.toString(occurrences);
        }
    }

    /** Which root records are transient; computed by {@link #computeParents}. */
    TransientRoots transientRoots() {
        if (transientRoots == null) {
            transientRoots = TransientRoots.of(index);
        }
        return transientRoots;
    }

    /**
     * Follows the reference from {@code from} to {@code to} only after every other edge, in the next
     * {@link #computeParents}. Returns whether it was new.
     */
    boolean deferEdge(int from, int to) {
        if (deferFrom == null) {
            deferFrom = new long[(index.objectCount() >>> 6) + 1];
        }
        deferFrom[from >>> 6] |= 1L << from;
        return deferredEdges.add(((long) from << 32) | (to & 0xFFFFFFFFL));
    }

    /**
     * Runs the BFS from the durable GC roots, then from the transient ones, deferred edges last in each. Call before
     * {@link #paths} (again after {@link #deferEdge}).
     */
    public void computeParents() {
        int n = index.objectCount();
        parent = new int[n];
        Arrays.fill(parent, UNREACHED);
        GcRootSet rootSet = GcRootSet.of(index, classesAsRoots, transientRoots());
        // parent[v] != UNREACHED mirrored as bits: the search tests these 4 MB instead of the 120 MB of parent[]
        long[] reached = new long[(n >>> 6) + 1];
        this.reached = reached;
        long visited = 0;
        for (int phase = 0; phase < 2; phase++) {
            IntQueue queue = new IntQueue();
            int from = phase == 0 ? 0 : rootSet.durableCount;
            int to = phase == 0 ? rootSet.durableCount : rootSet.objects.length;
            for (int i = from; i < to; i++) {
                int r = rootSet.objects[i];
                if (parent[r] == UNREACHED) {
                    parent[r] = ROOT;
                    reached[r >>> 6] |= 1L << r;
                    queue.add(r);
                }
            }
            IntList deferred = new IntList(16);
            visited = search(queue, visited, n, deferred, reached);
            while (deferred.size() > 0) {
                for (int i = 0; i < deferred.size(); i += 2) {
                    int u = deferred.get(i);
                    int v = deferred.get(i + 1);
                    if (parent[v] == UNREACHED) {
                        parent[v] = u;
                        reached[v >>> 6] |= 1L << v;
                        queue.add(v);
                    }
                }
                deferred = new IntList(16);
                visited = search(queue, visited, n, deferred, reached);
            }
        }
        progress.onProgress(HeapStep.PATHS, n, n);
    }

    /**
     * Levels of at least this many objects, or of fewer objects with at least this many references, are split
     * between the calling thread and a helper; tests lower it.
     */
    static volatile int minLevelToSplit = 1 << 15;

    /**
     * Breadth-first from the queued roots over unreached objects; deferred edges met go to {@code deferred} as
     * (from, to) pairs. Returns the running count of visited objects.
     *
     * <p>Level by level, giving exactly the parents and order of a plain FIFO search: a big level is split in two
     * parts; the calling thread expands the first half as the plain search would (its discoveries come first in
     * FIFO order, so they are final), while a daemon helper ({@code leak-inspector-heap-paths}) expands the second
     * half into candidate (parent, object) pairs, filtered by its own marks and a racy read of {@code reached}.
     * Merging in order drops the candidates the first half reached: what remains is what the plain search finds.
     * Both threads merge, each one half of the candidates (the calling thread alone took 0.1 s of the search).
     */
    private long search(IntQueue queue, long visited, int n, IntList deferred, long[] reached) {
        BigIntArray level = new BigIntArray();
        while (!queue.isEmpty()) {
            level.add(queue.poll());
        }
        long[] claimed = null;
        while (level.size() > 0) {
            long size = level.size();
            if ((visited >>> 20) != ((visited + size) >>> 20)) {
                cancel.throwIfCancelled();
                progress.onProgress(HeapStep.PATHS, visited + size, n);
            }
            visited += size;
            BigIntArray next = new BigIntArray();
            // the helper's part costs more per object (two bitmaps, two appends per candidate): the calling thread
            // takes a little more than half (CPU per thread on the 30 M dump: 289 / 356 ms at 1/2, 377 / 374 at 11/20)
            long mid = size < minLevelToSplit ? splitByReferences(level, size) : size * 11 / 20;
            if (mid < 0) {
                expand(level, 0, size, deferred, reached, next);
                level = next;
                continue;
            }
            if (claimed == null) {
                claimed = new long[reached.length];
            }
            BigIntArray candidates = new BigIntArray(); // (parent, object) pairs
            BigIntArray deferredAside = new BigIntArray(); // (from, to) pairs
            long[] marks = claimed;
            BigIntArray current = level;
            BigIntArray firstNext = next;
            inParallel(() -> expandAside(current, mid, size, reached, marks, candidates, deferredAside),
                () -> expand(current, 0, mid, deferred, reached, firstNext));
            // deferred edges of the second half first: the plain search met them before its discoveries counted
            for (long i = 0; i < deferredAside.size(); i += 2) {
                int v = deferredAside.get(i + 1);
                if ((reached[v >>> 6] & (1L << v)) == 0) {
                    deferred.add(deferredAside.get(i));
                    deferred.add(v);
                }
            }
            // the candidates the first half did not reach, in order, merged by both threads: the candidates' objects
            // are distinct (the helper's marks), so neither half's acceptance changes the other's, and reached is
            // only read until both are done (then it gets all the marks at once)
            long half = (candidates.size() / 4) * 2;
            BigIntArray secondAccepted = new BigIntArray();
            inParallel(() -> acceptCandidates(candidates, half, candidates.size(), reached, secondAccepted),
                () -> acceptCandidates(candidates, 0, half, reached, firstNext));
            next.addAll(secondAccepted);
            for (int w = 0; w < claimed.length; w++) {
                reached[w] |= claimed[w];
                claimed[w] = 0;
            }
            level = next;
        }
        return visited;
    }

    /**
     * Where to split a level of few objects that still has many references (on the 30 M dump, 15,834 arrays with
     * 7.5 M references: 81 ms on one thread): the first object from which on the rest holds 9/20 of the level's
     * references, or -1 if the level has fewer than {@link #minLevelToSplit} references. Cheap: few objects.
     */
    private long splitByReferences(BigIntArray level, long size) {
        long total = 0;
        for (long i = 0; i < size; i++) {
            int u = level.get(i);
            total += index.edgeEnd(u) - index.edgeStart(u);
        }
        if (total < minLevelToSplit) {
            return -1;
        }
        long wanted = total * 11 / 20;
        long sum = 0;
        long i = 0;
        while (i < size && sum < wanted) {
            int u = level.get(i);
            sum += index.edgeEnd(u) - index.edgeStart(u);
            i++;
        }
        return i;
    }

    /**
     * Runs {@code aside} on a daemon helper ({@code leak-inspector-heap-paths}) and {@code here} on the calling
     * thread; returns when both are done (the helper's writes are then visible), rethrowing the helper's failure.
     */
    private static void inParallel(Runnable aside, Runnable here) {
        TwoThreads.run("leak-inspector-heap-paths", "finding paths", aside, here);
    }

    /**
     * Of the (parent, object) pairs {@code candidates[from, to)}, those whose object is not yet reached: sets their
     * parents and appends the objects to {@code accepted} in order. Reads {@code reached} without writing it.
     */
    private void acceptCandidates(BigIntArray candidates, long from, long to, long[] reached, BigIntArray accepted) {
        for (long i = from; i < to; i += 2) {
            int u = candidates.get(i);
            int v = candidates.get(i + 1);
            if ((reached[v >>> 6] & (1L << v)) == 0) {
                parent[v] = u;
                accepted.add(v);
            }
        }
    }

    /** The plain search's step over level[from, to): marks, sets parents, queues into {@code next}. */
    private void expand(BigIntArray level, long from, long to, IntList deferred, long[] reached, BigIntArray next) {
        for (long i = from; i < to; i++) {
            if ((i & 0xFFFFF) == 0xFFFFF) {
                cancel.throwIfCancelled();
            }
            int u = level.get(i);
            int end = index.edgeEnd(u);
            boolean defers = deferFrom != null && (deferFrom[u >>> 6] & (1L << u)) != 0;
            for (int e = index.edgeStart(u); e < end; e++) {
                int v = index.edge(e);
                long bit = 1L << v;
                if ((reached[v >>> 6] & bit) == 0) {
                    if (defers && deferredEdges.contains(((long) u << 32) | (v & 0xFFFFFFFFL))) {
                        deferred.add(u);
                        deferred.add(v);
                        continue;
                    }
                    reached[v >>> 6] |= bit;
                    parent[v] = u;
                    next.add(v);
                }
            }
        }
    }

    /**
     * The helper's half: reads {@code reached} (racily: the other thread marks it meanwhile, so a stale word only
     * lets a candidate through that the merge drops) and writes only its own marks and lists.
     */
    private void expandAside(BigIntArray level, long from, long to, long[] reached, long[] claimed,
                             BigIntArray candidates, BigIntArray deferredAside) {
        for (long i = from; i < to; i++) {
            if ((i & 0xFFFFF) == 0xFFFFF) {
                cancel.throwIfCancelled();
            }
            int u = level.get(i);
            int end = index.edgeEnd(u);
            boolean defers = deferFrom != null && (deferFrom[u >>> 6] & (1L << u)) != 0;
            for (int e = index.edgeStart(u); e < end; e++) {
                int v = index.edge(e);
                long bit = 1L << v;
                int w = v >>> 6;
                if ((reached[w] & bit) == 0 && (claimed[w] & bit) == 0) {
                    if (defers && deferredEdges.contains(((long) u << 32) | (v & 0xFFFFFFFFL))) {
                        deferredAside.add(u);
                        deferredAside.add(v);
                        continue;
                    }
                    claimed[w] |= bit;
                    candidates.add(u);
                    candidates.add(v);
                }
            }
        }
    }

    /**
     * The last {@link #computeParents}' search tree cut at {@code targets}: what the retained sizes of those targets
     * need to know of reachability without them, found by walking only the targets' subtrees (see
     * {@link RetainedSizeCalculator#retainedSizes(int[], TargetSubtrees)}).
     */
    TargetSubtrees targetSubtrees(int[] targets) {
        long[] outside = reached.clone();
        IntList inside = new IntList(1024);
        for (int t : targets) {
            if ((outside[t >>> 6] & (1L << t)) != 0) {
                outside[t >>> 6] &= ~(1L << t);
                inside.add(t);
            }
        }
        for (int i = 0; i < inside.size(); i++) {
            if ((i & 0xFFFF) == 0xFFFF) {
                cancel.throwIfCancelled();
            }
            int u = inside.get(i);
            int end = index.edgeEnd(u);
            for (int e = index.edgeStart(u); e < end; e++) {
                int v = index.edge(e);
                if (parent[v] == u && (outside[v >>> 6] & (1L << v)) != 0) {
                    outside[v >>> 6] &= ~(1L << v);
                    inside.add(v);
                }
            }
        }
        // one bit per 64 objects that holds some of the subtrees' objects: all the retained sizes need of the walk
        long[] insideWords = new long[(outside.length >>> 6) + 1];
        for (int i = 0; i < inside.size(); i++) {
            int x = inside.get(i);
            insideWords[x >>> 12] |= 1L << (x >>> 6);
        }
        return new TargetSubtrees(classesAsRoots, outside, insideWords);
    }

    /**
     * The objects a search reached, split by its tree at a set of targets. {@code outside}: a bit per object, set for
     * those whose tree path from a root passes through no target (targets excluded), each of which the roots reach
     * without entering a target; {@code insideWords}: a bit per 64 objects, set where the reached targets and their
     * tree descendants lie (the only reached objects that may need another look), for a quick test of a reference's
     * target (a few KB, where the subtrees' own list could be as large as the heap). Owned by the receiver, which
     * changes {@code outside}: good for one use.
     */
    record TargetSubtrees(boolean classesAsRoots, long[] outside, long[] insideWords) {
    }

    /** The object's BFS parent, -1 if unreached, -2 for a root (tests). */
    int parentOf(int node) {
        return parent[node];
    }

    /**
     * Length in references of the first path to the object (the shortest from a durable root, or when only transient
     * roots reach it the shortest from those), or -1 if unreachable. Without transient roots in the dump this is the
     * shortest path.
     */
    public int shortestDistance(int node) {
        if (parent[node] == UNREACHED) {
            return -1;
        }
        int d = 0;
        for (int x = node; parent[x] != ROOT; x = parent[x]) {
            d++;
        }
        return d;
    }

    private int[] treePath(int node) {
        IntList rev = new IntList(16);
        for (int x = node; ; x = parent[x]) {
            rev.add(x);
            if (parent[x] == ROOT) {
                break;
            }
        }
        int[] out = new int[rev.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rev.get(out.length - 1 - i);
        }
        return out;
    }

    private LongIntMap bestRootRecords;

    /** The preferred root record of an object (durable first, by {@link GcRootKind#rank()}, then file order), or -1. */
    private int bestRootRecord(int node) {
        if (bestRootRecords == null) {
            HprofIndex.Roots roots = index.roots();
            TransientRoots tr = transientRoots();
            bestRootRecords = new LongIntMap(roots.objects.length);
            for (int i = roots.objects.length - 1; i >= 0; i--) {
                int current = bestRootRecords.get(roots.objects[i], -1);
                if (current < 0 || preference(tr, i) <= preference(tr, current)) {
                    bestRootRecords.put(roots.objects[i], i);
                }
            }
        }
        return bestRootRecords.get(node, -1);
    }

    private int preference(TransientRoots tr, int record) {
        return (tr.isTransient(record) ? 100 : 0) + index.rootKind(record).rank();
    }

    /**
     * Up to {@code k} distinct strong paths for each target (shortest first); an empty list for an unreachable
     * target. One scan of the reference array per extra path round.
     */
    List<List<NodePath>> paths(int[] targets, int k) {
        List<List<NodePath>> result = new ArrayList<>();
        List<Set<String>> seen = new ArrayList<>();
        for (int t : targets) {
            List<NodePath> list = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            if (parent[t] != UNREACHED) {
                int[] nodes = treePath(t);
                NodePath p = new NodePath(bestRootRecord(nodes[0]), nodes, new int[nodes.length]);
                list.add(p);
                keys.add(p.key());
            }
            result.add(list);
            seen.add(keys);
        }
        int n = index.objectCount();
        long[] scanned = new long[(n >>> 6) + 1];
        // in-edges of scanned nodes: (from, to, occurrence)
        IntList inFrom = new IntList(256);
        IntList inTo = new IntList(256);
        IntList inOcc = new IntList(256);
        for (int round = 1; round < k; round++) {
            long[] wanted = new long[(n >>> 6) + 1];
            boolean any = false;
            for (List<NodePath> list : result) {
                for (NodePath p : list) {
                    for (int x : p.nodes) {
                        if ((scanned[x >>> 6] & (1L << x)) == 0) {
                            scanned[x >>> 6] |= 1L << x;
                            wanted[x >>> 6] |= 1L << x;
                            any = true;
                        }
                    }
                }
            }
            if (any) {
                collectInEdges(wanted, inFrom, inTo, inOcc);
            }
            boolean added = false;
            for (int ti = 0; ti < targets.length; ti++) {
                List<NodePath> list = result.get(ti);
                if (list.isEmpty() || list.size() >= k) {
                    continue;
                }
                NodePath best = bestCandidate(list, seen.get(ti), inFrom, inTo, inOcc);
                if (best != null) {
                    list.add(best);
                    seen.get(ti).add(best.key());
                    added = true;
                }
            }
            if (!added) {
                break;
            }
        }
        return result;
    }

    /** One pass over all reachable objects' references, keeping those that point into {@code wanted}. Hot loop. */
    private void collectInEdges(long[] wanted, IntList inFrom, IntList inTo, IntList inOcc) {
        int n = index.objectCount();
        for (int u = 0; u < n; u++) {
            if ((u & 0xFFFFF) == 0) {
                cancel.throwIfCancelled();
            }
            if (parent[u] == UNREACHED) {
                continue;
            }
            int start = index.edgeStart(u);
            int end = index.edgeEnd(u);
            for (int e = start; e < end; e++) {
                int v = index.edge(e);
                if ((wanted[v >>> 6] & (1L << v)) != 0) {
                    int occ = 0;
                    for (int f = start; f < e; f++) {
                        if (index.edge(f) == v) {
                            occ++;
                        }
                    }
                    inFrom.add(u);
                    inTo.add(v);
                    inOcc.add(occ);
                }
            }
        }
    }

    private NodePath bestCandidate(List<NodePath> found, Set<String> seen, IntList inFrom, IntList inTo, IntList inOcc) {
        List<NodePath> candidates = new ArrayList<>();
        for (NodePath p : found) {
            // a different root record for the same first object
            List<Integer> records = index.rootRecordsOf(p.nodes[0]);
            for (int r : records) {
                if (r != p.rootRecord) {
                    candidates.add(new NodePath(r, p.nodes, p.occurrences));
                }
            }
            for (int j = 1; j < p.nodes.length; j++) {
                int v = p.nodes[j];
                if (bestRootRecord(v) >= 0) {
                    // a root holds this object directly (e.g. a UI thread's local, when a static field also keeps it)
                    int[] nodes = Arrays.copyOfRange(p.nodes, j, p.nodes.length);
                    int[] occs = Arrays.copyOfRange(p.occurrences, j, p.nodes.length);
                    occs[0] = 0;
                    for (int r : index.rootRecordsOf(v)) {
                        candidates.add(new NodePath(r, nodes, occs));
                    }
                }
                Set<Integer> suffix = null; // p's nodes from j on: built once per (p, j), when an in-edge needs it
                for (int i = 0; i < inFrom.size(); i++) {
                    if (inTo.get(i) != v) {
                        continue;
                    }
                    int u = inFrom.get(i);
                    int occ = inOcc.get(i);
                    if (u == p.nodes[j - 1] && occ == p.occurrences[j]) {
                        continue;
                    }
                    int[] prefix = treePath(u);
                    if (suffix == null) {
                        suffix = new HashSet<>();
                        for (int s = j; s < p.nodes.length; s++) {
                            suffix.add(p.nodes[s]);
                        }
                    }
                    boolean simple = true;
                    for (int x : prefix) {
                        if (suffix.contains(x)) {
                            simple = false;
                            break;
                        }
                    }
                    if (!simple) {
                        continue;
                    }
                    int len = prefix.length + p.nodes.length - j;
                    int[] nodes = new int[len];
                    int[] occs = new int[len];
                    System.arraycopy(prefix, 0, nodes, 0, prefix.length);
                    System.arraycopy(p.nodes, j, nodes, prefix.length, p.nodes.length - j);
                    System.arraycopy(p.occurrences, j, occs, prefix.length, p.nodes.length - j);
                    occs[prefix.length] = occ;
                    candidates.add(new NodePath(bestRootRecord(nodes[0]), nodes, occs));
                }
            }
        }
        // the unseen candidate least by (length, key), the first of equals: each key is built once, and only for
        // candidates no longer than the best so far
        NodePath best = null;
        String bestKey = null;
        for (NodePath c : candidates) {
            if (best != null && c.length() > best.length()) {
                continue;
            }
            String key = c.key();
            if (seen.contains(key)) {
                continue;
            }
            if (best == null || c.length() < best.length() || key.compareTo(bestKey) < 0) {
                best = c;
                bestKey = key;
            }
        }
        return best;
    }
}
