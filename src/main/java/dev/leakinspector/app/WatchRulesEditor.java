package dev.leakinspector.app;

import dev.leakinspector.protocol.WatchRule;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.session.RecordedSession;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The "Watch rules" editor: lists the session's rules ({@code com.acme.Session#close:this}: when that method
 * returns, watch that object) and turns the user's additions and removals into a new list sent to the agent,
 * like the ignore list. A rule is checked here with the agent's own grammar before it is sent, so a typo is
 * explained at once and stays in the field to be corrected; the agent then answers each rule it cannot
 * install (no such class loaded yet is not a problem: it applies when the class loads) with an error shown
 * under the list. Edits are allowed only while the session is live. Owns and wires the list, the field,
 * their buttons and the message; one per session window, dropped with it. FX thread only.
 */
final class WatchRulesEditor {
    static final String AGENT_CONTEXT = "rules";

    private final ListView<String> ruleList;
    private final TextField ruleField;
    private final Button addRuleButton;
    private final Label ruleMessage;
    private final Tab rulesTab;
    private final ObservableList<String> ruleItems = FXCollections.observableArrayList();
    private final RecordedSession session;
    private final Executor background;

    /**
     * @param rulesTab   the tab holding the editor, whose title counts the rules (so a session's rules show)
     * @param background where the new rules are sent from
     */
    WatchRulesEditor(ListView<String> ruleList, TextField ruleField, Button addRuleButton, Button removeRuleButton,
                     Label ruleMessage, Tab rulesTab, RecordedSession session, Executor background) {
        this.ruleList = ruleList;
        this.rulesTab = rulesTab;
        this.ruleField = ruleField;
        this.addRuleButton = addRuleButton;
        this.ruleMessage = ruleMessage;
        this.session = session;
        this.background = background;
        ruleList.setItems(ruleItems);
        ruleList.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE || event.getCode() == KeyCode.BACK_SPACE) {
                removeSelected();
            }
        });
        removeRuleButton.disableProperty().bind(ruleList.getSelectionModel().selectedItemProperty().isNull()
                .or(addRuleButton.disabledProperty()));
        ruleField.setOnAction(event -> addTyped());
        addRuleButton.setOnAction(event -> addTyped());
        removeRuleButton.setOnAction(event -> removeSelected());
        ruleField.textProperty().addListener((obs, old, text) -> ruleField.getStyleClass().remove("invalid"));
    }

    /** Shows the session's rules. */
    void show() {
        ruleItems.setAll(session.watchRules());
        rulesTab.setText(ruleItems.isEmpty() ? "Watch rules" : "Watch rules (" + ruleItems.size() + ")");
    }

    /** Allows adding and removing only while {@code live}. */
    void setEditable(boolean live) {
        ruleField.setDisable(!live);
        addRuleButton.setDisable(!live);
    }

    /** Shows what the agent said about the rules among {@code errors} (the others are not this editor's). */
    void showAgentErrors(List<AgentError> errors) {
        List<String> problems = errors.stream().filter(error -> error.context().equals(AGENT_CONTEXT))
                .map(AgentError::message).toList();
        if (!problems.isEmpty()) {
            say("The agent: " + String.join("; ", problems), true);
        }
    }

    /** Checks the rule typed into the field and adds it; a bad rule stays in the field with the reason. */
    void addTyped() {
        String text = ruleField.getText() == null ? "" : ruleField.getText().strip();
        if (text.isEmpty()) {
            return;
        }
        WatchRule rule;
        try {
            rule = WatchRule.parse(text);
        } catch (IllegalArgumentException e) {
            if (!ruleField.getStyleClass().contains("invalid")) {
                ruleField.getStyleClass().add("invalid");
            }
            say(e.getMessage(), true);
            return;
        }
        ruleField.clear();
        List<String> rules = new ArrayList<>(session.watchRules());
        if (rules.contains(rule.spec())) {
            say("Already watched: " + rule.spec(), false);
            return;
        }
        rules.add(rule.spec());
        change(rules, "Sent to the agent: when " + rule.className() + "#" + rule.methodName() + " returns, "
                + describeTarget(rule) + " is watched.");
    }

    private void removeSelected() {
        String selected = ruleList.getSelectionModel().getSelectedItem();
        if (selected != null && session.isEditable()) {
            List<String> rules = new ArrayList<>(session.watchRules());
            rules.remove(selected);
            change(rules, "Removed: " + selected + " (objects it already watches stay watched).");
        }
    }

    private void change(List<String> rules, String sent) {
        if (!session.isEditable()) {
            show();
            return;
        }
        say(sent, false);
        session.setWatchRules(rules, background, failure -> Platform.runLater(() ->
                say("Could not send the rules to the agent: " + failure.getMessage(), true)));
        show();
    }

    private void say(String message, boolean problem) {
        ruleMessage.setText(message);
        ruleMessage.getStyleClass().removeAll("rule-problem");
        if (problem) {
            ruleMessage.getStyleClass().add("rule-problem");
        }
    }

    private static String describeTarget(WatchRule rule) {
        return switch (rule.target()) {
            case THIS -> "the object it was called on";
            case RETURN -> "the value it returned";
            case ARGUMENT -> "its argument " + rule.argumentIndex();
        };
    }
}
