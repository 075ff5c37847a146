package dev.leakinspector.app;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns a session feed's "please drain" into at most one pending {@code Platform.runLater} at a time, and holds
 * a drain asked for before the window that drains exists (the agent may report while we are still attaching).
 * A drain does what fits in {@link #DRAIN_BUDGET_NANOS} and asks again for the rest, so a burst of any size is
 * spread over pulses in order and the FX thread renders between them.
 *
 * <p>Drains between two pulses take {@link #DRAIN_BUDGET_NANOS} in all: once they have, the next drain waits
 * for the next pulse. Without this, the drain asked for by the one before it ran at once whenever the pulse was
 * not queued yet, and two or three full drains (and the list update after each) ran back to back between two
 * pulses. Small drains (single reports into a quiet session) still run at once.
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
    /** How long drains ran since the last pulse; from {@link #DRAIN_BUDGET_NANOS} on, drains wait for the next. */
    private long drainNanosSincePulse;
    /** A drain was put off to the next pulse. */
    private boolean deferred;
    /** Runs at the next pulse (and keeps one coming) while started; created on the FX thread when first needed. */
    private AnimationTimer nextPulse;

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
        } else if (drainNanosSincePulse >= DRAIN_BUDGET_NANOS) {
            deferred = true;
        } else {
            nextPulse().start();
            long start = System.nanoTime();
            drain.run();
            drainNanosSincePulse += System.nanoTime() - start;
        }
    }

    /**
     * At the next pulse: drains may run again, and one put off runs after that pulse (a runLater posted during a
     * pulse runs once the pulse is done, layout and rendering included).
     */
    private AnimationTimer nextPulse() {
        if (nextPulse == null) {
            nextPulse = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    stop();
                    drainNanosSincePulse = 0;
                    if (deferred && !closed) {
                        deferred = false;
                        if (queued.compareAndSet(false, true)) { // else a fire is already on its way
                            Platform.runLater(PulseBatcher.this::fire);
                        }
                    }
                }
            };
        }
        return nextPulse;
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
        if (nextPulse != null) {
            nextPulse.stop(); // a running AnimationTimer is held by the toolkit
        }
    }
}
