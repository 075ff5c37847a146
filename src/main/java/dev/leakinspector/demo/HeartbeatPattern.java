package dev.leakinspector.demo;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * Patterns 4 and 4b: a view starts {@code scheduleAtFixedRate(this::beat, …)} on an app-wide
 * executor and never cancels it (4, LEAK) or cancels it on close (4b, NONE). Use on the JavaFX thread.
 */
final class HeartbeatPattern extends DemoPattern {
    static final long PERIOD_MILLIS = 500;

    private static final ScheduledThreadPoolExecutor HEARTBEAT = createHeartbeat();

    private final boolean cancelOnClose;

    HeartbeatPattern(boolean cancelOnClose) {
        super(cancelOnClose ? "4b" : "4",
                cancelOnClose ? "Background task cancelled" : "Background task never ended",
                cancelOnClose ? ExpectedOutcome.NONE : ExpectedOutcome.LEAK,
                cancelOnClose
                        ? "This view starts a periodic heartbeat (this::beat) on an app-wide executor and "
                                + "cancels it when the window closes."
                        : "This view starts a periodic heartbeat (this::beat) on an app-wide executor and never "
                                + "cancels it: executor thread \u2192 queue \u2192 task \u2192 view \u2192 window.");
        this.cancelOnClose = cancelOnClose;
    }

    private static ScheduledThreadPoolExecutor createHeartbeat() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new DaemonThreadFactory("demo-heartbeat"));
        // Without this a cancelled periodic task stays in the queue until its next due time and keeps
        // the view a little longer; 4b should let go the moment it is cancelled.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Override
    protected void populate(PatternWindow window) {
        new HeartbeatView(window.stage(), window, cancelOnClose);
    }

    /** The view with a heartbeat; it holds its window. */
    static final class HeartbeatView {
        /** A view keeps its window, as real ones do; so whatever keeps the view keeps the Stage. */
        private final Stage stage;
        private final Label beats = new Label("Heartbeats: 0");
        private final AtomicLong count = new AtomicLong();
        private final ScheduledFuture<?> heartbeat;

        HeartbeatView(Stage stage, PatternWindow window, boolean cancelOnClose) {
            this.stage = stage;
            window.form().getChildren().add(beats);
            heartbeat = HEARTBEAT.scheduleAtFixedRate(this::beat, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            if (cancelOnClose) {
                window.setCloseBehaviour(() -> heartbeat.cancel(false));
            }
        }

        private void beat() {
            long n = count.incrementAndGet();
            Platform.runLater(() -> {
                if (stage.isShowing()) {
                    beats.setText("Heartbeats: " + n);
                }
            });
        }
    }
}
