package dev.leakinspector.demo;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javafx.scene.control.TextArea;
import javafx.stage.Stage;

/**
 * Pattern 3: on close the view schedules a "save the draft" task ~4 s later whose lambda uses
 * {@code this}; the view stays reachable until the task has run, then is collectable
 * (LEAK→DEALLOCATED). Use on the JavaFX thread.
 */
final class DelayedCallPattern extends DemoPattern {
    /** How long after the close the task runs; longer than the agent's 2 s grace period on purpose. */
    static final long DELAY_MILLIS = 4_000;

    /** One app-wide scheduler; its thread is a GC root, its queue holds the task, the task holds the view. */
    private static final ScheduledExecutorService SCHEDULER =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("demo-scheduler"));

    /** How many drafts were saved: tests and users can see that the delayed call really ran. */
    static final AtomicInteger DRAFTS_SAVED = new AtomicInteger();

    DelayedCallPattern() {
        super("3", "Delayed call captures this", ExpectedOutcome.LEAK_THEN_DEALLOCATED,
                "On close this view schedules \"save draft\" " + DELAY_MILLIS / 1000 + " s later with a lambda "
                        + "that uses this. Until it runs, the scheduler's queue keeps the view and its window.");
    }

    @Override
    protected void populate(PatternWindow window) {
        new DraftView(window.stage(), window);
    }

    /** The view with a draft to save later; it holds its window. */
    static final class DraftView {
        /** A view keeps its window, as real ones do; so whatever keeps the view keeps the Stage. */
        private final Stage stage;
        private final TextArea draft = new TextArea("Dear customer,\n");
        private volatile String textToSave = "";
        private volatile String windowTitle = "";

        DraftView(Stage stage, PatternWindow window) {
            this.stage = stage;
            draft.setPrefRowCount(4);
            window.form().getChildren().add(draft);
            window.setCloseBehaviour(this::scheduleSave);
        }

        private void scheduleSave() {
            // Read on the FX thread now; the task runs on the scheduler thread and must not touch the UI.
            textToSave = draft.getText();
            windowTitle = stage.getTitle();
            SCHEDULER.schedule(() -> saveDraft(), DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void saveDraft() {
            DRAFTS_SAVED.incrementAndGet();
            System.out.println("demo: \"" + windowTitle + "\" saved its draft (" + textToSave.length()
                    + " characters) " + DELAY_MILLIS + " ms after its close; its window can be collected now");
        }
    }
}
