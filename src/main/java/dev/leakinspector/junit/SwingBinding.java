package dev.leakinspector.junit;

import dev.leakinspector.agent.Trigger;
import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.agent.swing.SwingTrigger;

import java.awt.AWTEvent;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.event.AWTEventListener;
import java.lang.reflect.InvocationTargetException;

/**
 * The agent's Swing trigger, in this JVM. The trigger itself starts only once the program has an AWT window (it
 * must not start AWT in a program that merely loaded a class of it); a test that opens its first window during the
 * test gets a {@link FirstWindow} listener instead, which installs the trigger when that window opens.
 *
 * <p>Threading: called on the test's thread; window events arrive on the event dispatch thread.
 */
final class SwingBinding {
    private SwingBinding() {
    }

    /**
     * Installs the trigger when the program has a window.
     *
     * @param mayStartAwt whether to start AWT for a program with no window yet, to catch its first one
     * @return the trigger (or the listener waiting for the first window), or null: headless (no window can exist)
     *     or no window and {@code mayStartAwt} false
     */
    static Trigger install(WatchSink sink, boolean mayStartAwt) {
        if (GraphicsEnvironment.isHeadless()) {
            return null;
        }
        SwingTrigger trigger = new SwingTrigger(sink);
        try {
            trigger.install(() -> { });
            return trigger;
        } catch (IllegalStateException noWindowYet) {
            trigger.close();
        }
        return mayStartAwt ? new FirstWindow(sink) : null;
    }

    /** Waits until the event dispatch thread has dispatched what was queued before (a dispose's WINDOW_CLOSED). */
    static void drain() throws InterruptedException {
        if (GraphicsEnvironment.isHeadless() || EventQueue.isDispatchThread()) {
            return;
        }
        try {
            // Twice: an event posted by what the first task ran (a dispose's WINDOW_CLOSED) is dispatched before the second.
            EventQueue.invokeAndWait(() -> { });
            EventQueue.invokeAndWait(() -> { });
        } catch (InvocationTargetException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /**
     * Waits for the program's first window to open, then installs the trigger (from then on everything closed or
     * removed is watched). Its listener is removed as soon as it has done so, or on {@link #close()}.
     */
    private static final class FirstWindow implements Trigger {
        private final WatchSink sink;
        private final Toolkit awt = Toolkit.getDefaultToolkit();
        private final AWTEventListener listener = this::eventDispatched;
        private SwingTrigger trigger;
        private boolean closed;

        FirstWindow(WatchSink sink) {
            this.sink = sink;
            awt.addAWTEventListener(listener, AWTEvent.WINDOW_EVENT_MASK);
        }

        @Override
        public void install(Runnable onInstalled) {
            onInstalled.run(); // in place since construction
        }

        /** EDT. */
        private void eventDispatched(AWTEvent event) {
            synchronized (this) {
                if (closed || trigger != null) {
                    return;
                }
                trigger = new SwingTrigger(sink);
                try {
                    trigger.install(() -> { });
                } catch (RuntimeException | LinkageError e) {
                    sink.reportError("installing the Swing trigger", e);
                }
            }
            awt.removeAWTEventListener(listener);
        }

        @Override
        public void close() {
            SwingTrigger installed;
            synchronized (this) {
                closed = true;
                installed = trigger;
            }
            awt.removeAWTEventListener(listener);
            if (installed != null) {
                installed.close();
            }
        }
    }
}
