package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.protocol.Verdict;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Watches node subtrees detached from a showing stage: a page swapped out of a container, a closed
 * tab's content, a replaced scene root, a scene replaced on its stage. A subtree attached to a
 * scene again within the grace period was moved, not dropped, and its watch is cancelled. Cells
 * that list and table controls recycle (anything under a {@link VirtualFlow}) are left alone, and so
 * is a labeled control's text node, which its skin keeps to put back.
 *
 * <p>How: a listener on every parent's children of every showing stage (the scene graph has no
 * scene-wide "removed" event), on each scene's root and each stage's scene. The listeners refer to
 * what they observe only weakly, and {@link #close()} removes them all.
 *
 * <p>A detached subtree is only {@link Verdict#RETAINED} if it survives (a page cache is common); it
 * becomes a leak when its kind accumulates. One attached to a scene again within the grace period was
 * moved; one displayed again after its report (in the scene of a showing window) is retracted as reused.
 *
 * <p>Threading: everything runs on the JavaFX application thread.
 */
final class FxDetachTrigger extends FxThreadTrigger {
    static final String NODE_REMOVED = "node removed";
    static final String ROOT_REPLACED = "scene root replaced";
    static final String SCENE_REPLACED = "stage scene replaced";

    private final Map<Parent, ChildrenListener> parents = new WeakHashMap<>();
    private final Map<Scene, RootListener> scenes = new WeakHashMap<>();
    private final Map<Window, SceneListener> stages = new WeakHashMap<>();
    private final Map<Node, ReattachListener> detached = new WeakHashMap<>();
    private final ListChangeListener<Window> windowListener = this::onWindowsChanged;
    private final Map<Scene, SceneReattachListener> detachedScenes = new WeakHashMap<>();
    /**
     * The last parent children were removed from, weakly in effect (cleared by a runLater after the current pulse),
     * and its view stack. FX thread.
     */
    private Parent pathCacheOwner;
    private ViewStack pathCache;
    /** Made here, on the binder's thread, not as a lambda in the first detach's frame (linking one costs there). */
    private final Runnable forgetPathLater = this::forgetPath;

    FxDetachTrigger(WatchSink sink) {
        super(sink, "JavaFX node trigger");
    }

    @Override
    protected void addListeners() {
        for (Window window : Window.getWindows()) {
            observeStage(window);
        }
        Window.getWindows().addListener(windowListener);
    }

    @Override
    protected void removeListeners() {
        Window.getWindows().removeListener(windowListener);
        parents.forEach((parent, listener) -> parent.getChildrenUnmodifiable().removeListener(listener));
        scenes.forEach((scene, listener) -> scene.rootProperty().removeListener(listener));
        stages.forEach((stage, listener) -> stage.sceneProperty().removeListener(listener));
        detached.forEach((node, listener) -> node.sceneProperty().removeListener(listener));
        detachedScenes.forEach((scene, listener) -> scene.windowProperty().removeListener(listener));
        detachedScenes.clear();
        parents.clear();
        scenes.clear();
        stages.clear();
        detached.clear();
    }

    private void onWindowsChanged(ListChangeListener.Change<? extends Window> change) {
        safely(() -> {
            while (change.next()) {
                for (Window shown : change.getAddedSubList()) {
                    observeStage(shown);
                }
            }
        });
    }

    /** Popup windows are left alone: menus and tooltips rebuild their content all the time. */
    private void observeStage(Window window) {
        if (!(window instanceof Stage) || isClosed()) {
            return;
        }
        if (!stages.containsKey(window)) {
            SceneListener listener = new SceneListener(window);
            stages.put(window, listener);
            window.sceneProperty().addListener(listener);
        }
        observeScene(window.getScene());
    }

    private void observeScene(Scene scene) {
        if (scene == null) {
            return;
        }
        if (!scenes.containsKey(scene)) {
            RootListener listener = new RootListener(scene);
            scenes.put(scene, listener);
            scene.rootProperty().addListener(listener);
        }
        observeTree(scene.getRoot());
    }

    /** Listens to the children of every parent in the subtree (parents already observed are skipped, not their subtrees). */
    private void observeTree(Node top) {
        Deque<Node> work = new ArrayDeque<>();
        if (top != null) {
            work.push(top);
        }
        while (!work.isEmpty()) {
            if (work.pop() instanceof Parent parent && !(parent instanceof VirtualFlow)) {
                if (!parents.containsKey(parent)) {
                    ChildrenListener listener = new ChildrenListener(parent);
                    parents.put(parent, listener);
                    parent.getChildrenUnmodifiable().addListener(listener);
                }
                for (Node child : parent.getChildrenUnmodifiable()) {
                    work.push(child);
                }
            }
        }
    }

    private void onChildrenChanged(Parent parent, ListChangeListener.Change<? extends Node> change) {
        Scene scene = parent.getScene();
        if (isClosed() || scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
            return;
        }
        ViewStack parentStack = null;
        while (change.next()) {
            List<? extends Node> added = change.getAddedSubList();
            // Identity, and a set: setAll() of thousands of children must not cost removed × added. Only made when
            // the change both removes and adds (a replace, setAll): most changes only add, or only remove (one
            // node at a time, as a program empties a list), and those must not allocate a set each on the FX thread.
            Set<Node> readded = null;
            if (change.wasRemoved() && !added.isEmpty()) {
                readded = Collections.newSetFromMap(new IdentityHashMap<>());
                readded.addAll(added);
            }
            for (Node removed : change.getRemoved()) {
                if ((readded != null && readded.contains(removed)) || isRecycledCell(removed)
                        || isSkinsOwnText(removed)) {
                    continue;
                }
                if (parentStack == null) {
                    parentStack = pathOf(parent);
                }
                // Its own crumb is named later, from the node as it is now: out of its parent, no tab around it.
                watchDetached(removed, parentStack, null, NODE_REMOVED);
            }
            for (Node node : added) {
                observeTree(node);
            }
        }
    }

    /** Cells are created, piled and reused by their virtualised control; their coming and going is not a leak. */
    private static boolean isRecycledCell(Node node) {
        return node instanceof IndexedCell<?>;
    }

    /**
     * The text node of a label, button or cell: its skin ({@code LabeledSkinBase}) creates it once, keeps it in a
     * field for the life of the control, and takes it out of the children whenever the control shows no text
     * (empty text, graphic only) or puts other parts there (a table row's cells). The program never refers to it.
     */
    private static boolean isSkinsOwnText(Node node) {
        return node.getClass().getName().equals("com.sun.javafx.scene.control.LabeledText");
    }

    /**
     * The view stack of a parent that children are removed from. Siblings removed in one pulse (a list cleared
     * one row at a time) share it: it is computed once per parent until the FX thread has done its current work.
     */
    private ViewStack pathOf(Parent parent) {
        if (pathCacheOwner == parent && pathCache != null) {
            return pathCache;
        }
        ViewStack path = FxCrumbs.pathTo(parent);
        if (pathCacheOwner == null) {
            javafx.application.Platform.runLater(forgetPathLater); // after this pulse's work
        }
        pathCacheOwner = parent;
        pathCache = path;
        return path;
    }

    private void forgetPath() {
        pathCacheOwner = null;
        pathCache = null;
    }

    private void watchDetached(Node node, ViewStack above, String crumb, String trigger) {
        if (node.getScene() != null && node.getParent() != null) {
            return; // already somewhere else in a scene: moved within one change
        }
        long id = FxTreeWatch.watchTree(sink, trigger, node, above, crumb, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        if (id == WatchSink.NOT_WATCHED) {
            return;
        }
        ReattachListener listener = new ReattachListener(id);
        ReattachListener previous = detached.put(node, listener);
        if (previous != null) {
            node.sceneProperty().removeListener(previous);
        }
        node.sceneProperty().addListener(listener);
    }

    /** Watches the nodes removed from one parent. Refers to the parent weakly. */
    private final class ChildrenListener implements ListChangeListener<Node> {
        private final WeakReference<Parent> parent;

        ChildrenListener(Parent parent) {
            this.parent = new WeakReference<>(parent);
        }

        @Override
        public void onChanged(Change<? extends Node> change) {
            Parent owner = parent.get();
            if (owner != null) {
                try {
                    onChildrenChanged(owner, change); // as safely() does, without a lambda per change
                } catch (Throwable error) {
                    reportError(error);
                }
            }
        }
    }

    /** Watches a scene's old root when another root replaces it. Refers to the scene weakly. */
    private final class RootListener implements ChangeListener<Parent> {
        private final WeakReference<Scene> scene;

        RootListener(Scene scene) {
            this.scene = new WeakReference<>(scene);
        }

        @Override
        public void changed(ObservableValue<? extends Parent> property, Parent oldRoot, Parent newRoot) {
            safely(() -> {
                Scene owner = scene.get();
                if (owner == null || owner.getWindow() == null || !owner.getWindow().isShowing()) {
                    return;
                }
                if (oldRoot != null) {
                    watchDetached(oldRoot, ViewStack.of(FxCrumbs.window(owner.getWindow())).then(FxCrumbs.scene(owner)),
                            FxCrumbs.node(oldRoot), ROOT_REPLACED);
                }
                observeTree(newRoot);
            });
        }
    }

    /** Watches a stage's old scene (with its nodes) when the stage is given another. Refers to the stage weakly. */
    private final class SceneListener implements ChangeListener<Scene> {
        private final WeakReference<Window> stage;

        SceneListener(Window stage) {
            this.stage = new WeakReference<>(stage);
        }

        @Override
        public void changed(ObservableValue<? extends Scene> property, Scene oldScene, Scene newScene) {
            safely(() -> {
                Window owner = stage.get();
                if (owner == null || !owner.isShowing()) {
                    return;
                }
                if (oldScene != null) {
                    ViewStack sceneStack = ViewStack.of(FxCrumbs.window(owner)).then(FxCrumbs.scene(oldScene));
                    long sceneId = sink.watch(oldScene, SCENE_REPLACED, sceneStack, WatchSink.NOT_WATCHED,
                            Verdict.RETAINED);
                    if (sceneId != WatchSink.NOT_WATCHED) {
                        if (oldScene.getRoot() != null) {
                            FxTreeWatch.watchTree(sink, SCENE_REPLACED, oldScene.getRoot(), sceneStack,
                                    FxCrumbs.node(oldScene.getRoot()), sceneId, Verdict.RETAINED);
                        }
                        // A scene set on a stage again within the grace period was swapped back, not dropped.
                        SceneReattachListener reattach = new SceneReattachListener(sceneId);
                        SceneReattachListener previous = detachedScenes.put(oldScene, reattach);
                        if (previous != null) {
                            oldScene.windowProperty().removeListener(previous);
                        }
                        oldScene.windowProperty().addListener(reattach);
                    }
                }
                observeScene(newScene);
            });
        }
    }

    /**
     * Ends a replaced scene's watch when it is set on a stage again (swapped back): a report is retracted
     * as reused when that stage is showing.
     */
    private final class SceneReattachListener implements ChangeListener<Window> {
        private final long watchId;

        SceneReattachListener(long watchId) {
            this.watchId = watchId;
        }

        @Override
        public void changed(ObservableValue<? extends Window> property, Window oldWindow, Window newWindow) {
            if (newWindow == null) {
                return;
            }
            if (newWindow.isShowing()) {
                sink.displayedAgain(watchId);
            } else {
                sink.cancelTree(watchId);
            }
            property.removeListener(this);
        }
    }

    /**
     * Ends a detached node's watch when it joins the scene of a showing window again (moved, or a cached page
     * shown again: a report is retracted as reused). A scene whose window is not showing only cancels a watch
     * still in its grace period (moved, not dropped), and the listener stays for a later display.
     */
    private final class ReattachListener implements ChangeListener<Scene> {
        private final long watchId;

        ReattachListener(long watchId) {
            this.watchId = watchId;
        }

        @Override
        public void changed(ObservableValue<? extends Scene> property, Scene oldScene, Scene newScene) {
            if (newScene == null) {
                return;
            }
            if (newScene.getWindow() != null && newScene.getWindow().isShowing()) {
                sink.displayedAgain(watchId);
                property.removeListener(this);
            } else {
                sink.cancelTree(watchId);
            }
        }
    }
}
