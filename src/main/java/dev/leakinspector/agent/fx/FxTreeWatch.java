package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.protocol.Verdict;
import javafx.scene.Node;
import javafx.scene.Parent;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Watches a node and everything below it, each watch under its parent's so that a surviving
 * subtree is one report. Iterative (scene graphs can be deep) and bounded. FX thread only.
 */
final class FxTreeWatch {
    /** Bounds the work and the watches one trigger can cause. */
    static final int MAX_NODES_PER_TRIGGER = 100_000;

    /** One node still to watch, with its view stack and its parent's watch. */
    private record Pending(Node node, ViewStack stack, long parentId) {
    }

    private FxTreeWatch() {
    }

    /**
     * @return the watch id of {@code top}, or {@link WatchSink#NOT_WATCHED} when it is not watched
     *     (ignored, or the watch limit is reached); ignored nodes' subtrees are skipped too
     */
    static long watchTree(WatchSink sink, String trigger, Node top, ViewStack topStack, long parentId, Verdict verdict) {
        Deque<Pending> work = new ArrayDeque<>();
        work.push(new Pending(top, topStack, parentId));
        long topId = WatchSink.NOT_WATCHED;
        int watched = 0;
        while (!work.isEmpty() && watched < MAX_NODES_PER_TRIGGER) {
            Pending item = work.pop();
            long id = sink.watch(item.node(), trigger, item.stack(), item.parentId(), verdict);
            if (id == WatchSink.NOT_WATCHED) {
                continue;
            }
            if (watched++ == 0) {
                topId = id;
            }
            if (item.node() instanceof Parent parent) {
                for (Node child : parent.getChildrenUnmodifiable()) {
                    work.push(new Pending(child, item.stack().then(FxCrumbs.node(child)), id));
                }
            }
        }
        return topId;
    }
}
