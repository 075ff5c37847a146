package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.protocol.Verdict;
import javafx.scene.Node;
import javafx.scene.Parent;

import java.util.List;

/**
 * Watches a node and everything below it, each watch under its parent's so that a surviving
 * subtree is one report ({@link WatchSink#watchTree}). On the FX thread only the top is captured; the sink walks
 * the subtree and names the crumbs below the top later, on its own thread: the tree is not displayed then (a
 * hidden window, a detached subtree), and JavaFX lets any thread read what is not in a showing window.
 * Bounded. Called on the FX thread.
 */
final class FxTreeWatch {
    /** Bounds the work and the watches one trigger can cause. */
    static final int MAX_NODES_PER_TRIGGER = 100_000;

    /** A JavaFX scene graph as {@link WatchSink#watchTree} reads it. Stateless. */
    static final WatchSink.TreeShape SCENE_GRAPH = new WatchSink.TreeShape() {
        @Override
        public List<?> children(Object node) {
            return node instanceof Parent parent ? parent.getChildrenUnmodifiable() : List.of();
        }

        @Override
        public String crumb(Object node) {
            return FxCrumbs.node((Node) node);
        }

        @Override
        public String toolkit() {
            return "JavaFX scene graph";
        }
    };

    private FxTreeWatch() {
    }

    /**
     * @param above the view stack above {@code top}
     * @param topCrumb {@code top}'s crumb, or null to have it named later like the nodes below it
     * @return the watch id of {@code top}, or {@link WatchSink#NOT_WATCHED} when it is not watched
     *     (ignored, or the watch limit is reached); ignored nodes' subtrees are skipped too
     */
    static long watchTree(WatchSink sink, String trigger, Node top, ViewStack above, String topCrumb, long parentId,
                          Verdict verdict) {
        return sink.watchTree(top, trigger, above, topCrumb, parentId, verdict, SCENE_GRAPH, MAX_NODES_PER_TRIGGER);
    }
}
