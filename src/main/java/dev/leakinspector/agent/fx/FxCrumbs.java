package dev.leakinspector.agent.fx;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Names JavaFX objects for view stacks: {@code Stage "Preferences"}, {@code Scene},
 * {@code VBox#form}. FX thread only (it reads titles and ids).
 */
final class FxCrumbs {
    private FxCrumbs() {
    }

    static String window(Window window) {
        String type = typeName(window.getClass());
        String title = window instanceof Stage stage ? stage.getTitle() : null;
        return title == null || title.isEmpty() ? type : type + " \"" + title + "\"";
    }

    static String scene(Scene scene) {
        return scene == null ? "Scene" : typeName(scene.getClass());
    }

    static String node(Node node) {
        String type = typeName(node.getClass());
        String id = node.getId();
        if (id != null && !id.isEmpty()) {
            return type + "#" + id;
        }
        return type;
    }

    /** The simple name of the class, or of its nearest named superclass for anonymous classes. */
    static String typeName(Class<?> type) {
        Class<?> named = type;
        while (named.getSimpleName().isEmpty() && named.getSuperclass() != null) {
            named = named.getSuperclass();
        }
        return named.getSimpleName();
    }
}
