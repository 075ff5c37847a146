package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.MomentaryHolders;
import dev.leakinspector.agent.WatchedReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * JavaFX internals that keep the last hovered or pressed node until the next mouse event. Each
 * holder is a private field of a showing {@link Scene}, read by reflection (JavaFX 21; a field
 * that is not there in another version is simply skipped):
 * <ul>
 *   <li>{@code Scene.mouseHandler}: the nodes under the mouse, the target of the last
 *       press-drag-release gesture and the last mouse event, kept until the next mouse event — a
 *       page swapped out by a click on one of its own buttons is held here;</li>
 *   <li>{@code Scene.clickGenerator}: the pressed and released targets, kept to count clicks
 *       until the next press.</li>
 * </ul>
 * A survivor is held for a moment when one of these nodes is it or lies inside it.
 *
 * <p>Threading: {@link #heldForAMoment} is called on the watcher thread; the scenes are read on
 * the JavaFX application thread, waited for at most {@link #FX_WAIT_MILLIS}.
 */
final class FxMomentaryHolders implements MomentaryHolders {
    static final long FX_WAIT_MILLIS = 500;
    private static final List<String> SCENE_HOLDER_FIELDS = List.of("mouseHandler", "clickGenerator");
    /** How far to look inside a holder: holder → list or wrapper → node. */
    private static final int MAX_DEPTH = 3;

    @Override
    public Set<Long> heldForAMoment(List<WatchedReference> survivors) {
        return MomentaryHolders.askUiThread(Platform::runLater, () -> findHeld(survivors), FX_WAIT_MILLIS, Set.of());
    }

    private static Set<Long> findHeld(List<WatchedReference> survivors) {
        Set<Node> heldNodes = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Window window : Window.getWindows()) {
            Scene scene = window.getScene();
            if (scene == null) {
                continue;
            }
            for (String fieldName : SCENE_HOLDER_FIELDS) {
                collectNodes(read(scene, Scene.class, fieldName), MAX_DEPTH, heldNodes,
                        Collections.newSetFromMap(new IdentityHashMap<>()));
            }
        }
        return MomentaryHolders.survivorsContaining(heldNodes, Node::getParent, survivors);
    }

    /** Gathers the nodes a holder refers to, through lists, wrappers and mouse events, not through scenes or windows. */
    private static void collectNodes(Object value, int depth, Set<Node> nodes, Set<Object> seen) {
        if (value == null || depth < 0 || !seen.add(value)) {
            return;
        }
        if (value instanceof Node node) {
            nodes.add(node);
        } else if (value instanceof MouseEvent event) {
            collectNodes(event.getTarget(), depth - 1, nodes, seen);
            if (event.getPickResult() != null) {
                collectNodes(event.getPickResult().getIntersectedNode(), depth - 1, nodes, seen);
            }
        } else if (value instanceof Collection<?> collection) {
            for (Object element : new ArrayList<>(collection)) {
                collectNodes(element, depth - 1, nodes, seen);
            }
        } else if (value.getClass().getName().startsWith("javafx.scene.Scene$")) {
            for (Field field : value.getClass().getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    collectNodes(read(value, field), depth - 1, nodes, seen);
                }
            }
        }
    }

    private static Object read(Object owner, Class<?> type, String fieldName) {
        try {
            return read(owner, type.getDeclaredField(fieldName));
        } catch (NoSuchFieldException otherJavaFxVersion) {
            return null;
        }
    }

    private static Object read(Object owner, Field field) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (RuntimeException | IllegalAccessException notOpen) {
            return null;
        }
    }
}
