package dev.leakinspector.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The window of one opened pattern: a {@link Stage} whose root is a {@link BorderPane} with a header,
 * a {@code VBox#form} for the pattern's content and a "Close" button. Use on the JavaFX thread.
 *
 * <p>"Close" and the window's own close button both go through {@link #requestClose()}, so a pattern
 * behaves the same whichever the user picks, and the demo script can close it the same way.
 *
 * <p>A pattern that needs more than a close (pages swapped twice, a dialog opened three times) adds
 * {@linkplain #addStep steps}: each is a button in the bottom bar for the user, and the demo script
 * clicks them in order, each after its pause, before it closes the window. Every step run is told to
 * the listener with its time, which is when its trigger fires.
 */
public final class PatternWindow {
    private final DemoPattern pattern;
    private final PatternListener listener;
    private final Stage stage = new Stage();
    private final VBox form = new VBox(10);
    private Runnable closeBehaviour = () -> { };
    private Runnable closeRequestHandler;
    private boolean hiddenForReuse;
    private final List<Step> steps = new ArrayList<>();
    private final HBox stepButtons = new HBox(8);
    private Duration scriptCloseAfter = DemoScript.SHOW_FOR;

    /**
     * One thing a user does in the pattern's window before closing it, as the script acts it out.
     *
     * @param name        reported to the listener, e.g. {@code swap-1}: no spaces, unique in the pattern
     * @param pauseBefore how long the script waits before it (after the window shows, or after the step before)
     */
    record Step(String name, Duration pauseBefore, Runnable action) {
        Step {
            Objects.requireNonNull(action);
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a step name has no spaces: \"" + name + "\"");
            }
        }
    }

    PatternWindow(DemoPattern pattern, PatternListener listener) {
        this.pattern = pattern;
        this.listener = listener;
        this.closeRequestHandler = stage::close;

        Label header = new Label(pattern.title());
        header.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        Label outcome = new Label("Expected: " + pattern.expected().label());
        outcome.setStyle("-fx-text-fill: #555;");
        VBox top = new VBox(4, header, outcome);
        top.setPadding(new Insets(14, 16, 8, 16));

        Label explanation = new Label(pattern.explanation());
        explanation.setWrapText(true);
        form.setId("form");
        form.getChildren().add(explanation);
        form.setPadding(new Insets(8, 16, 8, 16));

        Button close = new Button("Close");
        close.setDefaultButton(true);
        close.setOnAction(e -> requestClose());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        stepButtons.setAlignment(Pos.CENTER_LEFT);
        HBox bottom = new HBox(8, stepButtons, gap, close);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        bottom.setPadding(new Insets(8, 16, 14, 16));

        BorderPane root = new BorderPane(form, top, null, bottom, null);
        stage.setTitle(pattern.title());
        stage.setScene(new Scene(root, 460, 300));
        stage.setOnCloseRequest(e -> {
            // The window's X must act like "Close" (pattern 7 turns it into hide-and-show-again).
            e.consume();
            requestClose();
        });
        stage.setOnHidden(e -> onHidden());
    }

    public DemoPattern pattern() {
        return pattern;
    }

    public Stage stage() {
        return stage;
    }

    /** The {@code VBox#form} in the centre of the root, where a pattern puts its content. */
    public VBox form() {
        return form;
    }

    /** Sets what happens when the window is closed for good: the pattern's close behaviour. */
    public void setCloseBehaviour(Runnable closeBehaviour) {
        this.closeBehaviour = closeBehaviour;
    }

    /** Replaces what a close request does; by default the window closes. */
    void setCloseRequestHandler(Runnable closeRequestHandler) {
        this.closeRequestHandler = closeRequestHandler;
    }

    /**
     * Adds a step: a button labelled {@code buttonText} in the bottom bar, and a click the script makes
     * {@code pauseBefore} after the window shows (first step) or after the step before.
     */
    public void addStep(String name, String buttonText, Duration pauseBefore, Runnable action) {
        Step step = new Step(name, pauseBefore, action);
        steps.add(step);
        Button button = new Button(buttonText);
        button.setOnAction(e -> runStep(step));
        stepButtons.getChildren().add(button);
    }

    /** The steps in the order the script runs them. */
    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** How long the script leaves the window up after its last step (or after it shows) before closing it. */
    Duration scriptCloseAfter() {
        return scriptCloseAfter;
    }

    /** Sets {@link #scriptCloseAfter()}: for a pattern whose last step has effects to wait for while it shows. */
    public void setScriptCloseAfter(Duration closeAfter) {
        this.scriptCloseAfter = Objects.requireNonNull(closeAfter);
    }

    /** Tells the listener, then runs the step; nothing once the window is closed. */
    void runStep(Step step) {
        checkFxThread();
        if (!stage.isShowing()) {
            return;
        }
        listener.step(pattern.id(), step.name(), System.currentTimeMillis());
        step.action().run();
    }

    /**
     * Tells the listener of moments inside the pattern that are not clicks (e.g. a handler starting), also
     * after the window closed. The reporter refers to the listener and the pattern id only, never to this
     * window, so code that outlives the window can hold it without keeping the window.
     */
    public java.util.function.Consumer<String> stepReporter() {
        String patternId = pattern.id();
        PatternListener told = listener;
        return name -> told.step(patternId, name, System.currentTimeMillis());
    }

    /** Closes the window the way the pattern does, as if the user pressed "Close". */
    public void requestClose() {
        checkFxThread();
        closeRequestHandler.run();
    }

    /** Hides the window without closing it for good (it will be shown again). */
    void hideForReuse() {
        hiddenForReuse = true;
        stage.hide();
    }

    /** Shows a window hidden by {@link #hideForReuse()} again and tells the listener. */
    void showAgain() {
        hiddenForReuse = false;
        stage.show();
        listener.reshown(pattern.id(), System.currentTimeMillis());
    }

    private void onHidden() {
        if (hiddenForReuse) {
            return;
        }
        long closedAt = System.currentTimeMillis();
        closeBehaviour.run();
        listener.closed(pattern.id(), closedAt);
    }

    private static void checkFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("must be called on the JavaFX application thread");
        }
    }
}
