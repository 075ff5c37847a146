package dev.leakinspector.agent.fx;

import java.util.ArrayList;
import java.util.List;

/**
 * Loads, on the agent's own thread when our JavaFX triggers are bound, the classes that the first node detached
 * from a showing window would otherwise load on the FX thread, inside the program's frame: our trigger's and the
 * watcher's classes on that path, and the JavaFX classes our crumbs and filters only test with {@code instanceof}
 * (a tab pane, a titled pane, a list cell), which a program that never used them has not loaded. About thirty
 * classes read from jars, verified and initialized, a few milliseconds of the first detach's frame otherwise.
 *
 * <p>JavaFX classes are loaded without being initialized: their static initializers stay the program's business
 * (and its FX thread's). Ours are initialized. Best effort: a class not found is skipped, and named in the result
 * so that a test notices a rename. Called on the binder's thread; thread-safe.
 */
final class FxWarmUp {
    /** Ours and the agent core's, initialized: nothing in their static initializers touches the toolkit. */
    private static final String[] OWN_CLASSES = {
        "dev.leakinspector.agent.fx.FxCrumbs",
        "dev.leakinspector.agent.fx.FxTreeWatch",
        "dev.leakinspector.agent.fx.FxDetachTrigger$ChildrenListener",
        "dev.leakinspector.agent.fx.FxDetachTrigger$ReattachListener",
        "dev.leakinspector.agent.ViewStack",
        "dev.leakinspector.agent.WatchSink$TreeShape",
        "dev.leakinspector.agent.WatchOrigin",
        "dev.leakinspector.agent.WatchedReference",
        "dev.leakinspector.agent.WatchedReference$State",
        "dev.leakinspector.agent.Watcher$TreeToWalk",
        "dev.leakinspector.agent.Watcher$CrumbNamer",
        "dev.leakinspector.protocol.Verdict",
    };
    /** The toolkit's (and one of the JDK's that our crumbs' {@code ClassValue}s need), loaded only. */
    private static final String[] TOOLKIT_CLASSES = {
        "java.lang.ClassValue$ClassValueMap",
        "javafx.scene.control.IndexedCell",
        "javafx.scene.control.TitledPane",
        "javafx.scene.control.TabPane",
        "javafx.scene.control.Tab",
        "javafx.scene.control.ButtonBase",
        "javafx.scene.control.ComboBoxBase",
        "javafx.scene.control.Label",
        "javafx.scene.control.skin.VirtualFlow",
        "javafx.scene.layout.Pane",
        "javafx.scene.Group",
        "javafx.collections.MapChangeListener$Change",
        "com.sun.javafx.collections.ObservableMapWrapper",
        "com.sun.javafx.collections.ObservableMapWrapper$SimpleChange",
    };

    private FxWarmUp() {
    }

    /** @return the names of the classes that could not be loaded (none, unless one was renamed) */
    static List<String> loadDetachPathClasses() {
        ClassLoader loader = FxWarmUp.class.getClassLoader();
        List<String> missing = new ArrayList<>();
        for (String name : OWN_CLASSES) {
            load(name, true, loader, missing);
        }
        for (String name : TOOLKIT_CLASSES) {
            load(name, false, loader, missing);
        }
        return missing;
    }

    private static void load(String name, boolean initialize, ClassLoader loader, List<String> missing) {
        try {
            Class.forName(name, initialize, loader);
        } catch (ClassNotFoundException | LinkageError | RuntimeException notThere) {
            missing.add(name);
        }
    }
}
