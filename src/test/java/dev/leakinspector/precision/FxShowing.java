package dev.leakinspector.precision;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Window;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The JavaFX side of {@link ShownRegistry}: registers nodes (with their subtrees) and windows, records
 * when each stops being displayed, and says whether one is displayed: a node in the scene of a showing
 * window, a showing window. FX thread only.
 */
final class FxShowing {
    private final ShownRegistry registry;

    FxShowing(ShownRegistry registry) {
        this.registry = registry;
    }

    /** Registers {@code root} and every node below it now. */
    void registerTree(Node root) {
        Deque<Node> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Node node = work.pop();
            registerNode(node);
            if (node instanceof Parent parent) {
                parent.getChildrenUnmodifiable().forEach(work::push);
            }
        }
    }

    void registerNode(Node node) {
        registry.register(node);
        // The listener lives in the node and reaches the node only through the property: no leak of ours.
        node.sceneProperty().addListener((property, old, scene) -> {
            if (scene == null) {
                registry.undisplayed(node, System.currentTimeMillis());
            } else {
                registry.displayed(node, System.currentTimeMillis());
            }
        });
    }

    void registerWindow(Window window) {
        registry.register(window);
        window.showingProperty().addListener((property, was, showing) -> {
            if (showing) {
                registry.displayed(window, System.currentTimeMillis());
            } else {
                registry.undisplayed(window, System.currentTimeMillis());
            }
        });
    }

    static boolean isDisplayed(Object object) {
        if (object instanceof Window window) {
            return window.isShowing();
        }
        if (object instanceof Node node) {
            Scene scene = node.getScene();
            return scene != null && scene.getWindow() != null && scene.getWindow().isShowing();
        }
        return false;
    }
}
