package dev.leakinspector.app;

import dev.leakinspector.session.RecordedSession;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldListCell;
import javafx.scene.input.KeyCode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The "Ignored classes" editor: lists the model's ignore globs and turns the user's edits (add, edit in
 * place, remove) into a new list sent to the agent. Edits are allowed only while the session is live.
 * Owns and wires the list, the field and their buttons; one per session window, dropped with it.
 * FX thread only.
 */
final class IgnoreListEditor {
    private final ListView<String> ignoreList;
    private final TextField ignoreField;
    private final Button addIgnoreButton;
    private final ObservableList<String> ignoreItems = FXCollections.observableArrayList();
    private final RecordedSession session;
    private final Executor background;
    private final SessionStatusBar status;
    private final Runnable applyChanges;
    /** Set while the list is rewritten from the model, so that is not taken as a user edit. */
    private boolean updatingIgnoreList;

    /**
     * @param background   where the new list is sent from
     * @param status       where a failure to send is reported
     * @param applyChanges applies the model's changes to the window, after a new list was set
     */
    IgnoreListEditor(ListView<String> ignoreList, TextField ignoreField, Button addIgnoreButton, Button removeIgnoreButton,
                     RecordedSession session, Executor background, SessionStatusBar status, Runnable applyChanges) {
        this.ignoreList = ignoreList;
        this.ignoreField = ignoreField;
        this.addIgnoreButton = addIgnoreButton;
        this.session = session;
        this.background = background;
        this.status = status;
        this.applyChanges = applyChanges;
        ignoreList.setItems(ignoreItems);
        ignoreList.setCellFactory(TextFieldListCell.forListView());
        ignoreList.setOnEditCommit(event -> {
            List<String> edited = new ArrayList<>(ignoreItems);
            String value = event.getNewValue() == null ? "" : event.getNewValue().strip();
            if (value.isEmpty()) {
                edited.remove(event.getIndex());
            } else {
                edited.set(event.getIndex(), value);
            }
            changeIgnores(edited);
        });
        ignoreList.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.DELETE || event.getCode() == KeyCode.BACK_SPACE) {
                removeSelected();
            }
        });
        removeIgnoreButton.disableProperty().bind(ignoreList.getSelectionModel().selectedItemProperty().isNull());
        ignoreField.setOnAction(event -> addTyped());
        addIgnoreButton.setOnAction(event -> addTyped());
        removeIgnoreButton.setOnAction(event -> removeSelected());
    }

    /** Shows the model's globs. */
    void show() {
        updatingIgnoreList = true;
        try {
            ignoreItems.setAll(session.model().ignoreGlobs());
        } finally {
            updatingIgnoreList = false;
        }
    }

    /** Allows adding and editing only while {@code live}. */
    void setEditable(boolean live) {
        ignoreField.setDisable(!live);
        addIgnoreButton.setDisable(!live);
        ignoreList.setEditable(live);
    }

    /** Adds the glob typed into the field, if any, and clears the field. */
    private void addTyped() {
        String glob = ignoreField.getText() == null ? "" : ignoreField.getText().strip();
        if (!glob.isEmpty()) {
            add(glob);
            ignoreField.clear();
        }
    }

    /** Adds {@code glob} unless the model already has it. */
    void add(String glob) {
        List<String> edited = new ArrayList<>(session.model().ignoreGlobs());
        if (!edited.contains(glob)) {
            edited.add(glob);
            changeIgnores(edited);
        }
    }

    private void removeSelected() {
        int index = ignoreList.getSelectionModel().getSelectedIndex();
        if (index >= 0 && session.isEditable()) {
            List<String> edited = new ArrayList<>(ignoreItems);
            edited.remove(index);
            changeIgnores(edited);
        }
    }

    private void changeIgnores(List<String> globs) {
        if (updatingIgnoreList || !session.isEditable()) {
            show();
            return;
        }
        session.setIgnoreGlobs(globs, background, failure -> Platform.runLater(() ->
                status.say("Could not send the ignore list to the agent: " + failure.getMessage())));
        applyChanges.run();
    }
}
