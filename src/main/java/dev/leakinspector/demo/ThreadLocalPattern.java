package dev.leakinspector.demo;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * Pattern 10 (LEAK): a view hands work to an app-wide thread pool; the task puts the view into a
 * thread-local "current view" on the pooled thread and never removes it. The pooled thread lives
 * on, so after the window closes: thread → threadLocals map → entry value → view → window.
 * Use on the JavaFX thread.
 */
final class ThreadLocalPattern extends DemoPattern {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(1, new DaemonThreadFactory("demo-pool"));
    private static final ThreadLocal<Object> CURRENT_VIEW = new ThreadLocal<>();

    ThreadLocalPattern() {
        super("10", "Thread-local on a pooled thread", ExpectedOutcome.LEAK,
                "The view's background work stores the view in a thread-local of a pooled thread and never "
                        + "removes it: pooled thread \u2192 threadLocals \u2192 entry value \u2192 view \u2192 window.");
    }

    @Override
    protected void populate(PatternWindow window) {
        new ReportView(window.stage(), window);
    }

    /** The view whose background work forgets to clear its thread-local. */
    static final class ReportView {
        /** A view keeps its window, as real ones do; so whatever keeps the view keeps the Stage. */
        private final Stage stage;
        private final Label progress = new Label("Preparing the report in the background\u2026");

        ReportView(Stage stage, PatternWindow window) {
            this.stage = stage;
            window.form().getChildren().add(progress);
            POOL.execute(this::prepareReport);
        }

        private void prepareReport() {
            CURRENT_VIEW.set(this); // never removed: the pooled thread keeps this view
            Platform.runLater(() -> progress.setText("Report for \"" + stage.getTitle() + "\" ready."));
        }
    }
}
