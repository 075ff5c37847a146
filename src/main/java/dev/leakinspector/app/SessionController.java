package dev.leakinspector.app;

import dev.leakinspector.session.ConnectionState;
import dev.leakinspector.session.LeakGroup;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.TargetInfo;

import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.controlsfx.control.BreadCrumbBar;
import org.controlsfx.control.StatusBar;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Controller of {@code session.fxml}: hands the view's parts to the classes that run them (leak list,
 * groups, detail pane, ignore list, watch rules, status bar, banner, row menu, export, notifications), applies the
 * model's changes to them once per drained batch, and runs the toolbar. What a row means is decided in
 * {@code session}; this class and its parts only show it. FX thread only.
 */
public final class SessionController {
    /**
     * Events applied at a time within one drain, which goes on while {@link PulseBatcher#DRAIN_BUDGET_NANOS}
     * lasts; at most {@link #MAX_EVENTS_PER_DRAIN} in all, so the list's update after them stays short too.
     */
    static final int EVENTS_PER_STEP = 250;
    /** Events applied per drain at most: a burst larger than this is spread over several pulses. */
    static final int MAX_EVENTS_PER_DRAIN = 5_000;
    /** The timeline is redrawn at most this often while a burst of events is applied (its redraw walks every row). */
    private static final long TIMELINE_INTERVAL_MILLIS = 250;
    /** At most this many selected leaks go into one Retain Cycle graph: more would not be readable. */
    static final int MAX_EXPLAINED = 20;

    @FXML private Button detachButton;
    @FXML private Button retainCycleButton;
    @FXML private TextField searchField;
    @FXML private ChoiceBox<LeakFilter.Shown> shownChoice;
    @FXML private Label hiddenLabel;
    @FXML private Hyperlink showAllLink;
    @FXML private Button timeRangeChip;
    @FXML private ToggleButton groupToggle;
    @FXML private ToggleButton muteToggle;
    @FXML private Label banner;
    @FXML private TimelineStrip timeline;
    @FXML private SplitPane listSplit;
    @FXML private TableView<LeakRecord> leakTable;
    @FXML private TableColumn<LeakRecord, Long> timeColumn;
    @FXML private TableColumn<LeakRecord, LeakRecord> statusColumn;
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
    @FXML private Label detailVerdict;
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
    @FXML private ListView<String> ruleList;
    @FXML private TextField ruleField;
    @FXML private Button addRuleButton;
    @FXML private Button removeRuleButton;
    @FXML private Label ruleMessage;
    @FXML private Tab rulesTab;
    @FXML private StatusBar statusBar;

    private AppContext context;
    private RecordedSession session;
    private SessionModel model;
    private Stage stage;
    private LeakList list;
    private GroupTable groups;
    private DetailPane detail;
    private SessionStatusBar status;
    private SessionBanner sessionBanner;
    private IgnoreListEditor ignores;
    private WatchRulesEditor rules;
    private SessionExporter exporter;
    private LeakNotifier notifier;
    private TimeRangeChip timeRange;
    private BurstThrottle timelineRefresh;

    @FXML
    private void initialize() {
        shownChoice.getItems().setAll(LeakFilter.Shown.values());
        shownChoice.setValue(LeakFilter.DEFAULT.shown());
        showAllLink.setOnAction(event -> showAll());
        searchField.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                searchField.clear();
                leakTable.requestFocus();
            }
        });
    }

    /** Shows {@code recorded} in this view; rows already in its model appear at once. */
    void init(AppContext appContext, RecordedSession recorded, Stage window) {
        this.context = appContext;
        this.session = recorded;
        this.model = recorded.model();
        this.stage = window;
        notifier = new LeakNotifier(muteToggle, appContext, recorded, window);
        list = new LeakList(leakTable, timeColumn, statusColumn, classColumn, triggerColumn, descendantsColumn,
                viewStackColumn, listPlaceholder, model, () -> status.say("At most "
                        + LeakList.MAX_SELECTED_ROWS + " rows can be selected at once; Retain Cycle explains up to "
                        + MAX_EXPLAINED + " leaks from one heap dump."));
        groups = new GroupTable(listSplit, model, this::updateFilter);
        detail = new DetailPane(breadCrumbs, crumbInfo, detailClass, detailStatus, detailVerdict, detailTrigger,
                detailWatched, detailReported, detailGc, detailDescendants, detailId);
        status = new SessionStatusBar(statusBar, model, window);
        sessionBanner = new SessionBanner(banner, recorded.file(), recorded.skippedSummary());
        ignores = new IgnoreListEditor(ignoreList, ignoreField, addIgnoreButton, removeIgnoreButton, recorded,
                appContext.background(), status, this::drain);
        rules = new WatchRulesEditor(ruleList, ruleField, addRuleButton, removeRuleButton, ruleMessage, rulesTab, recorded,
                appContext.background());
        RowMenu.install(rowMenu, ignoreClassItem, ignorePackageItem, copyItem, list::selected, recorded, ignores);
        exporter = new SessionExporter(recorded, window, appContext.background(), status);

        list.selectedProperty().addListener((obs, old, row) -> showSelected(row));
        leakTable.getSelectionModel().getSelectedItems().addListener(
                (ListChangeListener<LeakRecord>) change -> updateRetainCycleButton());
        searchField.textProperty().addListener((obs, old, text) -> updateFilter());
        shownChoice.valueProperty().addListener((obs, old, shown) -> updateFilter());
        groupToggle.selectedProperty().addListener((obs, old, on) -> {
            groups.show(on);
            updateFilter();
        });
        timeline.setOnMarkClicked(this::selectWatch);
        timeRange = new TimeRangeChip(timeRangeChip, timeline, window.getScene(), this::updateFilter);
        timeline.setModel(model);
        timelineRefresh = new BurstThrottle(timeline::refresh, TIMELINE_INTERVAL_MILLIS);
        updateFilter();
        status.showTarget(recorded.isLive());
        window.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                () -> searchField.requestFocus());
        status.showStats();
        showState();
        ignores.show();
        rules.show();
        showSelected(null);
        Platform.runLater(leakTable::requestFocus);
    }

    /**
     * Applies what the feed has waiting, or what of it fits in the drain budget (the feed asks for another drain
     * for the rest), then updates the view once; called once per scheduled drain (never once per event).
     */
    void drain() {
        long start = System.nanoTime();
        SessionModel.ModelChanges changes = session.drain(EVENTS_PER_STEP);
        int applied = EVENTS_PER_STEP;
        while (!changes.isEmpty() && applied < MAX_EVENTS_PER_DRAIN && PulseBatcher.withinBudget(start)) {
            SessionModel.ModelChanges more = session.drain(EVENTS_PER_STEP);
            if (more.isEmpty()) {
                break;
            }
            changes = changes.then(more);
            applied += EVENTS_PER_STEP;
        }
        if (changes.isEmpty()) {
            return;
        }
        boolean rowsChanged = !changes.newLeaks().isEmpty() || !changes.changedRows().isEmpty();
        list.apply(changes);
        if (changes.statsChanged()) {
            status.showStats();
        }
        if (changes.stateChanged()) {
            showState();
        } else if (rowsChanged) {
            status.showCounts();
        }
        if (rowsChanged) {
            showHiddenRows();
        }
        if (changes.ignoresChanged()) {
            ignores.show();
        }
        if (!changes.newErrors().isEmpty()) {
            rules.showAgentErrors(changes.newErrors());
        }
        if (groupToggle.isSelected() && rowsChanged) {
            groups.refreshSoon();
        }
        timelineRefresh.ask();
        notifier.notifyOf(changes);
    }

    /** Selects the row of {@code watchId} (a timeline mark was clicked) and scrolls to it. */
    void selectWatch(long watchId) {
        model.row(watchId).ifPresent(row -> {
            if (!list.isShown(watchId)) {
                showAll();
            }
            list.reveal(row);
            leakTable.requestFocus();
        });
    }

    private void showSelected(LeakRecord row) {
        timeline.setSelected(row);
        detail.show(row);
    }

    private void showState() {
        ConnectionState state = model.state();
        boolean live = state == ConnectionState.CONNECTED;
        detachButton.setDisable(!live);
        updateRetainCycleButton();
        ignores.setEditable(live);
        rules.setEditable(live);
        status.showState();
        sessionBanner.show(state, model.sessionEnd().orElse(null));
        if (stage != null) {
            TargetInfo target = model.target();
            stage.setTitle(target.displayName() + " (pid " + target.pid() + ")"
                    + (state == ConnectionState.SAVED ? " \u2014 saved session" : live ? "" : " \u2014 ended")
                    + " \u2014 Leak Inspector");
        }
    }

    /** Shows the rows that pass the search, the status choice and, while grouping, the picked group. */
    private void updateFilter() {
        LeakFilter filter = currentFilter();
        LeakGroup group = groupToggle.isSelected() ? groups.selected() : null;
        Predicate<LeakRecord> predicate = group == null ? filter : filter.and(group::contains);
        list.show(predicate, group != null || !filter.equals(LeakFilter.EVERYTHING));
        showHiddenRows();
    }

    private LeakFilter currentFilter() {
        return new LeakFilter(shownChoice.getValue(), searchField.getText())
                .withReportedIn(timeRange == null ? null : timeRange.range());
    }

    /** Says how many rows the filter hides, and why, next to it; nothing when none is hidden. */
    private void showHiddenRows() {
        String hidden = currentFilter().hiddenText(model.counts(), list.shownCount(), list.keptRows());
        hiddenLabel.setText(hidden);
        for (Node node : List.of(hiddenLabel, showAllLink)) {
            node.setVisible(!hidden.isEmpty());
            node.setManaged(!hidden.isEmpty());
        }
    }

    /** Every row: no search, all statuses, no group. */
    private void showAll() {
        searchField.clear();
        timeline.clearBrush();
        shownChoice.setValue(LeakFilter.Shown.ALL);
        groupToggle.setSelected(false);
    }

    /** Retain Cycle needs a selected leak that is still alive and a target we are attached to. */
    private void updateRetainCycleButton() {
        boolean live = model.state() == ConnectionState.CONNECTED;
        retainCycleButton.setDisable(!live || leaksToExplain().isEmpty());
    }

    /** One heap dump explains every standing row selected (leak or retained), up to {@link #MAX_EXPLAINED}. */
    @FXML
    private void retainCycle() {
        List<LeakRecord> leaks = leaksToExplain();
        if (leaks.isEmpty() || session.live().isEmpty()) {
            return;
        }
        RetainCycleWindow.open(stage, context.background(), session.live().get(), leaks, session::conclude);
    }

    /** The selected rows still standing (a retracted one has nothing to explain), the shown one first. */
    private List<LeakRecord> leaksToExplain() {
        LeakRecord shown = list.selected();
        return list.selectedRows().stream()
                .filter(row -> row.status() == LeakRecord.Status.STANDING)
                .sorted(Comparator.comparing((LeakRecord row) -> row != shown))
                .limit(MAX_EXPLAINED)
                .toList();
    }

    @FXML
    private void detach() {
        detachButton.setDisable(true);
        status.say("Detaching\u2026");
        RecordedSession toDetach = session;
        // The end arrives through the feed like any other event, so the banner appears by itself.
        CompletableFuture.runAsync(() -> toDetach.detach("the user detached"), context.background());
    }

    @FXML
    private void exportText() {
        exporter.exportText();
    }

    @FXML
    private void exportJson() {
        exporter.exportJson();
    }

    /** Lets go of the session model, so a closed window cannot keep it alive through a listener. */
    void dispose() {
        timelineRefresh.cancel();
        timeline.setModel(null);
        timeline.setOnMarkClicked(null);
        // Groups first: dropping a picked group refilters the list, which must then be cleared for good.
        groups.dispose();
        list.clear();
    }
}
