package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Retained sizes taken from the path search's tree ({@link RetainedSizeCalculator#retainedSizes(int[],
 * ShortestPathFinder.TargetSubtrees)}) against the calculator's own search, on heaps whose roots the shared test dump
 * lacks: a transient root (a UI thread's local mid-paint) that the search first reaches from a lasting root through
 * the target, so that it lies in the target's subtree of the tree although it is a root itself.
 */
class RetainedSizeFromSearchTreeTest {
    private static final String[] PAINTING = {"javax.swing.JComponent._paintImmediately", "javax.swing.RepaintManager.paint",
        "java.awt.EventQueue.dispatchEvent", "java.awt.EventDispatchThread.pumpOneEventForFilters",
        "java.awt.EventDispatchThread.run"};

    @TempDir
    Path dir;

    @Test
    void whatAPaintingThreadsLocalHoldsIsNotRetainedByTheTargetThatAlsoLeadsToIt() throws Exception {
        MiniHeap heap = new MiniHeap();
        heap.cls("com.acme.App", "java.lang.Object");
        heap.cls("com.acme.Holder", "java.lang.Object", "view");
        heap.cls("com.acme.View", "java.lang.Object", "payload");
        long payload = heap.array(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        long view = heap.obj("com.acme.View", "payload", payload);
        long holder = heap.obj("com.acme.Holder", "view", view);
        heap.staticField("com.acme.App", "HOLDER", holder);
        heap.local(view, heap.thread("AWT-EventQueue-0", PAINTING), 0);
        try (HprofIndex index = heap.open(dir.resolve("painting.hprof"))) {
            int[] targets = {index.indexOf(holder)};
            ShortestPathFinder finder = new ShortestPathFinder(index, ProgressListener.NONE, CancelToken.NEVER);
            finder.computeParents();

            long fromTree = new RetainedSizeCalculator(index, CancelToken.NEVER)
                    .retainedSizes(targets, finder.targetSubtrees(targets))[0];
            long ownSearch = new RetainedSizeCalculator(index, CancelToken.NEVER).retainedSizes(targets)[0];
            assertEquals(index.shallowSize(targets[0]), ownSearch, "the view and its payload stay held by the local");
            assertEquals(ownSearch, fromTree);
            assertEquals(ownSearch, MiniHeap.analyse(index, holder, 1).retainedBytes(), "as analyze reports it");
        }
    }
}
