package dev.leakinspector.app;

import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The session window's leak list: its columns and cells, our own sorting, which of the model's rows it
 * shows, and the user's selection, which survives filtering and every applied batch. Owns the table's
 * items; one per session window, dropped with it. FX thread only.
 */
final class LeakList {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final PseudoClass DEALLOCATED = PseudoClass.getPseudoClass("deallocated");
    private static final PseudoClass IGNORED = PseudoClass.getPseudoClass("ignored");

    private final TableView<LeakRecord> table;
    private final Label placeholder;
    private final SessionModel model;
    private final ShownRows shownRows = new ShownRows();
    private final Map<String, Comparator<LeakRecord>> columnOrders = ShownRows.columnOrders();

    LeakList(TableView<LeakRecord> table, TableColumn<LeakRecord, Long> timeColumn,
             TableColumn<LeakRecord, String> statusColumn, TableColumn<LeakRecord, String> classColumn,
             TableColumn<LeakRecord, String> triggerColumn, TableColumn<LeakRecord, Integer> descendantsColumn,
             TableColumn<LeakRecord, String> viewStackColumn, Label placeholder, SessionModel model) {
        this.table = table;
        this.placeholder = placeholder;
        this.model = model;
        table.setItems(shownRows.list());
        // Our own sorting: JavaFX's SortedList costs O(n) per inserted row, too slow at 100,000 rows.
        table.setSortPolicy(sorted -> {
            shownRows.sort(model.rows(), currentOrder());
            return true;
        });
        table.setRowFactory(rows -> new LeakRow());
        table.setTableMenuButtonVisible(true);

        timeColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().reportedAtMillis()));
        timeColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Long millis, boolean empty) {
                super.updateItem(millis, empty);
                setText(empty || millis == null ? null : CLOCK.format(Instant.ofEpochMilli(millis)));
            }
        });
        statusColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().statusText()));
        statusColumn.setCellFactory(column -> new StatusCell());
        classColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().className()));
        triggerColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().trigger()));
        descendantsColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().descendants()));
        descendantsColumn.getStyleClass().add("number-column");
        viewStackColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().viewStackText()));
    }

    ReadOnlyObjectProperty<LeakRecord> selectedProperty() {
        return table.getSelectionModel().selectedItemProperty();
    }

    /** The selected row, or null. */
    LeakRecord selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    /** Whether the row of {@code watchId} passes the current filter. */
    boolean isShown(long watchId) {
        return shownRows.indexOf(watchId) >= 0;
    }

    /**
     * Shows the model's rows that pass {@code filter} in the table's order; the selection stays on the same
     * watch if it still passes.
     *
     * @param filtering whether {@code filter} can leave out any row (a cheaper update when it cannot)
     */
    void show(Predicate<LeakRecord> filter, boolean filtering) {
        LeakRecord selected = selected();
        shownRows.reset(model.rows(), filter, filtering, currentOrder());
        if (selected != null) {
            model.row(selected.watchId()).ifPresent(row -> select(row, false));
        }
        placeholder.setText(model.rows().isEmpty()
                ? "No leaks so far. Close some windows in the program; a window still in memory 2 s later appears here."
                : "No report matches the filter.");
    }

    /** Applies one drained batch of the model's changes, keeping the user's selection. */
    void apply(SessionModel.ModelChanges changes) {
        LeakRecord selected = selected();
        shownRows.apply(model, changes);
        LeakRecord nowSelected = selected();
        if (selected != null && (nowSelected == null || nowSelected.watchId() != selected.watchId()
                || !nowSelected.equals(model.row(selected.watchId()).orElse(nowSelected)))) {
            // A replaced or re-merged list drops the selection; the user's selection must survive that.
            model.row(selected.watchId()).ifPresent(row -> select(row, false));
        }
    }

    /** Selects {@code row} if shown and scrolls to it (the user asked for it). */
    void reveal(LeakRecord row) {
        select(row, true);
    }

    /** Lets go of the rows (the window closed). */
    void clear() {
        shownRows.list().clear();
    }

    /** Selects {@code row} if shown; scrolls to it only when the user asked for it (not on a refresh). */
    private void select(LeakRecord row, boolean scroll) {
        int index = shownRows.indexOf(row.watchId());
        if (index >= 0) {
            table.getSelectionModel().clearAndSelect(index);
            if (scroll) {
                table.scrollTo(Math.max(0, index - 3));
            }
        }
    }

    /** The list's order from the table's sort columns, or null for arrival order. */
    private Comparator<LeakRecord> currentOrder() {
        Comparator<LeakRecord> order = null;
        for (TableColumn<LeakRecord, ?> column : table.getSortOrder()) {
            Comparator<LeakRecord> byColumn = columnOrders.get(column.getId());
            if (byColumn == null) {
                continue;
            }
            if (column.getSortType() == TableColumn.SortType.DESCENDING) {
                byColumn = byColumn.reversed();
            }
            order = order == null ? byColumn : order.thenComparing(byColumn);
        }
        return order;
    }

    /** A row of the list: marks retracted and ignored rows through pseudo-classes the stylesheet styles. */
    private static final class LeakRow extends TableRow<LeakRecord> {
        @Override
        protected void updateItem(LeakRecord row, boolean empty) {
            super.updateItem(row, empty);
            LeakRecord.Status status = empty || row == null ? null : row.status();
            pseudoClassStateChanged(DEALLOCATED, status == LeakRecord.Status.DEALLOCATED);
            pseudoClassStateChanged(IGNORED, status == LeakRecord.Status.IGNORED);
        }
    }

    /** The status column: the text plus a coloured badge class per status. */
    private static final class StatusCell extends TableCell<LeakRecord, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            getStyleClass().removeAll("status-leaked", "status-deallocated", "status-ignored");
            if (empty || text == null) {
                setText(null);
                return;
            }
            setText(text);
            getStyleClass().add(text.startsWith("Deallocated") ? "status-deallocated"
                    : text.equals("Ignored") ? "status-ignored" : "status-leaked");
        }
    }
}
