package dev.leakinspector.heap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Strong reference cycles through one object, up to a maximum length (20 by default), FBRetainCycleDetector's
 * way: a depth-limited search from the object for paths that lead back to it, each cycle rotated to a canonical
 * start (the element with the smallest object id) and de-duplicated by its element sequence.
 *
 * <p>To keep the search from exploring the whole heap, it first collects the objects reachable from the start
 * within the length limit (at most {@value #MAX_LOCAL} of them), computes for each its distance back to the
 * start, and only descends into objects that can still close a cycle within the limit. At most
 * {@value #MAX_CYCLES} cycles are reported and at most {@value #MAX_STEPS} references followed; if a limit
 * stops the search, {@link #lastSearchWasComplete()} says so. Hot loops on primitive arrays; not thread-safe.
 */
public final class CycleFinder {
    static final int MAX_LOCAL = 1_000_000;
    static final int MAX_CYCLES = 100;
    static final int MAX_STEPS = 5_000_000;

    private final HprofIndex index;
    private final CancelToken cancel;
    private boolean complete;

    public CycleFinder(HprofIndex index, CancelToken cancel) {
        this.index = index;
        this.cancel = cancel;
    }

    /** Whether the last search explored everything within the length limit. */
    public boolean lastSearchWasComplete() {
        return complete;
    }

    /**
     * Cycles through the object with dense index {@code start}, as dense-index sequences (each rotated to start at
     * its smallest object id), shortest first; element i refers to element i + 1, the last to the first.
     * {@link LeakAnalyzer} names the references; see {@link RetainCycle}.
     */
    public List<int[]> cyclesThrough(int start, int maxLength) {
        complete = true;
        // 1. objects reachable from start within maxLength - 1 references, with local numbers
        LongIntMap local = new LongIntMap(1024);
        IntList nodes = new IntList(1024);
        local.put(start, 0);
        nodes.add(start);
        int levelStart = 0;
        boolean capped = false;
        for (int depth = 0; depth < maxLength - 1 && levelStart < nodes.size() && !capped; depth++) {
            int levelEnd = nodes.size();
            for (int i = levelStart; i < levelEnd && !capped; i++) {
                int u = nodes.get(i);
                for (int e = index.edgeStart(u); e < index.edgeEnd(u); e++) {
                    int v = index.edge(e);
                    if (local.get(v, -1) < 0) {
                        if (nodes.size() >= MAX_LOCAL) {
                            capped = true;
                            complete = false;
                            break;
                        }
                        local.put(v, nodes.size());
                        nodes.add(v);
                    }
                }
            }
            levelStart = levelEnd;
            cancel.throwIfCancelled();
        }
        // 2. distance from each local object back to start (relaxation, at most maxLength rounds)
        int m = nodes.size();
        int[] back = new int[m];
        Arrays.fill(back, Integer.MAX_VALUE / 2);
        for (int round = 0; round < maxLength; round++) {
            boolean changed = false;
            for (int i = 0; i < m; i++) {
                int u = nodes.get(i);
                int best = back[i];
                for (int e = index.edgeStart(u); e < index.edgeEnd(u); e++) {
                    int v = index.edge(e);
                    int d = v == start ? 1 : 1 + back(local, back, v);
                    if (d < best) {
                        best = d;
                    }
                }
                if (best < back[i]) {
                    back[i] = best;
                    changed = true;
                }
            }
            cancel.throwIfCancelled();
            if (!changed) {
                break;
            }
        }
        // 3. depth-first search for paths back to start, pruned by the back distances
        List<int[]> cycles = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int[] stack = new int[maxLength + 1];
        int[] edgePos = new int[maxLength + 1];
        boolean[] onStack = new boolean[m];
        int depth = 0;
        stack[0] = start;
        edgePos[0] = index.edgeStart(start);
        onStack[0] = true;
        long steps = 0;
        while (depth >= 0) {
            int u = stack[depth];
            if (edgePos[depth] >= index.edgeEnd(u)) {
                onStack[local.get(u, 0)] = false;
                depth--;
                continue;
            }
            int v = index.edge(edgePos[depth]++);
            if (++steps > MAX_STEPS || cycles.size() >= MAX_CYCLES) {
                complete = false;
                break;
            }
            if ((steps & 0xFFFF) == 0) {
                cancel.throwIfCancelled();
            }
            if (v == start) {
                int[] cycle = Arrays.copyOf(stack, depth + 1);
                int[] canonical = rotate(cycle);
                if (keys.add(Arrays.toString(canonical))) {
                    cycles.add(canonical);
                }
                continue;
            }
            int lv = local.get(v, -1);
            if (lv < 0 || onStack[lv] || depth + 1 >= maxLength || depth + 1 + back[lv] > maxLength) {
                continue;
            }
            depth++;
            stack[depth] = v;
            edgePos[depth] = index.edgeStart(v);
            onStack[lv] = true;
        }
        cycles.sort(Comparator.<int[]>comparingInt(c -> c.length).thenComparing(Arrays::toString));
        return cycles;
    }

    private static int back(LongIntMap local, int[] back, int v) {
        int lv = local.get(v, -1);
        return lv < 0 ? Integer.MAX_VALUE / 2 : back[lv];
    }

    /** Rotates so that the element with the smallest object id comes first. */
    private int[] rotate(int[] cycle) {
        int best = 0;
        for (int i = 1; i < cycle.length; i++) {
            if (Long.compareUnsigned(index.objectId(cycle[i]), index.objectId(cycle[best])) < 0) {
                best = i;
            }
        }
        int[] out = new int[cycle.length];
        for (int i = 0; i < cycle.length; i++) {
            out[i] = cycle[(best + i) % cycle.length];
        }
        return out;
    }
}
