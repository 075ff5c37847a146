package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.protocol.Verdict;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Watches every JavaFX {@link Stage} that is hidden, with its scene and node tree, and drops the
 * watches again when the same stage is shown within the grace period (a reused dialog); a stage shown
 * again after its report is retracted as reused.
 *
 * <p>Verdict: JavaFX has no dispose: {@code Stage.close()} is {@code hide()}, so a hidden stage that
 * survives is reported as a {@link Verdict#LEAK} (the closed windows of LEAK-PATTERNS.md); one the
 * program keeps to show again is retracted when it is shown.
 *
 * <p>Popup windows (menus, tooltips) are not watched: their owners keep them for reuse by design.
 *
 * <p>Loaded by a {@code ToolkitClassLoader} against the target's own JavaFX classes. Threading: the
 * listener runs on the JavaFX application thread, the only thread that may read JavaFX objects; it
 * does bounded work (one walk of the hidden window's tree) and never throws.
 */
public final class FxWindowTrigger extends FxThreadTrigger {
    static final String TRIGGER = "window hidden";

    /** Hidden stages, to their watch id, until shown again. FX thread only; weak keys. */
    private final Map<Window, Long> hiddenStages = new WeakHashMap<>();
    private final ListChangeListener<Window> listener = this::onWindowsChanged;

    public FxWindowTrigger(WatchSink sink) {
        super(sink, "JavaFX window trigger");
    }

    @Override
    protected void addListeners() {
        Window.getWindows().addListener(listener);
    }

    @Override
    protected void removeListeners() {
        Window.getWindows().removeListener(listener);
        hiddenStages.clear();
    }

    private void onWindowsChanged(ListChangeListener.Change<? extends Window> change) {
        safely(() -> {
            while (change.next()) {
                for (Window removed : change.getRemoved()) {
                    if (removed instanceof Stage) {
                        watchHiddenStage(removed);
                    }
                }
                for (Window added : change.getAddedSubList()) {
                    Long watchId = hiddenStages.remove(added);
                    if (watchId != null) {
                        sink.displayedAgain(watchId);
                    }
                }
            }
        });
    }

    private void watchHiddenStage(Window stage) {
        ViewStack windowStack = ViewStack.of(FxCrumbs.window(stage));
        Scene scene = stage.getScene();
        ViewStack sceneStack = windowStack.then(FxCrumbs.scene(scene));
        Parent root = scene == null ? null : scene.getRoot();
        String rootCrumb = root == null ? null : FxCrumbs.node(root);
        ViewStack rootStack = root == null ? sceneStack : sceneStack.then(rootCrumb);
        // A window's report shows the window, its scene and its content root: where the user saw it.
        long stageId = sink.watch(stage, TRIGGER, scene == null ? windowStack : rootStack, WatchSink.NOT_WATCHED,
                Verdict.LEAK);
        if (stageId == WatchSink.NOT_WATCHED) {
            return;
        }
        hiddenStages.put(stage, stageId);
        if (scene == null) {
            return;
        }
        long sceneId = sink.watch(scene, TRIGGER, sceneStack, stageId, Verdict.LEAK);
        if (sceneId != WatchSink.NOT_WATCHED && root != null) {
            FxTreeWatch.watchTree(sink, TRIGGER, root, sceneStack, rootCrumb, sceneId, Verdict.LEAK);
        }
    }
}
