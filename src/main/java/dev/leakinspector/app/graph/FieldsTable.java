package dev.leakinspector.app.graph;

import dev.leakinspector.heap.ObjectContents;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;

import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * The details pane's list of one object's fields (or statics, or array elements): name and value, a row each,
 * values in a monospace font. A reference to another object of the graph is marked ({@code →}, pseudo-class
 * {@code :in-graph}); double-clicking it, or Enter, selects that object. A weak (soft, phantom) referent is marked
 * {@code :referent}. Rows can be selected and copied as {@code name = value} lines (Ctrl+C, context menu).
 * FX thread only.
 */
final class FieldsTable extends TableView<ObjectContents.Field> {
    /** Rows shown before the table scrolls. */
    static final int VISIBLE_ROWS = 14;
    static final String IN_GRAPH_MARK = "→ ";
    private static final double ROW_HEIGHT = 22;
    private static final double HEADER_HEIGHT = 26;
    private static final PseudoClass IN_GRAPH = PseudoClass.getPseudoClass("in-graph");
    private static final PseudoClass REFERENT = PseudoClass.getPseudoClass("referent");

    private final ObjectContents contents;
    private final Set<Long> graphObjects;

    /**
     * @param graphObjects ids of the graph's objects: references to them are marked
     * @param goTo         called with the id of a graph object the user asks to go to
     */
    FieldsTable(ObjectContents contents, Set<Long> graphObjects, LongConsumer goTo) {
        this.contents = contents;
        this.graphObjects = graphObjects;
        getStyleClass().add("node-fields");
        getItems().setAll(contents.fields());
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setFixedCellSize(ROW_HEIGHT);
        double height = HEADER_HEIGHT + ROW_HEIGHT * Math.max(1, Math.min(VISIBLE_ROWS, contents.fields().size())) + 2;
        setPrefHeight(height);
        setMinHeight(height);
        setPlaceholder(new Label(contents.kind() == ObjectContents.Kind.CLASS ? "No static fields" : "No fields"));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        boolean array = contents.kind() == ObjectContents.Kind.OBJECT_ARRAY
                || contents.kind() == ObjectContents.Kind.PRIMITIVE_ARRAY;
        TableColumn<ObjectContents.Field, String> name = new TableColumn<>(array ? "Index" : "Name");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(array ? 60 : 115);
        // the value column takes the rest: references with their ids need the room
        name.setMaxWidth(array ? 90 : 135);
        name.setSortable(false);
        TableColumn<ObjectContents.Field, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(valueText(c.getValue())));
        value.setSortable(false);
        value.getStyleClass().add("value-column");
        getColumns().add(name);
        getColumns().add(value);

        setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(ObjectContents.Field field, boolean empty) {
                super.updateItem(field, empty);
                boolean inGraph = !empty && field != null && inGraph(field);
                pseudoClassStateChanged(IN_GRAPH, inGraph);
                pseudoClassStateChanged(REFERENT, !empty && field != null && field.referent());
                setTooltip(empty || field == null ? null : new Tooltip(tooltip(field)));
            }
        });
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                goToSelected(goTo);
            }
        });
        KeyCombination copy = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        setOnKeyPressed(e -> {
            if (copy.match(e)) {
                copySelection();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                goToSelected(goTo);
                e.consume();
            }
        });
        MenuItem copyItem = new MenuItem("Copy");
        copyItem.setAccelerator(copy);
        copyItem.setOnAction(e -> copySelection());
        MenuItem copyAll = new MenuItem("Copy all");
        copyAll.setOnAction(e -> copy(getItems()));
        setContextMenu(new ContextMenu(copyItem, copyAll));
    }

    /** What the value column shows: a reference to a graph object marked, a referent said to be one. */
    String valueText(ObjectContents.Field field) {
        String text = field.display();
        if (field.referent()) {
            text += "  (" + (contents.referenceType().isEmpty() ? "" : contents.referenceType() + " ") + "referent)";
        }
        return inGraph(field) ? IN_GRAPH_MARK + text : text;
    }

    /** Whether the field refers to another object drawn in the graph. */
    boolean inGraph(ObjectContents.Field field) {
        return field.isReference() && field.referenceId() != contents.objectId() && graphObjects.contains(field.referenceId());
    }

    private String tooltip(ObjectContents.Field field) {
        StringBuilder tip = new StringBuilder();
        if (field.declaringClass().isEmpty()) {
            tip.append(field.name()).append(": ").append(field.type());
        } else {
            tip.append(field.type()).append(' ').append(field.declaringClass()).append('.').append(field.name());
            if (!field.declaringClass().equals(contents.className())) {
                tip.append("\n(inherited)");
            }
        }
        tip.append('\n').append(field.display());
        if (field.referent()) {
            tip.append("\nThe referent of a ").append(contents.referenceType().isEmpty() ? "" : contents.referenceType() + " ")
                    .append("reference: not a strong reference, it does not keep the object alive");
        }
        if (inGraph(field)) {
            tip.append("\nIn the graph: double-click (or Enter) to select it");
        }
        return tip.toString();
    }

    private void goToSelected(LongConsumer goTo) {
        ObjectContents.Field field = getSelectionModel().getSelectedItem();
        if (field != null && inGraph(field)) {
            goTo.accept(field.referenceId());
        }
    }

    private void copySelection() {
        copy(getSelectionModel().getSelectedItems());
    }

    private void copy(java.util.List<ObjectContents.Field> fields) {
        if (fields.isEmpty()) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(fields.stream().map(f -> f.name() + " = " + f.display()).collect(Collectors.joining("\n")) + "\n");
        Clipboard.getSystemClipboard().setContent(content);
    }
}
