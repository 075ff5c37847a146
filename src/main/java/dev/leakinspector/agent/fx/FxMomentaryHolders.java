package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.MomentaryHolders;
import dev.leakinspector.agent.WatchedReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * JavaFX internals that keep the last hovered or pressed node until the next mouse event, or a
 * removed node until the next pulse. Each holder is a private field of a showing {@link Scene} or of
 * one of its parents, read by reflection (JavaFX 21; a field that is not there in another version is
 * simply skipped):
 * <ul>
 *   <li>{@code Scene.mouseHandler}: the nodes under the mouse, the target of the last
 *       press-drag-release gesture and the last mouse event, kept until the next mouse event — a
 *       page swapped out by a click on one of its own buttons is held here;</li>
 *   <li>{@code Scene.clickGenerator}: the pressed and released targets, kept to count clicks
 *       until the next press;</li>
 *   <li>{@code Parent.removed}: the children a parent lost since the scene's last pulse, kept so that
 *       the pulse can repaint where they were, until it synchronizes that parent. The parents to
 *       synchronize are the scene's {@code dirtyNodes}, or, in a scene that has had no pulse yet
 *       ({@code dirtyNodes} still null: its first pulse synchronizes everything), every parent of
 *       the scene. A skin that rebuilds its own parts as its window first shows (the progress
 *       indicator's spinner segments) leaves them here until the first pulse, which a loaded
 *       machine can delay past the grace period.</li>
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
    /** Bounds the walk of a scene that has had no pulse yet (see {@code Parent.removed} above). */
    private static final int MAX_PARENTS_WALKED = 100_000;

    @Override
    public Set<Long> heldForAMoment(List<WatchedReference> survivors) {
        return MomentaryHolders.askUiThread(Platform::runLater, () -> findHeld(survivors), FX_WAIT_MILLIS, Set.of());
    }

    private static Set<Long> findHeld(List<WatchedReference> survivors) {
        return MomentaryHolders.survivorsContaining(heldNow(), Node::getParent, survivors);
    }

    /** The nodes the holders keep right now, in every showing window. FX thread; package-private for tests. */
    static Set<Node> heldNow() {
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
            collectRemovedUntilNextPulse(scene, heldNodes);
        }
        return heldNodes;
    }

    /** The children the parents of {@code scene} that its next pulse synchronizes removed since the last one. */
    private static void collectRemovedUntilNextPulse(Scene scene, Set<Node> nodes) {
        Object dirty = read(scene, Scene.class, "dirtyNodes");
        if (dirty instanceof Node[] dirtyNodes && read(scene, Scene.class, "dirtyNodesSize") instanceof Integer size) {
            for (int i = 0; i < size && i < dirtyNodes.length; i++) {
                if (dirtyNodes[i] instanceof Parent parent) {
                    collectRemoved(parent, nodes);
                }
            }
        } else if (dirty == null && scene.getRoot() != null) {
            // No pulse yet: the first one synchronizes every node of the scene.
            Deque<Parent> work = new ArrayDeque<>(List.of(scene.getRoot()));
            for (int walked = 0; !work.isEmpty() && walked < MAX_PARENTS_WALKED; walked++) {
                Parent parent = work.pop();
                collectRemoved(parent, nodes);
                for (Node child : parent.getChildrenUnmodifiable()) {
                    if (child instanceof Parent childParent) {
                        work.push(childParent);
                    }
                }
            }
        }
    }

    private static void collectRemoved(Parent parent, Set<Node> nodes) {
        if (read(parent, Parent.class, "removed") instanceof List<?> removed) {
            for (Object child : removed) {
                if (child instanceof Node node) {
                    nodes.add(node);
                }
            }
        }
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
