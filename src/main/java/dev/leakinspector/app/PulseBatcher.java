package dev.leakinspector.app;

import javafx.application.Platform;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a session feed's "please drain" into at most one pending {@code Platform.runLater} at a time, and holds
 * a drain asked for before the window that drains exists (the agent may report while we are still attaching).
 * A drain does what fits in {@link #DRAIN_BUDGET_NANOS} and asks again for the rest, so a burst of any size is
 * spread over pulses in order and the FX thread renders between them.
 *
 * <p>Threading: the {@link #scheduler()} runs on any thread; everything else on the JavaFX thread.
 */
final class PulseBatcher {
    /**
     * How long one drain may apply events, so that a pulse (16 ms at 60 Hz) still has time to lay out and
     * render: the rest waits for the next drain, queued behind the pulse.
     */
    static final long DRAIN_BUDGET_NANOS = 6_000_000;

    /** Set from the first ask until the drain it queued starts: later asks ride on that one runLater. */
    private final AtomicBoolean queued = new AtomicBoolean();
    private Runnable drain;
    private boolean pending;
    private boolean closed;

    /** What the feed calls, on the reader thread or the FX thread; asks made before a drain starts share it. */
    Runnable scheduler() {
        return () -> {
            if (queued.compareAndSet(false, true)) {
                Platform.runLater(this::fire);
            }
        };
    }

    private void fire() {
        // Cleared before draining: an ask made while we drain (more events waiting) queues the next drain.
        queued.set(false);
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

    /** Whether a drain started at {@code startNanos} ({@link System#nanoTime()}) still has time. */
    static boolean withinBudget(long startNanos) {
        return System.nanoTime() - startNanos < DRAIN_BUDGET_NANOS;
    }

    /** The window is gone: let go of it, so a reader thread still running cannot keep it alive. */
    void close() {
        closed = true;
        drain = null;
    }
}
