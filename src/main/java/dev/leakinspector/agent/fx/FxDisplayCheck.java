package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.DisplayCheck;
import dev.leakinspector.agent.MomentaryHolders;
import dev.leakinspector.agent.WatchedReference;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

import java.util.List;
import java.util.Set;

/**
 * Which watched JavaFX objects are displayed now: a window that is showing, a scene whose window is
 * showing, a node whose scene's window is showing and that is really in that scene's graph (its
 * topmost ancestor is the scene's root). Read on the JavaFX application thread, waited for at most
 * {@link FxMomentaryHolders#FX_WAIT_MILLIS}; a late answer is "none displayed" (see {@link DisplayCheck}).
 * The work per object is its parent chain, no subtree walk.
 */
final class FxDisplayCheck implements DisplayCheck {
    @Override
    public Set<Long> displayedNow(List<WatchedReference> watches) {
        return MomentaryHolders.askUiThread(Platform::runLater,
                () -> DisplayCheck.displayedAmong(watches, FxDisplayCheck::isDisplayed),
                FxMomentaryHolders.FX_WAIT_MILLIS, Set.of());
    }

    /** FX thread. */
    static boolean isDisplayed(Object object) {
        if (object instanceof Window window) {
            return window.isShowing();
        }
        if (object instanceof Scene scene) {
            return isShowing(scene);
        }
        if (object instanceof Node node) {
            Scene scene = node.getScene();
            if (!isShowing(scene)) {
                return false;
            }
            Node top = node;
            while (top.getParent() != null) {
                top = top.getParent();
            }
            // A node of a SubScene tops out at the sub-scene's root, which still reports the outer scene.
            return top == scene.getRoot() || top.getScene() == scene;
        }
        return false;
    }

    private static boolean isShowing(Scene scene) {
        return scene != null && scene.getWindow() != null && scene.getWindow().isShowing();
    }
}
