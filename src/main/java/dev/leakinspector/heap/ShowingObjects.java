package dev.leakinspector.heap;

/**
 * Tells from a dump's fields which objects are on screen, so they are not leaking: a showing window (an AWT
 * {@code Window} with {@code visible} set and a peer, a JavaFX {@code Window} whose {@code showing} property is
 * true), a Swing/AWT component whose ancestors are all visible up to a showing window, a JavaFX scene whose window is
 * showing and a JavaFX node in such a scene. Field names are those of JDK 17+ and JavaFX 17+; a field that is
 * missing makes the object "not known to be showing", never "showing". Not thread-safe (one per analyzer).
 */
final class ShowingObjects {
    /** Deepest component tree walked up from a component to its window. */
    private static final int MAX_DEPTH = 1_000;

    private final HprofIndex index;

    ShowingObjects(HprofIndex index) {
        this.index = index;
    }

    /** The step marked not leaking with the reason, when its object is on screen; else the step unchanged. */
    PathStep classify(PathStep step, int node) {
        HeapClass c = index.classOf(node);
        for (HeapClass k = c; k != null; k = k.superClass()) {
            switch (k.name()) {
                case "java.awt.Window":
                    return isShowingAwtWindow(node) ? step.withLeaking(LeakingStatus.NO, "window is showing") : step;
                case "java.awt.Component":
                    return isShowingComponent(node)
                            ? step.withLeaking(LeakingStatus.NO, "component is showing in a showing window") : step;
                case "javafx.stage.Window":
                    return isShowingFxWindow(node) ? step.withLeaking(LeakingStatus.NO, "window is showing") : step;
                case "javafx.scene.Scene":
                    return isShowingScene(node) ? step.withLeaking(LeakingStatus.NO, "scene of a showing window") : step;
                case "javafx.scene.Node":
                    return isShowingScene(propertyValue(node, "javafx.scene.Node", "scene"))
                            ? step.withLeaking(LeakingStatus.NO, "node is in the scene of a showing window") : step;
                default:
                    break;
            }
        }
        return step;
    }

    /** Visible and displayable: {@code setVisible(false)} clears the first, {@code dispose()} both. */
    private boolean isShowingAwtWindow(int window) {
        return index.fieldValue(window, "java.awt.Component", "visible", 0) == 1
                && index.fieldValue(window, "java.awt.Component", "peer", 1) != 0;
    }

    private boolean isShowingComponent(int component) {
        int x = component;
        for (int depth = 0; depth < MAX_DEPTH && x >= 0; depth++) {
            if (isA(x, "java.awt.Window")) {
                return isShowingAwtWindow(x);
            }
            if (index.fieldValue(x, "java.awt.Component", "visible", 0) != 1) {
                return false;
            }
            long parent = index.fieldValue(x, "java.awt.Component", "parent", 0);
            x = parent == 0 ? -1 : index.indexOf(parent);
        }
        return false;
    }

    private boolean isShowingFxWindow(int window) {
        int showing = deref(index.fieldValue(window, "javafx.stage.Window", "showing", 0));
        return showing >= 0 && index.fieldValue(showing, "value", 0) == 1;
    }

    private boolean isShowingScene(int scene) {
        if (scene < 0) {
            return false;
        }
        int window = propertyValue(scene, "javafx.scene.Scene", "window");
        return window >= 0 && isShowingFxWindow(window);
    }

    /** The object a property field ({@code ObjectPropertyBase.value}) of the object holds, or -1. */
    private int propertyValue(int object, String declaringClass, String field) {
        int property = deref(index.fieldValue(object, declaringClass, field, 0));
        return property < 0 ? -1 : deref(index.fieldValue(property, "value", 0));
    }

    private int deref(long id) {
        return id == 0 ? -1 : index.indexOf(id);
    }

    private boolean isA(int node, String className) {
        for (HeapClass k = index.classOf(node); k != null; k = k.superClass()) {
            if (k.name().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
