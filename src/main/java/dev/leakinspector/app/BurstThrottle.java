package dev.leakinspector.app;

import javafx.application.Platform;

/**
 * Runs an expensive refresh once a burst of drains is over, and at most every {@code intervalMillis} while it
 * lasts. A refresh asked for when the FX thread has nothing else queued runs at once (a quiet session is shown
 * as promptly as before); one asked for while more drains are queued is put behind them. Used for the timeline,
 * whose redraw walks every row: once per drain it took most of each drain at 260,000 rows.
 *
 * <p>Threading: FX thread only. Ownership: one per refreshed view, dropped with it.
 */
final class BurstThrottle {
    private final Runnable refresh;
    private final long intervalNanos;
    private boolean dirty;
    private boolean queued;
    /** Asks so far, and how many there were when the queued check was posted: more means a burst is under way. */
    private long asks;
    private long asksWhenQueued;
    private long lastRefreshNanos;

    BurstThrottle(Runnable refresh, long intervalMillis) {
        this.refresh = refresh;
        this.intervalNanos = intervalMillis * 1_000_000;
        this.lastRefreshNanos = System.nanoTime() - intervalNanos;
    }

    /** Something changed: refresh after whatever the FX thread has queued now. */
    void ask() {
        dirty = true;
        asks++;
        if (!queued) {
            post();
        }
    }

    /** Forget a pending refresh (the view is going away). */
    void cancel() {
        dirty = false;
    }

    private void post() {
        queued = true;
        asksWhenQueued = asks;
        Platform.runLater(this::refreshIfDue);
    }

    private void refreshIfDue() {
        queued = false;
        if (!dirty) {
            return;
        }
        boolean burst = asks != asksWhenQueued;
        long now = System.nanoTime();
        if (burst && now - lastRefreshNanos < intervalNanos) {
            post(); // behind the next drain; the burst ends when a check finds no ask since it was posted
            return;
        }
        dirty = false;
        lastRefreshNanos = now;
        refresh.run();
    }
}
