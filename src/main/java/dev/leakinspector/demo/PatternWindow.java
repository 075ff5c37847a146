package dev.leakinspector.demo;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The window of one opened pattern: a {@link Stage} whose root is a {@link BorderPane} with a header,
 * a {@code VBox#form} for the pattern's content and a "Close" button. Use on the JavaFX thread.
 *
 * <p>"Close" and the window's own close button both go through {@link #requestClose()}, so a pattern
 * behaves the same whichever the user picks, and the demo script can close it the same way.
 */
public final class PatternWindow {
    private final DemoPattern pattern;
    private final PatternListener listener;
    private final Stage stage = new Stage();
    private final VBox form = new VBox(10);
    private Runnable closeBehaviour = () -> { };
    private Runnable closeRequestHandler;
    private boolean hiddenForReuse;

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
        HBox bottom = new HBox(close);
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
