package dev.leakinspector.app;

import dev.leakinspector.protocol.ClassGlobs;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.ConnectionState;
import dev.leakinspector.session.Crumb;
import dev.leakinspector.session.LeakGroup;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionExport;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.TargetInfo;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.cell.TextFieldListCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.BreadCrumbBar;
import org.controlsfx.control.MasterDetailPane;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.StatusBar;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Controller of {@code session.fxml}: binds one {@link RecordedSession}'s model to the list, timeline,
 * detail pane and status bar, and applies the model's changes once per drained batch. What a row means
 * is decided in {@code session}; this class only shows it. FX thread only.
 */
public final class SessionController {
    /** Events applied per drain: a burst larger than this is spread over several pulses. */
    static final int MAX_EVENTS_PER_DRAIN = 5_000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final PseudoClass DEALLOCATED = PseudoClass.getPseudoClass("deallocated");
    private static final PseudoClass IGNORED = PseudoClass.getPseudoClass("ignored");
    private static final PseudoClass ACTIVE_CRUMB = PseudoClass.getPseudoClass("shown");

    @FXML private Button detachButton;
    @FXML private Button retainCycleButton;
    @FXML private MenuButton exportButton;
    @FXML private TextField searchField;
    @FXML private ChoiceBox<LeakFilter.Shown> shownChoice;
    @FXML private ToggleButton groupToggle;
    @FXML private ToggleButton muteToggle;
    @FXML private Label banner;
    @FXML private MasterDetailPane masterDetail;
    @FXML private TimelineStrip timeline;
    @FXML private SplitPane listSplit;
    @FXML private TableView<LeakRecord> leakTable;
    @FXML private TableColumn<LeakRecord, Long> timeColumn;
    @FXML private TableColumn<LeakRecord, String> statusColumn;
    @FXML private TableColumn<LeakRecord, String> classColumn;
    @FXML private TableColumn<LeakRecord, String> triggerColumn;
    @FXML private TableColumn<LeakRecord, Integer> descendantsColumn;
    @FXML private TableColumn<LeakRecord, String> viewStackColumn;
    @FXML private Label listPlaceholder;
    @FXML private ContextMenu rowMenu;
    @FXML private MenuItem ignoreClassItem;
    @FXML private MenuItem ignorePackageItem;
    @FXML private MenuItem copyItem;
    @FXML private BreadCrumbBar<String> breadCrumbs;
    @FXML private Label crumbInfo;
    @FXML private Label detailClass;
    @FXML private Label detailStatus;
    @FXML private Label detailTrigger;
    @FXML private Label detailWatched;
    @FXML private Label detailReported;
    @FXML private Label detailGc;
    @FXML private Label detailDescendants;
    @FXML private Label detailId;
    @FXML private ListView<String> ignoreList;
    @FXML private TextField ignoreField;
    @FXML private Button addIgnoreButton;
    @FXML private Button removeIgnoreButton;
    @FXML private StatusBar statusBar;

    private final ShownRows shownRows = new ShownRows();
    private final java.util.Map<String, java.util.Comparator<LeakRecord>> columnOrders = ShownRows.columnOrders();
    private final ObservableList<LeakGroup> groups = FXCollections.observableArrayList();
    private final TableView<LeakGroup> groupTable = new TableView<>(groups);
    private final ObservableList<String> ignoreItems = FXCollections.observableArrayList();
    private final Label targetLabel = new Label();
    private final Label watchesLabel = new Label();
    private final Label heapLabel = new Label();
    private final Hyperlink agentWarning = new Hyperlink("JDK 21+ agent warning");
    private final javafx.animation.PauseTransition groupRefresh = new javafx.animation.PauseTransition(Duration.millis(500));

    private AppContext context;
    private RecordedSession session;
    private SessionModel model;
    private Stage stage;
    /** Set while the ignore list is rewritten from the model, so that is not taken as a user edit. */
    private boolean updatingIgnoreList;

    @FXML
    private void initialize() {
        leakTable.setItems(shownRows.list());
        // Our own sorting: JavaFX's SortedList costs O(n) per inserted row, too slow at 100,000 rows.
        leakTable.setSortPolicy(table -> {
            if (model != null) {
                shownRows.sort(model.rows(), currentOrder());
            }
            return true;
        });
        leakTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> showDetail(row));
        leakTable.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> updateRetainCycleButton());
        leakTable.setRowFactory(table -> new LeakRow());
        leakTable.setTableMenuButtonVisible(true);

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

        shownChoice.getItems().setAll(LeakFilter.Shown.values());
        shownChoice.setValue(LeakFilter.Shown.ALL);
        searchField.textProperty().addListener((obs, old, text) -> updateFilter());
        shownChoice.valueProperty().addListener((obs, old, shown) -> updateFilter());
        searchField.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                searchField.clear();
                leakTable.requestFocus();
            }
        });

        buildGroupTable();
        groupRefresh.setOnFinished(event -> refreshGroups());
        groupToggle.selectedProperty().addListener((obs, old, on) -> showGroups(on));

        // Clicking a crumb shows what is known of that object; the bar keeps the whole stack (no navigation).
        breadCrumbs.setOnCrumbAction(event -> showCrumb(event.getSelectedCrumb()));
        breadCrumbs.selectedCrumbProperty().addListener((obs, old, crumb) -> showCrumb(crumb));

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
                removeIgnore();
            }
        });
        removeIgnoreButton.disableProperty().bind(ignoreList.getSelectionModel().selectedItemProperty().isNull());

        timeline.setOnMarkClicked(this::selectWatch);

        agentWarning.setOnAction(event -> explainAgentWarning());
        agentWarning.setTooltip(new Tooltip("Why the program printed a warning about a dynamically loaded agent"));
        agentWarning.getStyleClass().add("agent-warning");
        agentWarning.setId("agentWarning");
        agentWarning.setVisible(false);
        agentWarning.setManaged(false);
        statusBar.getRightItems().setAll(targetLabel, watchesLabel, heapLabel, agentWarning);
        statusBar.getStyleClass().add("session-status");
    }

    /** Shows {@code recorded} in this view; rows already in its model appear at once. */
    void init(AppContext appContext, RecordedSession recorded, Stage window) {
        this.context = appContext;
        this.session = recorded;
        this.model = recorded.model();
        this.stage = window;
        muteToggle.setSelected(appContext.notificationsMuted() || !recorded.isLive());
        muteToggle.setDisable(!recorded.isLive());
        muteToggle.selectedProperty().addListener((obs, old, muted) -> context.setNotificationsMuted(muted));
        timeline.setModel(model);
        updateFilter();
        TargetInfo target = model.target();
        targetLabel.setText(target.displayName() + " \u00b7 pid " + target.pid()
                + (target.javaVersion().isEmpty() ? "" : " \u00b7 Java " + target.javaVersion()));
        boolean warned = recorded.isLive() && target.printedDynamicAgentWarning();
        agentWarning.setVisible(warned);
        agentWarning.setManaged(warned);
        window.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                () -> searchField.requestFocus());
        showStats();
        showState();
        showIgnores();
        showDetail(null);
        Platform.runLater(leakTable::requestFocus);
    }

    /** Applies what the feed has waiting; called once per scheduled drain (never once per event). */
    void drain() {
        SessionModel.ModelChanges changes = session.drain(MAX_EVENTS_PER_DRAIN);
        if (changes.isEmpty()) {
            return;
        }
        LeakRecord selected = leakTable.getSelectionModel().getSelectedItem();
        BitSet changed = changes.changedRows();
        shownRows.apply(model, changes);
        LeakRecord nowSelected = leakTable.getSelectionModel().getSelectedItem();
        if (selected != null && (nowSelected == null || nowSelected.watchId() != selected.watchId()
                || !nowSelected.equals(model.row(selected.watchId()).orElse(nowSelected)))) {
            // A replaced or re-merged list drops the selection; the user's selection must survive that.
            model.row(selected.watchId()).ifPresent(row -> select(row, false));
        }
        if (changes.statsChanged()) {
            showStats();
        }
        if (changes.stateChanged()) {
            showState();
        } else if (!changes.newLeaks().isEmpty() || !changed.isEmpty()) {
            statusBar.setText(statusText());
        }
        if (changes.ignoresChanged()) {
            showIgnores();
        }
        if (groupToggle.isSelected() && (!changes.newLeaks().isEmpty() || !changed.isEmpty())
                && groupRefresh.getStatus() != javafx.animation.Animation.Status.RUNNING) {
            // Regrouping walks every row; at most twice a second keeps a busy 100,000-row session fluid.
            groupRefresh.playFromStart();
        }
        timeline.refresh();
        notifyUser(changes);
    }

    private void notifyUser(SessionModel.ModelChanges changes) {
        if (muteToggle.isSelected() || !session.isLive()) {
            return;
        }
        String name = model.target().displayName();
        LeakNotices.forLeaks(changes.newLeaks(), name).ifPresent(notice -> show(notice, true));
        LeakNotices.forRetractions(changes.retractions(), name).ifPresent(notice -> show(notice, false));
    }

    private void show(LeakNotices notice, boolean warning) {
        // No owner: ControlsFX shows it over the focused window and lets go of that window when the notice
        // fades, so a closed session window is held at most for those 6 s.
        Notifications notification = Notifications.create().title(notice.title()).text(notice.text())
                .hideAfter(Duration.seconds(6));
        if (warning) {
            notification.showWarning();
        } else {
            notification.showInformation();
        }
    }

    private void showStats() {
        Stats stats = model.stats().orElse(null);
        if (stats == null) {
            watchesLabel.setText("no stats yet");
            heapLabel.setText("");
            return;
        }
        watchesLabel.setText(stats.liveWatches() + " live watches"
                + (stats.droppedEvents() > 0 ? " \u00b7 " + stats.droppedEvents() + " events dropped" : ""));
        heapLabel.setText("heap " + ByteCount.format(stats.heapUsedBytes()) + " of " + ByteCount.format(stats.heapMaxBytes()));
    }

    private void showState() {
        ConnectionState state = model.state();
        SessionEnd end = model.sessionEnd().orElse(null);
        boolean live = state == ConnectionState.CONNECTED;
        detachButton.setDisable(!live);
        updateRetainCycleButton();
        ignoreField.setDisable(!live);
        addIgnoreButton.setDisable(!live);
        ignoreList.setEditable(live);
        statusBar.setText(statusText());
        statusBar.pseudoClassStateChanged(PseudoClass.getPseudoClass("ended"), !live);
        String bannerText = bannerText(state, end);
        banner.setText(bannerText);
        banner.setVisible(bannerText != null);
        banner.setManaged(bannerText != null);
        banner.getStyleClass().removeAll("banner-ended", "banner-saved");
        banner.getStyleClass().add(state == ConnectionState.SAVED ? "banner-saved" : "banner-ended");
        if (stage != null) {
            TargetInfo target = model.target();
            stage.setTitle(target.displayName() + " (pid " + target.pid() + ")"
                    + (state == ConnectionState.SAVED ? " \u2014 saved session" : live ? "" : " \u2014 ended")
                    + " \u2014 Leak Inspector");
        }
    }

    /** "Connected · 4 leaked · 1 deallocated", or how the session ended. */
    private String statusText() {
        SessionEnd end = model.sessionEnd().orElse(null);
        long leaked = model.leakedCount();
        long deallocated = model.rows().stream().filter(LeakRecord::isDeallocated).count();
        return model.state().label() + (end != null ? ": " + end.message() : "")
                + " \u00b7 " + leaked + " leaked \u00b7 " + deallocated + " deallocated";
    }

    /** The banner over the list, or null when the session is live. */
    String bannerText(ConnectionState state, SessionEnd end) {
        String kept = " Everything received is kept below and saved in " + session.file().getFileName() + ".";
        if (state == ConnectionState.SAVED) {
            return "Saved session (read-only) from " + session.file()
                    + (end != null ? ". It ended: " + end.message() + "." : ".");
        }
        if (end == null) {
            return null;
        }
        return switch (end.kind()) {
            case TARGET_EXITED -> "The program exited (" + end.message() + ")." + kept;
            case LINK_LOST -> "The link to the program dropped: " + end.message() + "." + kept
                    + " Attach again from the start window to continue.";
            case AGENT_LEFT -> end.message() + "." + kept;
            case DETACHED -> "Detached: " + end.message() + "." + kept;
        };
    }

    private void showIgnores() {
        updatingIgnoreList = true;
        try {
            ignoreItems.setAll(model.ignoreGlobs());
        } finally {
            updatingIgnoreList = false;
        }
    }

    private void updateFilter() {
        if (model == null) {
            return;
        }
        LeakFilter filter = new LeakFilter(shownChoice.getValue(), searchField.getText());
        LeakGroup group = groupToggle.isSelected() ? groupTable.getSelectionModel().getSelectedItem() : null;
        Predicate<LeakRecord> predicate = group == null ? filter : filter.and(group::contains);
        LeakRecord selected = leakTable.getSelectionModel().getSelectedItem();
        shownRows.reset(model.rows(), predicate, group != null || !filter.equals(LeakFilter.EVERYTHING), currentOrder());
        if (selected != null) {
            model.row(selected.watchId()).ifPresent(row -> select(row, false));
        }
        listPlaceholder.setText(model.rows().isEmpty()
                ? "No leaks so far. Close some windows in the program; a window still in memory 2 s later appears here."
                : "No report matches the filter.");
    }

    private void buildGroupTable() {
        groupTable.setId("groupTable");
        TableColumn<LeakGroup, Integer> count = new TableColumn<>("Count");
        count.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().count()));
        TableColumn<LeakGroup, Integer> leaked = new TableColumn<>("Still leaked");
        leaked.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().stillLeaked()));
        TableColumn<LeakGroup, String> type = new TableColumn<>("Class");
        type.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().className()));
        TableColumn<LeakGroup, String> trigger = new TableColumn<>("Trigger");
        trigger.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().trigger()));
        TableColumn<LeakGroup, String> shape = new TableColumn<>("View-stack shape");
        shape.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().viewStackShape()));
        count.setPrefWidth(70);
        leaked.setPrefWidth(90);
        type.setPrefWidth(190);
        trigger.setPrefWidth(110);
        shape.setPrefWidth(300);
        groupTable.getColumns().setAll(List.of(count, leaked, type, trigger, shape));
        groupTable.setPlaceholder(new Label("No reports to group yet."));
        groupTable.getSelectionModel().selectedItemProperty().addListener((obs, old, group) -> updateFilter());
    }

    private void showGroups(boolean on) {
        if (on) {
            refreshGroups();
            listSplit.getItems().add(0, groupTable);
            listSplit.setDividerPositions(0.4);
        } else {
            listSplit.getItems().remove(groupTable);
            groupTable.getSelectionModel().clearSelection();
        }
        updateFilter();
    }

    private void refreshGroups() {
        LeakGroup selectedGroup = groupTable.getSelectionModel().getSelectedItem();
        List<LeakGroup> fresh = LeakGroup.of(model.rows());
        groups.setAll(fresh);
        if (selectedGroup != null) {
            fresh.stream().filter(g -> g.className().equals(selectedGroup.className())
                            && g.trigger().equals(selectedGroup.trigger())
                            && g.viewStackShape().equals(selectedGroup.viewStackShape()))
                    .findFirst().ifPresent(g -> groupTable.getSelectionModel().select(g));
        }
    }

    private void showDetail(LeakRecord row) {
        timeline.setSelected(row);
        if (row == null) {
            breadCrumbs.setSelectedCrumb(null);
            crumbInfo.setText("Select a report to see where the object lived.");
            for (Label label : List.of(detailClass, detailStatus, detailTrigger, detailWatched, detailReported, detailGc,
                    detailDescendants, detailId)) {
                label.setText("");
            }
            return;
        }
        List<String> crumbs = row.viewStack().isEmpty() ? List.of(row.simpleClassName()) : row.viewStack();
        breadCrumbs.setSelectedCrumb(BreadCrumbBar.buildTreeModel(crumbs.toArray(String[]::new)));
        detailClass.setText(row.className());
        detailStatus.setText(row.statusText());
        detailTrigger.setText(row.trigger());
        detailWatched.setText(CLOCK_MILLIS.format(Instant.ofEpochMilli(row.watchedAtMillis())));
        detailReported.setText(CLOCK_MILLIS.format(Instant.ofEpochMilli(row.reportedAtMillis()))
                + String.format(" (%.1f s after the trigger)", (row.reportedAtMillis() - row.watchedAtMillis()) / 1000.0));
        detailGc.setText(row.gcConfirmed() ? "yes: still alive after a GC"
                : "no: the program runs with -XX:+DisableExplicitGC, so the agent could not force a GC; it may simply not have been collected yet");
        detailDescendants.setText(row.descendants() == 0 ? "none"
                : row.descendants() + " watched objects inside it (its scene and nodes) are counted here, not reported one by one");
        detailId.setText(Long.toString(row.watchId()));
    }

    private void showCrumb(TreeItem<String> crumb) {
        if (crumb == null) {
            return;
        }
        int depth = 0;
        for (TreeItem<String> item = crumb.getParent(); item != null; item = item.getParent()) {
            depth++;
        }
        markActiveCrumb(depth);
        LeakRecord row = leakTable.getSelectionModel().getSelectedItem();
        Crumb parsed = Crumb.parse(crumb.getValue());
        // The view stack runs from the window down to the reported object's place; the object is the
        // first crumb of its own type (a leaked Stage is crumb 0, a detached node further down).
        boolean isObject = row != null && row.viewStack().stream().map(c -> Crumb.parse(c).type()).toList()
                .indexOf(row.simpleClassName()) == depth;
        crumbInfo.setText(capitalize(parsed.describe())
                + (depth == 0 ? ", the window at the top of the view stack" : ", level " + depth + " below the window")
                + (isObject ? "; this is the object reported as leaked" : "")
                + ".");
    }

    /** Marks the crumb button at {@code index} as the one whose description is shown. */
    private void markActiveCrumb(int index) {
        List<javafx.scene.Node> buttons = breadCrumbs.lookupAll(".button").stream()
                .filter(Button.class::isInstance).toList();
        for (int i = 0; i < buttons.size(); i++) {
            buttons.get(i).pseudoClassStateChanged(ACTIVE_CRUMB, i == index);
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The list's order from the table's sort columns, or null for arrival order. */
    private java.util.Comparator<LeakRecord> currentOrder() {
        java.util.Comparator<LeakRecord> order = null;
        for (TableColumn<LeakRecord, ?> column : leakTable.getSortOrder()) {
            java.util.Comparator<LeakRecord> byColumn = columnOrders.get(column.getId());
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

    /** Selects the row of {@code watchId} (a timeline mark was clicked) and scrolls to it. */
    void selectWatch(long watchId) {
        model.row(watchId).ifPresent(row -> {
            if (shownRows.indexOf(watchId) < 0) {
                searchField.clear();
                shownChoice.setValue(LeakFilter.Shown.ALL);
                groupToggle.setSelected(false);
            }
            select(row);
            leakTable.requestFocus();
        });
    }

    private void select(LeakRecord row) {
        select(row, true);
    }

    /** Selects {@code row} if shown; scrolls to it only when the user asked for it (not on a refresh). */
    private void select(LeakRecord row, boolean scroll) {
        int index = shownRows.indexOf(row.watchId());
        if (index >= 0) {
            leakTable.getSelectionModel().clearAndSelect(index);
            if (scroll) {
                leakTable.scrollTo(Math.max(0, index - 3));
            }
        }
    }

    @FXML
    private void prepareRowMenu() {
        LeakRecord row = leakTable.getSelectionModel().getSelectedItem();
        boolean canIgnore = row != null && session.isEditable();
        ignoreClassItem.setDisable(!canIgnore);
        ignorePackageItem.setDisable(!canIgnore || row.packageName().isEmpty());
        copyItem.setDisable(row == null);
        ignoreClassItem.setText(row == null ? "Ignore this class" : "Ignore this class (" + row.className() + ")");
        ignorePackageItem.setText(row == null ? "Ignore package"
                : "Ignore package (" + ClassGlobs.forPackage(row.className()) + ")");
    }

    @FXML
    private void ignoreClass() {
        LeakRecord row = leakTable.getSelectionModel().getSelectedItem();
        if (row != null) {
            addGlob(ClassGlobs.forClass(row.className()));
        }
    }

    @FXML
    private void ignorePackage() {
        LeakRecord row = leakTable.getSelectionModel().getSelectedItem();
        if (row != null) {
            addGlob(ClassGlobs.forPackage(row.className()));
        }
    }

    @FXML
    private void copyViewStack() {
        LeakRecord row = leakTable.getSelectionModel().getSelectedItem();
        if (row != null) {
            ClipboardContent content = new ClipboardContent();
            content.putString(row.className() + "\n" + row.viewStackText());
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    @FXML
    private void addIgnore() {
        String glob = ignoreField.getText() == null ? "" : ignoreField.getText().strip();
        if (!glob.isEmpty()) {
            addGlob(glob);
            ignoreField.clear();
        }
    }

    @FXML
    private void removeIgnore() {
        int index = ignoreList.getSelectionModel().getSelectedIndex();
        if (index >= 0 && session.isEditable()) {
            List<String> edited = new ArrayList<>(ignoreItems);
            edited.remove(index);
            changeIgnores(edited);
        }
    }

    private void addGlob(String glob) {
        List<String> edited = new ArrayList<>(model.ignoreGlobs());
        if (!edited.contains(glob)) {
            edited.add(glob);
            changeIgnores(edited);
        }
    }

    private void changeIgnores(List<String> globs) {
        if (updatingIgnoreList || !session.isEditable()) {
            showIgnores();
            return;
        }
        session.setIgnoreGlobs(globs, context.background(), failure -> Platform.runLater(() ->
                statusBar.setText("Could not send the ignore list to the agent: " + failure.getMessage())));
        drain();
    }

    @FXML
    private void retainCycle() {
        LeakRecord row = leakTable.getSelectionModel().getSelectedItem();
        if (row == null || row.status() != LeakRecord.Status.LEAKED || session.live().isEmpty()) {
            return;
        }
        RetainCycleWindow.open(stage, context.background(), session.live().get(), List.of(row));
    }

    /** Retain Cycle needs a leak that is still alive and a target we are attached to. */
    private void updateRetainCycleButton() {
        LeakRecord row = leakTable.getSelectionModel().getSelectedItem();
        boolean live = model != null && model.state() == ConnectionState.CONNECTED;
        retainCycleButton.setDisable(!live || row == null || row.status() != LeakRecord.Status.LEAKED);
    }

    @FXML
    private void detach() {
        detachButton.setDisable(true);
        statusBar.setText("Detaching\u2026");
        RecordedSession toDetach = session;
        // The end arrives through the feed like any other event, so the banner appears by itself.
        CompletableFuture.runAsync(() -> toDetach.detach("the user detached"), context.background());
    }

    @FXML
    private void exportText() {
        export("txt", "Text", SessionExport.text(model));
    }

    @FXML
    private void exportJson() {
        export("json", "JSON", SessionExport.json(model));
    }

    private void export(String extension, String kind, String content) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the session as " + kind);
        String base = session.file().getFileName().toString();
        chooser.setInitialFileName(base.substring(0, base.lastIndexOf('.')) + "." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*." + extension));
        File file = chooser.showSaveDialog(stage);
        if (file == null) {
            return;
        }
        CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(file.toPath(), content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, context.background()).whenComplete((done, failure) -> Platform.runLater(() -> statusBar.setText(
                failure == null ? "Exported to " + file : "Could not export: " + failure.getCause().getMessage())));
    }

    private void explainAgentWarning() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("JDK 21+ agent warning");
        alert.setHeaderText("The program printed a warning about a dynamically loaded agent. That is expected.");
        alert.setContentText("Java 21 and newer print \"WARNING: A Java agent has been loaded dynamically\" on the "
                + "program's standard error when an agent is loaded into a running JVM (JEP 451). Leak Inspector "
                + "loaded its agent that way; nothing is wrong. Start the program with "
                + "-XX:+EnableDynamicAgentLoading to allow it without the warning.");
        alert.getDialogPane().setMinWidth(520);
        alert.show();
    }

    /** Lets go of the session model, so a closed window cannot keep it alive through a listener. */
    void dispose() {
        groupRefresh.stop();
        timeline.setModel(null);
        timeline.setOnMarkClicked(null);
        shownRows.list().clear();
        groups.clear();
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
