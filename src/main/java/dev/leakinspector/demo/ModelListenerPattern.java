package dev.leakinspector.demo;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * Patterns 1 and 1b: a window's controller listens to {@link AppModel#statusProperty()} and never
 * removes the listener; strongly (1, LEAK) or through a {@link WeakChangeListener} (1b, NONE).
 * Use on the JavaFX thread.
 */
final class ModelListenerPattern extends DemoPattern {
    private final boolean weak;

    ModelListenerPattern(boolean weak) {
        super(weak ? "1b" : "1",
                weak ? "Weak listener on a long-lived model" : "Listener on a long-lived model",
                weak ? ExpectedOutcome.NONE : ExpectedOutcome.LEAK,
                weak
                        ? "The controller adds a WeakChangeListener to the app-wide model's status and keeps "
                                + "the real listener itself. Nothing is removed on close, yet nothing leaks."
                        : "The controller adds a listener to the app-wide model's status (a static field) and "
                                + "never removes it. Closing the window leaves model \u2192 listener \u2192 controller \u2192 window.");
        this.weak = weak;
    }

    @Override
    protected void populate(PatternWindow window) {
        new StatusController(window.stage(), window, weak);
    }

    /** The window's controller; it holds its window as controllers do. */
    static final class StatusController {
        /** A view keeps its window, as real ones do; so whatever keeps the view keeps the Stage. */
        private final Stage stage;
        private final Label status = new Label();
        /**
         * With a weak listener someone must keep the real one, or it is collected at once and the
         * label stops updating; the controller is the right owner because it lives as long as its view.
         */
        private ChangeListener<String> statusListener;

        StatusController(Stage stage, PatternWindow window, boolean weak) {
            this.stage = stage;
            status.setText("Model status: " + AppModel.INSTANCE.getStatus());
            // A lambda that uses this (the label field): the listener keeps the controller alive.
            ChangeListener<String> listener = (obs, old, now) -> showStatus(now);
            if (weak) {
                statusListener = listener;
                AppModel.INSTANCE.statusProperty().addListener(new WeakChangeListener<>(statusListener));
            } else {
                AppModel.INSTANCE.statusProperty().addListener(listener);
            }
            Button touch = new Button("Change model status");
            touch.setOnAction(e -> AppModel.INSTANCE.setStatus("Touched by \"" + this.stage.getTitle() + "\" at "
                    + java.time.LocalTime.now().withNano(0)));
            window.form().getChildren().addAll(status, touch);
        }

        private void showStatus(String now) {
            status.setText("Model status: " + now);
        }
    }
}
