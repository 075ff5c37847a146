package dev.leakinspector.app;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LeakGroup;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.session.TargetInfo;
import javafx.event.Event;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session window headless, fed by the test instead of an agent: timeline marks and rows select each
 * other, search and status filter, grouping counts, "Ignore package" marks rows and fills the ignore list.
 */
class SessionViewTest {
    private static final TargetInfo TARGET = new TargetInfo(7, "com.acme.Shop", "21.0.5", "", "", List.of("javafx"),
            false, false);

    @TempDir
    Path dataDir;

    private AppContext context;
    private RecordedSession session;
    private SessionWindow window;

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forUnitTests();

    @BeforeEach
    void openWindow() throws Exception {
        context = new AppContext(dataDir, SessionSettings.defaults());
        context.setNotificationsMuted(true);
        PulseBatcher batcher = AppFx.call(PulseBatcher::new);
        session = RecordedSession.unattached(TARGET, dataDir.resolve("t.lisession"), batcher.scheduler());
        window = AppFx.call(() -> SessionWindow.open(context, session, batcher));
        long now = System.currentTimeMillis();
        var feed = session.feedListener();
        feed.onMessage(new Stats(now - 20_000, 10_000_000, 100_000_000, 3, 0, 0, 0));
        feed.onMessage(leak(1, "com.acme.ui.OrdersPage", "Stage \"Orders\"", now - 15_000));
        feed.onMessage(leak(2, "com.acme.ui.OrdersPage", "Stage \"Invoices\"", now - 10_000));
        feed.onMessage(leak(3, "javafx.stage.Stage", "Stage \"Settings\"", now - 5_000));
        feed.onMessage(new ObjectDeallocated(2, 4000));
        feed.onMessage(new Stats(now, 12_000_000, 100_000_000, 3, 0, 3, 0));
        TableView<LeakRecord> list = table();
        AppFx.await("the two standing rows", Duration.ofSeconds(10), () -> list.getItems().size() == 2);
        Label hidden = SessionWindowIT.lookup(window.stage(), "#hiddenLabel");
        assertEquals("1 hidden: 1 deallocated", AppFx.call(hidden::getText), "the default filter says what it hides");
        assertTrue(AppFx.call(hidden::isVisible));
        // These tests are about every row: the one link shows them all.
        Hyperlink showAll = SessionWindowIT.lookup(window.stage(), "#showAllLink");
        AppFx.run(showAll::fire);
        AppFx.await("every row", Duration.ofSeconds(10), () -> list.getItems().size() == 3);
        assertFalse(AppFx.call(hidden::isVisible), "nothing hidden, nothing said");
    }

    @AfterEach
    void close() throws Exception {
        AppFx.run(() -> window.stage().close());
        context.close();
    }

    private static LeakSuspected leak(long id, String className, String window, long reportedAt) {
        return new LeakSuspected(id, className, "window hidden", List.of(window, "Scene", "BorderPane"), 5,
                reportedAt - 2000, reportedAt, true, Verdict.LEAK, "");
    }

    private TableView<LeakRecord> table() throws Exception {
        return SessionWindowIT.lookup(window.stage(), "#leakTable");
    }

    @Test
    void clickingATimelineMarkSelectsItsRowAndSelectingARowMarksIt() throws Exception {
        TimelineStrip timeline = SessionWindowIT.lookup(window.stage(), "#timeline");
        TableView<LeakRecord> list = table();
        LeakRecord third = AppFx.call(() -> session.model().row(3).orElseThrow());
        // the timeline is redrawn once a burst of events is over: wait until it draws the third report's mark
        AppFx.await("the third report's mark drawn", Duration.ofSeconds(10), () ->
                timeline.markAt(timeline.xOf(third.reportedAtMillis()), timeline.reportBandY() + 6) == 3L);
        AppFx.run(() -> {
            var canvas = timeline.canvas();
            // A fired event's x and y are the scene's; the canvas sees them in its own coordinates.
            var click = canvas.localToScene(timeline.xOf(third.reportedAtMillis()), timeline.reportBandY() + 6);
            Event.fireEvent(canvas, new MouseEvent(MouseEvent.MOUSE_CLICKED, click.getX(), click.getY(), 0, 0, MouseButton.PRIMARY, 1,
                    false, false, false, false, true, false, false, true, false, false, null));
        });
        assertEquals(3L, (long) AppFx.call(() -> list.getSelectionModel().getSelectedItem().watchId()));
        assertSame(AppFx.call(() -> list.getSelectionModel().getSelectedItem()), AppFx.call(timeline::selected));

        AppFx.run(() -> list.getSelectionModel().select(0));
        assertEquals(1L, (long) AppFx.call(() -> timeline.selected().watchId()));
        AppFx.run(() -> list.getSelectionModel().clearSelection());
        assertNull(AppFx.call(timeline::selected));
    }

    @Test
    void searchAndStatusFilterTheListAndGroupingCountsEqualLeaks() throws Exception {
        TableView<LeakRecord> list = table();
        TextField search = SessionWindowIT.lookup(window.stage(), "#searchField");
        ChoiceBox<LeakFilter.Shown> shown = SessionWindowIT.lookup(window.stage(), "#shownChoice");
        AppFx.run(() -> search.setText("settings"));
        assertEquals(List.of(3L), ids(list));
        AppFx.run(() -> search.setText("orderspage  INVOICES"));
        assertEquals(List.of(2L), ids(list), "every word must match, in any field, ignoring case");
        AppFx.run(() -> {
            search.clear();
            shown.setValue(LeakFilter.Shown.DEALLOCATED);
        });
        assertEquals(List.of(2L), ids(list));
        AppFx.run(() -> shown.setValue(LeakFilter.Shown.ALL));

        ToggleButton group = SessionWindowIT.lookup(window.stage(), "#groupToggle");
        AppFx.run(() -> group.setSelected(true));
        @SuppressWarnings("unchecked")
        TableView<LeakGroup> groups = (TableView<LeakGroup>) AppFx.call(() -> window.stage().getScene().lookup("#groupTable"));
        assertEquals(List.of(2, 1), AppFx.call(() -> groups.getItems().stream().map(LeakGroup::count).toList()));
        assertEquals(1, (int) AppFx.call(() -> groups.getItems().get(0).live()));
        AppFx.run(() -> groups.getSelectionModel().select(1));
        assertEquals(List.of(3L), ids(list), "picking a group lists its rows");
    }

    @Test
    void ignorePackageFromTheRowMenuMarksRowsAndListsTheGlob() throws Exception {
        TableView<LeakRecord> list = table();
        AppFx.run(() -> list.getSelectionModel().select(0));
        ContextMenu menu = AppFx.call(() -> list.getContextMenu());
        AppFx.run(() -> menu.getOnShowing().handle(null));
        MenuItem ignorePackage = AppFx.call(() -> menu.getItems().get(1));
        assertEquals("Ignore package (com.acme.ui.*)", AppFx.call(ignorePackage::getText));
        AppFx.run(ignorePackage::fire);

        assertEquals(List.of("Ignored", "Deallocated after 4.0 s", "Leak"),
                AppFx.call(() -> list.getItems().stream().map(LeakRecord::statusText).toList()));
        ListView<String> ignores = SessionWindowIT.lookup(window.stage(), "#ignoreList");
        assertEquals(List.of("com.acme.ui.*"), AppFx.call(() -> List.copyOf(ignores.getItems())));
        assertEquals(List.of("com.acme.ui.*"), AppFx.call(() -> session.model().ignoreGlobs()));
        assertTrue(AppFx.call(() -> window.stage().getScene().lookup("#removeIgnoreButton").isDisabled()));
        AppFx.run(() -> {
            ignores.getSelectionModel().select(0);
            ((javafx.scene.control.Button) window.stage().getScene().lookup("#removeIgnoreButton")).fire();
        });
        assertEquals(List.of(), AppFx.call(() -> session.model().ignoreGlobs()));
        assertEquals("Leak", AppFx.call(() -> list.getItems().get(0).statusText()), "un-ignoring clears the mark");
    }

    /** Retain Cycle explains every selected leak from one dump: the selection of several rows must not decay. */
    @Test
    void severalSelectedRowsStaySelectedWhenLeaksArriveAndOneOfThemIsDeallocated() throws Exception {
        TableView<LeakRecord> list = table();
        AppFx.run(() -> list.getSelectionModel().selectIndices(0, 2));
        assertEquals(3L, (long) AppFx.call(() -> list.getSelectionModel().getSelectedItem().watchId()));

        var feed = session.feedListener();
        feed.onMessage(leak(4, "com.acme.ui.CartPage", "Stage \"Cart\"", System.currentTimeMillis()));
        feed.onMessage(new ObjectDeallocated(1, 7000));
        AppFx.await("the new row and the retraction", Duration.ofSeconds(10), () -> list.getItems().size() == 4
                && list.getItems().get(0).status() == LeakRecord.Status.DEALLOCATED);

        assertEquals(List.of("1 Deallocated after 7.0 s", "3 Leak"), AppFx.call(() -> list.getSelectionModel()
                .getSelectedItems().stream().map(row -> row.watchId() + " " + row.statusText()).sorted().toList()));
        assertEquals(3L, (long) AppFx.call(() -> list.getSelectionModel().getSelectedItem().watchId()),
                "the row whose details are shown stays the same");
    }

    /** Tens of thousands of selected rows would freeze the list as rows arrive: Ctrl+A does nothing, long ranges are cut. */
    @Test
    void theSelectionIsKeptSmallEnoughForTheListToStayResponsive() throws Exception {
        TableView<LeakRecord> list = table();
        AppFx.run(() -> {
            list.getSelectionModel().clearAndSelect(1);
            Event.fireEvent(list, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.A, false, true, false, false));
        });
        assertEquals(List.of(1), AppFx.call(() -> List.copyOf(list.getSelectionModel().getSelectedIndices())),
                "Ctrl+A selects nothing more");

        var feed = session.feedListener();
        long now = System.currentTimeMillis();
        for (int i = 0; i < LeakList.MAX_SELECTED_ROWS + 10; i++) {
            feed.onMessage(leak(100 + i, "com.acme.ui.Page" + i, "Stage \"Page\"", now));
        }
        int rows = 3 + LeakList.MAX_SELECTED_ROWS + 10;
        AppFx.await("the new rows", Duration.ofSeconds(20), () -> list.getItems().size() == rows);
        AppFx.run(() -> list.getSelectionModel().selectRange(0, rows));
        AppFx.await("the range cut back to its last row", Duration.ofSeconds(10),
                () -> list.getSelectionModel().getSelectedIndices().equals(List.of(rows - 1)));
        assertTrue(AppFx.call(() -> ((org.controlsfx.control.StatusBar) window.stage().getScene().lookup("#statusBar"))
                .getText()).startsWith("At most " + LeakList.MAX_SELECTED_ROWS + " rows can be selected"));
    }

    private static List<Long> ids(TableView<LeakRecord> list) throws Exception {
        return AppFx.call(() -> list.getItems().stream().map(LeakRecord::watchId).toList());
    }
}
