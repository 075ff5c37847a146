package dev.leakinspector.graph;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.LeakAnalyzer;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.ObjectSelector;
import dev.leakinspector.heap.ProgressListener;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a question about an indexed dump into a {@link RetainGraph}, including the answers that are not graphs: a
 * watch whose reference was cleared before the dump (the object was collected: Object Deallocated) and an object
 * no strong path reaches. Runs the heap engine on the calling thread (seconds on big dumps): call it off the FX
 * thread and hand the graph to {@link RetainGraphView#setGraph} on it.
 */
public final class RetainGraphLoader {
    /** At most this many objects go into one graph when a class matches many. */
    public static final int MAX_OBJECTS = 20;

    private RetainGraphLoader() {
    }

    /**
     * The graph for the object the agent watches under {@code watchId}.
     *
     * @param className the watched object's class as the agent reported it (for the message when it was collected)
     * @param label     its view stack, shown on its node; may be null
     * @param k         paths per object
     * @throws IllegalArgumentException when the dump has no watch with this id (not the same target or session)
     */
    public static RetainGraph forWatch(HprofIndex index, long watchId, String className, String label, int k,
                                       ProgressListener progress, CancelToken cancel) {
        long[][] watches = ObjectSelector.watchedReferents(index, cancel);
        for (long[] w : watches) {
            if (w[0] == watchId && w[1] == 0) {
                return RetainGraph.objectCollected(className, label);
            }
        }
        int target = ObjectSelector.referentOf(index, watches, watchId);
        List<ObjectAnalysis> analyses = new LeakAnalyzer(index, progress, cancel)
                .analyze(new int[] {target}, k, Set.of(index.objectId(target)), watches);
        return RetainGraph.builder().add(analyses.get(0), label).build();
    }

    /**
     * The graph for every object the selector picks (the first {@link #MAX_OBJECTS}), merged; {@code label} is put
     * on each of them.
     */
    public static RetainGraph forObjects(HprofIndex index, ObjectSelector selector, String label, int k,
                                         ProgressListener progress, CancelToken cancel) {
        int[] targets = selector.select(index, cancel);
        if (targets.length > MAX_OBJECTS) {
            targets = Arrays.copyOf(targets, MAX_OBJECTS);
        }
        Set<Long> chosen = new HashSet<>();
        for (int t : targets) {
            chosen.add(index.objectId(t));
        }
        List<ObjectAnalysis> analyses = new LeakAnalyzer(index, progress, cancel).analyze(targets, k, chosen);
        RetainGraph.Builder b = RetainGraph.builder();
        analyses.forEach(a -> b.add(a, label));
        return b.build();
    }
}
