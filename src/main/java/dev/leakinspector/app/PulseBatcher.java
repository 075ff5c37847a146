package dev.leakinspector.app;

import javafx.application.Platform;

/**
 * Turns a session feed's "please drain" into one {@code Platform.runLater} per batch, and holds a drain
 * asked for before the window that drains exists (the agent may report while we are still attaching).
 *
 * <p>Threading: the {@link #scheduler()} runs on any thread; everything else on the JavaFX thread.
 */
final class PulseBatcher {
    private Runnable drain;
    private boolean pending;
    private boolean closed;

    /** What the feed calls, on the reader thread; one call means one runLater. */
    Runnable scheduler() {
        return () -> Platform.runLater(this::fire);
    }

    private void fire() {
        if (closed) {
            return;
        }
        if (drain == null) {
            pending = true;
        } else {
            drain.run();
        }
    }

    /** From now on, drains run {@code action}; one asked for earlier runs now. */
    void drainWith(Runnable action) {
        drain = action;
        if (pending) {
            pending = false;
            action.run();
        }
    }

    /** The window is gone: let go of it, so a reader thread still running cannot keep it alive. */
    void close() {
        closed = true;
        drain = null;
    }
}
