package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.ViewStack;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Names JavaFX objects for view stacks: {@code Stage "Preferences"}, {@code Scene},
 * {@code VBox#form}. FX thread only (it reads titles and ids).
 */
final class FxCrumbs {
    private FxCrumbs() {
    }

    static String window(Window window) {
        String type = ViewStack.typeName(window.getClass());
        String title = window instanceof Stage stage ? stage.getTitle() : null;
        return title == null || title.isEmpty() ? type : type + " \"" + title + "\"";
    }

    static String scene(Scene scene) {
        return scene == null ? "Scene" : ViewStack.typeName(scene.getClass());
    }

    static String node(Node node) {
        String type = ViewStack.typeName(node.getClass());
        String id = node.getId();
        if (id != null && !id.isEmpty()) {
            return type + "#" + id;
        }
        return type;
    }

    /** The view stack of a node in a scene: its window, the scene, then each parent down to it. */
    static ViewStack pathTo(Node node) {
        Deque<Node> chain = new ArrayDeque<>();
        for (Node level = node; level != null; level = level.getParent()) {
            chain.push(level);
        }
        Scene scene = node.getScene();
        ViewStack stack = scene != null && scene.getWindow() != null
                ? ViewStack.of(window(scene.getWindow())).then(scene(scene))
                : ViewStack.of(scene(scene));
        for (Node level : chain) {
            stack = stack.then(node(level));
        }
        return stack;
    }
}
