package dev.leakinspector.app;

import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The session window's leak list: its columns and cells, our own sorting, which of the model's rows it
 * shows, and the user's selection (one row or several), which survives filtering and every applied batch.
 * Owns the table's items; one per session window, dropped with it. FX thread only.
 */
final class LeakList {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** One pseudo-class per {@link LeakRecord#statusKey()}: leak, retained, reused, deallocated, ignored. */
    private static final Map<String, PseudoClass> STATUS_PSEUDO_CLASSES = Map.of(
            "leak", PseudoClass.getPseudoClass("leak"), "retained", PseudoClass.getPseudoClass("retained"),
            "reused", PseudoClass.getPseudoClass("reused"), "deallocated", PseudoClass.getPseudoClass("deallocated"),
            "ignored", PseudoClass.getPseudoClass("ignored"));
    /** The status cell's style class per status key, e.g. "status-reused". */
    private static final List<String> STATUS_STYLE_CLASSES = STATUS_PSEUDO_CLASSES.keySet().stream()
            .map(LeakList::statusStyleClass).toList();
    /**
     * At most this many rows can be selected at once. JavaFX's selection bookkeeping grows with the square of the
     * selected rows when rows arrive (measured: one new row costs 0.6 s with 10,000 selected, 30 s with 50,000),
     * and Retain Cycle explains at most {@link SessionController#MAX_EXPLAINED} leaks anyway.
     */
    static final int MAX_SELECTED_ROWS = 1_000;
    private static final KeyCombination SELECT_ALL = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN);

    private final TableView<LeakRecord> table;
    private final Label placeholder;
    private final SessionModel model;
    private final ShownRows shownRows;
    /** Watches shown although the filter no longer passes them: they changed while selected. Cleared by {@link #show}. */
    private final Set<Long> keptWhileSelected = new HashSet<>();
    private final Map<String, Comparator<LeakRecord>> columnOrders = ShownRows.columnOrders();
    private final Runnable onSelectionLimited;
    private boolean limitQueued;

    LeakList(TableView<LeakRecord> table, TableColumn<LeakRecord, Long> timeColumn,
             TableColumn<LeakRecord, LeakRecord> statusColumn, TableColumn<LeakRecord, String> classColumn,
             TableColumn<LeakRecord, String> triggerColumn, TableColumn<LeakRecord, Integer> descendantsColumn,
             TableColumn<LeakRecord, String> viewStackColumn, Label placeholder, SessionModel model,
             Runnable onSelectionLimited) {
        this.table = table;
        this.onSelectionLimited = onSelectionLimited;
        this.placeholder = placeholder;
        this.model = model;
        this.shownRows = new ShownRows(model::indexOf);
        table.setItems(shownRows.list());
        // Our own sorting: JavaFX's SortedList costs O(n) per inserted row, too slow at 100,000 rows.
        table.setSortPolicy(sorted -> {
            shownRows.sort(model.rows(), currentOrder());
            return true;
        });
        table.setRowFactory(rows -> new LeakRow());
        // Several leaks can be explained from one heap dump (Retain Cycle); Ctrl/Shift-click picks them.
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.addEventFilter(KeyEvent.KEY_PRESSED, key -> {
            if (SELECT_ALL.match(key)) {
                key.consume(); // tens of thousands of selected rows would freeze the list (see MAX_SELECTED_ROWS)
            }
        });
        table.getSelectionModel().getSelectedIndices().addListener((ListChangeListener<Integer>) change -> limitSelection());
        table.setTableMenuButtonVisible(true);

        timeColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().reportedAtMillis()));
        timeColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Long millis, boolean empty) {
                super.updateItem(millis, empty);
                setText(empty || millis == null ? null : CLOCK.format(Instant.ofEpochMilli(millis)));
            }
        });
        statusColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        statusColumn.setCellFactory(column -> new StatusCell());
        classColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().className()));
        // The package rarely fits and is seldom what the eye looks for: the simple name, the rest on hover.
        classColumn.setCellFactory(column -> new ClassNameCell<>());
        triggerColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().trigger()));
        descendantsColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().descendants()));
        descendantsColumn.getStyleClass().add("number-column");
        viewStackColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().viewStackText()));
    }

    ReadOnlyObjectProperty<LeakRecord> selectedProperty() {
        return table.getSelectionModel().selectedItemProperty();
    }

    /** The selected row whose details are shown (the last one the user picked), or null. */
    LeakRecord selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    /** Every selected row (the user may pick several), in the table's order. */
    List<LeakRecord> selectedRows() {
        return table.getSelectionModel().getSelectedItems().stream().filter(Objects::nonNull).toList();
    }

    /** How many rows the list shows. */
    int shownCount() {
        return shownRows.list().size();
    }

    /** The rows shown although the filter does not pass them any more: they changed while selected. */
    List<LeakRecord> keptRows() {
        List<LeakRecord> kept = new ArrayList<>(keptWhileSelected.size());
        for (long watchId : keptWhileSelected) {
            model.row(watchId).ifPresent(kept::add);
        }
        return kept;
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
        Selection selection = selection();
        keptWhileSelected.clear();
        Predicate<LeakRecord> shown = !filtering ? filter
                : row -> filter.test(row) || (!keptWhileSelected.isEmpty() && keptWhileSelected.contains(row.watchId()));
        shownRows.reset(model.rows(), shown, filtering, currentOrder());
        restore(selection);
        placeholder.setText(model.rows().isEmpty()
                ? "No leaks so far. Close some windows in the program; a window still in memory 2 s later appears here."
                : "No report matches the filter (see how many are hidden, above).");
    }

    /** Applies one drained batch of the model's changes, keeping the user's selection. */
    void apply(SessionModel.ModelChanges changes) {
        Selection before = selection();
        keepChangedSelectedRows(before);
        shownRows.apply(model, changes);
        // A replaced or re-merged list drops the selection, and a row whose status changed is a new object; the
        // user's selection must survive both.
        if (!before.isEmpty() && !selection().isCurrentIn(model, before)) {
            restore(before);
        }
    }

    /**
     * A selected row that changes (reused, deallocated, escalated, ignored) stays in the list even if the filter
     * no longer passes it, until the user filters anew: the row the user is reading must not vanish under them.
     * Kept watches only grow between two {@link #show} calls, and each was shown when kept, so the list stays
     * what a fresh filter with the same kept watches would give.
     */
    private void keepChangedSelectedRows(Selection before) {
        for (int i = 0; i < before.ids().size(); i++) {
            LeakRecord held = before.rows().get(i);
            if (!model.row(held.watchId()).map(held::equals).orElse(true)) {
                keptWhileSelected.add(held.watchId());
            }
        }
    }

    /** Selects {@code row} if shown and scrolls to it (the user asked for it). */
    void reveal(LeakRecord row) {
        select(row, true);
    }

    /** Lets go of the rows (the window closed). */
    void clear() {
        shownRows.clear();
    }

    /**
     * Brings a selection above {@link #MAX_SELECTED_ROWS} (a long Shift-click range) back to its last row, after the
     * change that made it: a selection must not be changed from inside its own change event.
     */
    private void limitSelection() {
        if (limitQueued || table.getSelectionModel().getSelectedIndices().size() <= MAX_SELECTED_ROWS) {
            return;
        }
        limitQueued = true;
        Platform.runLater(() -> {
            limitQueued = false;
            if (table.getSelectionModel().getSelectedIndices().size() > MAX_SELECTED_ROWS) {
                table.getSelectionModel().clearAndSelect(table.getSelectionModel().getSelectedIndex());
                onSelectionLimited.run();
            }
        });
    }

    /** Selects {@code row} alone if shown; scrolls to it only when the user asked for it (not on a refresh). */
    private void select(LeakRecord row, boolean scroll) {
        int index = shownRows.indexOf(row.watchId());
        if (index >= 0) {
            table.getSelectionModel().clearAndSelect(index);
            if (scroll) {
                table.scrollTo(Math.max(0, index - 3));
            }
        }
    }

    private Selection selection() {
        List<Long> ids = new ArrayList<>();
        List<LeakRecord> rows = new ArrayList<>();
        for (LeakRecord row : table.getSelectionModel().getSelectedItems()) {
            if (row != null) {
                ids.add(row.watchId());
                rows.add(row);
            }
        }
        LeakRecord primary = selected();
        return new Selection(ids, rows, primary == null ? -1 : primary.watchId());
    }

    /** Selects again those of {@code selection}'s watches that are shown, the primary one last (it is the detail's). */
    private void restore(Selection selection) {
        int primary = selection.primaryId() < 0 ? -1 : shownRows.indexOf(selection.primaryId());
        int[] all = selection.ids().size() == 1 ? new int[] {primary}
                : shownRows.indexesOf(new HashSet<>(selection.ids()));
        int[] others = Arrays.stream(all).filter(index -> index >= 0 && index != primary).toArray();
        table.getSelectionModel().clearSelection();
        if (primary >= 0) {
            table.getSelectionModel().selectIndices(primary, others);
            table.getSelectionModel().select(primary);
        } else if (others.length > 0) {
            table.getSelectionModel().selectIndices(others[0], others);
        }
    }

    /**
     * The selected watches, the row objects the table held for them, and the primary one (the selected item).
     */
    private record Selection(List<Long> ids, List<LeakRecord> rows, long primaryId) {
        boolean isEmpty() {
            return ids.isEmpty();
        }

        /** Whether this selection is {@code before}'s watches, each still with the model's current row object. */
        boolean isCurrentIn(SessionModel model, Selection before) {
            if (primaryId != before.primaryId || !new HashSet<>(ids).equals(new HashSet<>(before.ids))) {
                return false;
            }
            return rows.stream().allMatch(row -> model.row(row.watchId()).map(row::equals).orElse(true));
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

    /** The status cell's style class for a {@link LeakRecord#statusKey()}, e.g. "status-reused". */
    static String statusStyleClass(String statusKey) {
        return "status-" + statusKey;
    }

    /** A row of the list: a pseudo-class per status (leak, retained, reused, …), which the stylesheet styles. */
    private static final class LeakRow extends TableRow<LeakRecord> {
        @Override
        protected void updateItem(LeakRecord row, boolean empty) {
            super.updateItem(row, empty);
            String key = empty || row == null ? null : row.statusKey();
            STATUS_PSEUDO_CLASSES.forEach((status, pseudoClass) -> pseudoClassStateChanged(pseudoClass, status.equals(key)));
        }
    }

    /** The status column: the status in words plus a coloured badge class per status (tier or retraction). */
    private static final class StatusCell extends TableCell<LeakRecord, LeakRecord> {
        @Override
        protected void updateItem(LeakRecord row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll(STATUS_STYLE_CLASSES);
            if (empty || row == null) {
                setText(null);
                return;
            }
            setText(row.statusText());
            getStyleClass().add(statusStyleClass(row.statusKey()));
        }
    }
}
