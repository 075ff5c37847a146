package dev.leakinspector.app;

import dev.leakinspector.session.LeakGroup;
import dev.leakinspector.session.SessionModel;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The table of leak groups (same class, trigger and view-stack shape: one kind of object) shown above the
 * leak list while grouping is on, with how many instances of each kind are alive now and how many reports
 * are in each state; refreshed from the model's kept counts at most twice a second as rows arrive, changing only
 * the groups whose counts changed; picking a group narrows the list to it.
 * Owns the table and its refresh timer; one per session window, {@link #dispose() disposed} with it.
 * FX thread only.
 */
final class GroupTable {
    private final ObservableList<LeakGroup> groups = FXCollections.observableArrayList();
    private final TableView<LeakGroup> groupTable = new TableView<>(groups);
    private final PauseTransition groupRefresh = new PauseTransition(Duration.millis(500));
    private final SplitPane listSplit;
    private final SessionModel model;
    private final Runnable groupPicked;
    /** True while {@link #refresh()} swaps in fresh groups: the selection blinks to null and back to the same group. */
    private boolean refreshing;

    /**
     * @param listSplit   the split pane holding the leak list, where the table goes while shown
     * @param groupPicked runs when the selected group changes
     */
    GroupTable(SplitPane listSplit, SessionModel model, Runnable groupPicked) {
        this.listSplit = listSplit;
        this.model = model;
        this.groupPicked = groupPicked;
        groupTable.setId("groupTable");
        TableColumn<LeakGroup, String> type = new TableColumn<>("Class");
        type.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().className()));
        type.setCellFactory(column -> new ClassNameCell<>());
        TableColumn<LeakGroup, String> trigger = new TableColumn<>("Trigger");
        trigger.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().trigger()));
        TableColumn<LeakGroup, String> shape = new TableColumn<>("View-stack shape");
        shape.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().viewStackShape()));
        type.setPrefWidth(190);
        trigger.setPrefWidth(110);
        shape.setPrefWidth(300);
        groupTable.getColumns().setAll(List.of(
                number("Reports", "groupCount", "Every report of this kind", LeakGroup::count),
                number("Live", "groupLive", "Instances alive now and not displayed (leak + retained)", LeakGroup::live),
                number("Leak", "groupLeaks", "Live instances with the verdict leak", group -> (int) group.counts().leaks()),
                number("Retained", "groupRetained", "Live instances with the verdict retained (possibly a cache)",
                        group -> (int) group.counts().retained()),
                number("Reused", "groupReused", "Reports retracted: displayed again", group -> (int) group.counts().reused()),
                number("Deallocated", "groupDeallocated", "Reports retracted: collected",
                        group -> (int) group.counts().deallocated()),
                type, trigger, shape));
        groupTable.setPlaceholder(new Label("No reports to group yet."));
        groupTable.getSelectionModel().selectedItemProperty().addListener((obs, old, group) -> {
            // A regroup re-selects the same group (the list filter uses only its key): nothing was picked.
            if (!refreshing) {
                groupPicked.run();
            }
        });
        groupRefresh.setOnFinished(event -> refresh());
    }

    /** Shows the table, freshly grouped, above the list; or hides it and drops its selection. */
    void show(boolean on) {
        if (on) {
            refresh();
            listSplit.getItems().add(0, groupTable);
            listSplit.setDividerPositions(0.4);
        } else {
            listSplit.getItems().remove(groupTable);
            groupTable.getSelectionModel().clearSelection();
        }
    }

    /** The selected group, or null. */
    LeakGroup selected() {
        return groupTable.getSelectionModel().getSelectedItem();
    }

    /** Regroups soon: rows changed. */
    void refreshSoon() {
        if (groupRefresh.getStatus() != Animation.Status.RUNNING) {
            // The model keeps the counts, but a new list of groups per batch would still churn the table:
            // at most twice a second keeps a busy 100,000-row session fluid.
            groupRefresh.playFromStart();
        }
    }

    /** Stops the refresh timer (a running animation is held by the toolkit) and lets go of the groups. */
    void dispose() {
        groupRefresh.stop();
        groups.clear();
    }

    /** A count column, with its id (for tests and styles) and a header tooltip saying what it counts. */
    private static TableColumn<LeakGroup, Integer> number(String title, String id, String meaning,
                                                          ToIntFunction<LeakGroup> count) {
        TableColumn<LeakGroup, Integer> column = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(new Tooltip(meaning));
        column.setGraphic(header);
        column.setId(id);
        column.getStyleClass().addAll("number-column", id.equals("groupLive") ? "live-column" : "count-column");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(count.applyAsInt(cell.getValue())));
        column.setPrefWidth(title.length() > 8 ? 100 : title.length() > 6 ? 85 : 70);
        return column;
    }

    /**
     * Shows {@code fresh} by changing only the groups whose counts changed and appending new kinds: the model
     * keeps kinds in the order they first appeared and never drops one, so the groups shown are a prefix of
     * {@code fresh} (a whole-list replace would make the table re-read every group and blink its selection).
     */
    private void update(List<LeakGroup> fresh) {
        boolean prefix = fresh.size() >= groups.size();
        for (int i = 0; prefix && i < groups.size(); i++) {
            prefix = groups.get(i).sameGroupAs(fresh.get(i));
        }
        if (!prefix) {
            groups.setAll(fresh);
            return;
        }
        for (int i = 0; i < groups.size(); i++) {
            if (!groups.get(i).equals(fresh.get(i))) {
                groups.set(i, fresh.get(i));
            }
        }
        if (fresh.size() > groups.size()) {
            groups.addAll(fresh.subList(groups.size(), fresh.size()));
        }
    }

    private void refresh() {
        LeakGroup selectedGroup = groupTable.getSelectionModel().getSelectedItem();
        List<LeakGroup> fresh = model.groups();
        LeakGroup reselected = selectedGroup == null ? null
                : fresh.stream().filter(selectedGroup::sameGroupAs).findFirst().orElse(null);
        refreshing = true;
        try {
            update(fresh);
            if (reselected != null && groupTable.getSelectionModel().getSelectedItem() != reselected) {
                groupTable.getSelectionModel().select(reselected);
            }
        } finally {
            refreshing = false;
        }
        if (selectedGroup != null && reselected == null) {
            groupPicked.run(); // the picked group is gone: the list is no longer narrowed to it
        }
    }
}
