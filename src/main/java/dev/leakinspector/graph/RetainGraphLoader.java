package dev.leakinspector.graph;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.ExplainRequest;
import dev.leakinspector.heap.ExplainResult;
import dev.leakinspector.heap.Explainer;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.ObjectSelector;
import dev.leakinspector.heap.ProgressListener;

import java.util.List;

/**
 * Turns a question about an indexed dump into a {@link RetainGraph}, including the answers that are not graphs: a
 * watch whose reference was cleared before the dump (the object was collected: Object Deallocated) and an object
 * no strong path reaches. Runs the heap engine on the calling thread (seconds on big dumps): call it off the FX
 * thread and hand the graph to the view ({@code app.graph.RetainGraphView#setGraph}) on it.
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
        ExplainResult.WatchAnswer answer = Explainer.explain(index, ExplainRequest.watches(List.of(watchId)).withPaths(k),
                progress, cancel).byWatchId().get(watchId);
        return switch (answer.found()) {
            case ALIVE -> RetainGraph.builder().add(answer.analysis().orElseThrow(), label).build();
            case COLLECTED -> RetainGraph.objectCollected(className, label);
            case NOT_IN_DUMP -> throw new IllegalArgumentException(answer.why());
        };
    }

    /**
     * The graph for every object the selector picks (the first {@link #MAX_OBJECTS}), merged; {@code label} is put
     * on each of them.
     */
    public static RetainGraph forObjects(HprofIndex index, ObjectSelector selector, String label, int k,
                                         ProgressListener progress, CancelToken cancel) {
        List<ObjectAnalysis> analyses = Explainer.explain(index,
                ExplainRequest.objects(selector).withPaths(k).withMaxObjects(MAX_OBJECTS), progress, cancel).analyses();
        RetainGraph.Builder b = RetainGraph.builder();
        analyses.forEach(a -> b.add(a, label));
        return b.build();
    }
}
