package dev.leakinspector.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.animation.PauseTransition;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Pattern 14: a heap dump taken mid-event. The window's inspector view registers an inspector session
 * in a static list and never unregisters it, so closing the window leaks it (LEAK: static list →
 * session → view → window). {@value #BUSY_AFTER_MILLIS} ms after the close, an event handler on the
 * JavaFX thread takes the latest session into a local variable and stays inside the handler for
 * {@value #BUSY_FOR_MILLIS} ms: a heap dump taken then sees a second, shorter path from that frame's
 * local, which is transient; the explanation must start at the static field. The handler's start and
 * end are told as the steps {@code busy} and {@code idle}. Use on the JavaFX thread.
 *
 * <p>Blocking the JavaFX thread is the point of this pattern (a long handler, as a slow paint is in
 * Swing), so the demo freezes meanwhile; the script waits for the handler before the next pattern.
 */
final class MidEventDumpPattern extends DemoPattern {
    /** After the report (grace 2 s + up to 3 s), so the report is out before the UI thread is busy. */
    static final long BUSY_AFTER_MILLIS = 6_000;
    /** Long enough to request and write a heap dump of the demo meanwhile. */
    static final long BUSY_FOR_MILLIS = 8_000;

    MidEventDumpPattern() {
        super("14", "Dump taken mid-event", ExpectedOutcome.LEAK,
                "The inspector view registers a session in a static list and never unregisters it, so the "
                        + "window leaks. " + BUSY_AFTER_MILLIS / 1000 + " s after the close, an event handler holds "
                        + "the session in a local variable for " + BUSY_FOR_MILLIS / 1000 + " s (the demo freezes): "
                        + "ask Retain Cycle then. The path to explain starts at the static list, not at that local.");
    }

    @Override
    protected void populate(PatternWindow window) {
        InspectorView view = new InspectorView(window.stage());
        window.form().getChildren().add(view.label);
        Inspectors.register(new InspectorSession(view));
        Consumer<String> steps = window.stepReporter();
        window.setCloseBehaviour(() -> {
            // The pause refers to the step reporter only, not to the window, so it adds no path of its own.
            PauseTransition later = new PauseTransition(Duration.millis(BUSY_AFTER_MILLIS));
            later.setOnFinished(e -> handleLongEvent(steps));
            later.play();
        });
    }

    @Override
    protected Duration scriptLingerAfterClose() {
        return Duration.millis(BUSY_AFTER_MILLIS + BUSY_FOR_MILLIS + 500);
    }

    /**
     * An event handler that takes long, on the JavaFX thread, with the latest session in a local variable
     * that is used after the wait (so the JVM keeps it live in the frame, and a heap dump records it as a
     * root).
     */
    private static void handleLongEvent(Consumer<String> steps) {
        InspectorSession session = Inspectors.latest();
        steps.accept("busy");
        try {
            Thread.sleep(BUSY_FOR_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.touch();
        steps.accept("idle");
    }

    /** The app-wide list of open inspector sessions; nothing removes one: the leak. */
    static final class Inspectors {
        private static final List<InspectorSession> ACTIVE = new ArrayList<>();

        private Inspectors() {
        }

        static void register(InspectorSession session) {
            ACTIVE.add(session);
        }

        static InspectorSession latest() {
            return ACTIVE.get(ACTIVE.size() - 1);
        }
    }

    /** The holder of the view: what the static list and the handler's local refer to. */
    static final class InspectorSession {
        private final InspectorView view;
        private long touches;

        InspectorSession(InspectorView view) {
            this.view = view;
        }

        void touch() {
            touches++;
        }

        @Override
        public String toString() {
            return "InspectorSession of " + view + " (" + touches + " touches)";
        }
    }

    /** The view; it keeps its window, as real views do. */
    static final class InspectorView {
        private final Stage stage;
        private final Label label = new Label("Inspecting: the demo's heap");

        InspectorView(Stage stage) {
            this.stage = stage;
        }

        @Override
        public String toString() {
            return "InspectorView of \"" + stage.getTitle() + "\"";
        }
    }
}
