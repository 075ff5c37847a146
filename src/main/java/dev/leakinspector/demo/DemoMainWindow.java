package dev.leakinspector.demo;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The demo's main window: what the demo is, its PID, whether an agent is attached, and one button
 * per pattern that opens the pattern's window. Use on the JavaFX thread.
 */
final class DemoMainWindow {
    static final String TITLE = "Leak Inspector demo";

    private final Stage stage = new Stage();
    private final Label agentState = new Label("Agent: not attached yet");

    /**
     * @param listener told when pattern windows opened from here are closed or re-shown
     * @param onClose  runs when the user closes this window
     */
    DemoMainWindow(long pid, PatternListener listener, Runnable onClose) {
        Label header = new Label(TITLE);
        header.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        Label explanation = new Label("A small JavaFX program that leaks on purpose. Attach Leak Inspector "
                + "to this process, then open a pattern, click its step buttons (if it has any) from left to right, "
                + "and close its window: the tool should report exactly what the button says.");
        explanation.setWrapText(true);
        Label pidLabel = new Label("PID " + pid);
        pidLabel.setStyle("-fx-font-family: monospace; -fx-font-weight: bold;");
        agentState.setStyle("-fx-text-fill: #666;");
        HBox facts = new HBox(24, pidLabel, agentState);
        VBox top = new VBox(8, header, explanation, facts, new Separator());
        top.setPadding(new Insets(16, 20, 8, 20));

        VBox buttons = new VBox(6);
        buttons.setPadding(new Insets(4, 20, 16, 20));
        for (DemoPattern pattern : DemoPatterns.all()) {
            buttons.getChildren().add(patternButton(pattern, listener));
        }
        ScrollPane scroll = new ScrollPane(buttons);
        scroll.setFitToWidth(true);
        scroll.setStyle("-fx-background-color: transparent;");

        stage.setTitle(TITLE);
        stage.setScene(new Scene(new BorderPane(scroll, top, null, null, null), 560, 520));
        stage.setOnHidden(e -> onClose.run());
    }

    private static Button patternButton(DemoPattern pattern, PatternListener listener) {
        Label title = new Label(pattern.title());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label outcome = new Label(pattern.expected().label());
        outcome.setStyle("-fx-font-weight: bold; -fx-text-fill: " + outcomeColour(pattern.expected()) + ";");
        HBox content = new HBox(12, title, gap, outcome);
        content.setAlignment(Pos.CENTER_LEFT);
        Button button = new Button(pattern.title() + "  \u2014  " + pattern.expected().label());
        button.setGraphic(content);
        // The text is for accessibility and tests; the graphic lays it out in two columns.
        button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setOnAction(e -> pattern.open(listener));
        content.prefWidthProperty().bind(button.widthProperty().subtract(24));
        return button;
    }

    /** Leak red, retained amber (as the app shows the tiers), nothing reported green. */
    private static String outcomeColour(ExpectedOutcome outcome) {
        switch (outcome.tier()) {
            case LEAK:
                return "#b3261e";
            case RETAINED:
                return "#a05a00";
            default:
                return "#2e7d32";
        }
    }

    Stage stage() {
        return stage;
    }

    void agentAttached() {
        agentState.setText("Agent: attached, watching");
        agentState.setStyle("-fx-text-fill: #2e7d32;");
    }

    void show() {
        stage.show();
    }
}
