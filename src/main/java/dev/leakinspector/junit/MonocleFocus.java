package dev.leakinspector.junit;

import dev.leakinspector.agent.MomentaryHolders;
import dev.leakinspector.agent.WatchedReference;
import javafx.application.Platform;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * Monocle, the headless JavaFX platform TestFX tests run on, keeps the last focused window in
 * {@code MonocleWindowManager.focusedWindow} after it is hidden, until another window takes the focus; a desktop
 * moves the focus by itself when a window closes. Just before the watcher's GC decides about hidden windows, this
 * lets go of a focused window that is no longer visible, as a desktop would, so that a dialog closed cleanly is
 * collected instead of reported (which would cost the test a heap dump). It never defers a report.
 *
 * <p>Monocle's classes are read by reflection (it is on the class path in TestFX set-ups); on any other platform, or
 * when they cannot be read, it does nothing. Threading: called on the watcher thread; Monocle is read and changed on
 * the JavaFX application thread, waited for at most {@link #FX_WAIT_MILLIS}.
 */
final class MonocleFocus implements MomentaryHolders {
    static final long FX_WAIT_MILLIS = 500;
    private static final String WINDOW_MANAGER = "com.sun.glass.ui.monocle.MonocleWindowManager";

    private final Method instance;
    private final Field focusedWindow;
    private final Method isVisible;

    private MonocleFocus(Method instance, Field focusedWindow, Method isVisible) {
        this.instance = instance;
        this.focusedWindow = focusedWindow;
        this.isVisible = isVisible;
    }

    /** The focus releaser when JavaFX runs on Monocle and its window manager can be read, else null. */
    static MonocleFocus ifMonocle() {
        if (!"Monocle".equalsIgnoreCase(System.getProperty("glass.platform", ""))) {
            return null;
        }
        try {
            Class<?> manager = Class.forName(WINDOW_MANAGER, false, Platform.class.getClassLoader());
            Method instance = manager.getDeclaredMethod("getInstance");
            instance.setAccessible(true);
            Field focused = manager.getDeclaredField("focusedWindow");
            focused.setAccessible(true);
            Method isVisible = Class.forName("com.sun.glass.ui.Window", false, manager.getClassLoader()).getMethod("isVisible");
            return new MonocleFocus(instance, focused, isVisible);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notReadable) {
            return null; // another Monocle, or its package is not open to us: a hidden focused window stays held
        }
    }

    @Override
    public Set<Long> heldForAMoment(List<WatchedReference> survivors) {
        return Set.of();
    }

    @Override
    public void releaseSoftCaches(List<WatchedReference> due) {
        MomentaryHolders.askUiThread(Platform::runLater, () -> {
            releaseHiddenFocusedWindow();
            return null;
        }, FX_WAIT_MILLIS, null);
    }

    /** FX thread. */
    private void releaseHiddenFocusedWindow() {
        try {
            Object manager = instance.invoke(null);
            Object window = manager == null ? null : focusedWindow.get(manager);
            if (window != null && !(Boolean) isVisible.invoke(window)) {
                focusedWindow.set(manager, null);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError otherMonocle) {
            // Nothing released: a dialog it holds is reported, and its trace shows Monocle's hold.
        }
    }
}
