package dev.leakinspector.app;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.LeakGroup;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionListener;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.session.TargetInfo;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session window headless, fed verdicts and retractions by the test: tiers (leak red, retained amber) and
 * reuse (its own colour) in the list, the timeline, the detail pane and the status bar; live instances per kind
 * in the group table; the default filter and what it says it hides.
 */
class SessionTiersViewTest {
    private static final TargetInfo TARGET = new TargetInfo(7, "com.acme.Shop", "21.0.5", "", "", List.of("javafx"),
            false, false);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private AppContext context;
    private RecordedSession session;
    private SessionWindow window;
    private long now;

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forUnitTests();

    /**
     * Two OrdersPages and a CartPage retained (detached from the same tab pane), a closed Settings window (a
     * leak, reported without a GC), a CartPage shown again (reused) and a closed Help window collected.
     */
    @BeforeEach
    void openWindow() throws Exception {
        context = new AppContext(dataDir, SessionSettings.defaults());
        context.setNotificationsMuted(true);
        PulseBatcher batcher = AppFx.call(PulseBatcher::new);
        session = RecordedSession.unattached(TARGET, dataDir.resolve("t.lisession"), batcher.scheduler());
        window = AppFx.call(() -> SessionWindow.open(context, session, batcher));
        AppFx.run(() -> window.stage().setWidth(1280));
        now = System.currentTimeMillis();
        SessionListener feed = session.feedListener();
        feed.onMessage(new Stats(now - 20_000, 10_000_000, 100_000_000, 3, 0, 0, 0));
        feed.onMessage(page(1, "com.acme.ui.OrdersPage", now - 15_000));
        feed.onMessage(page(2, "com.acme.ui.OrdersPage", now - 12_000));
        feed.onMessage(new LeakSuspected(3, "javafx.stage.Stage", "window hidden", List.of("Stage \"Settings\"", "Scene"),
                4, now - 11_000, now - 9_000, false, Verdict.LEAK, "the program runs with -XX:+DisableExplicitGC"));
        feed.onMessage(page(4, "com.acme.ui.CartPage", now - 6_000));
        feed.onMessage(new LeakSuspected(5, "javafx.stage.Stage", "window hidden", List.of("Stage \"Help\"", "Scene"),
                4, now - 5_000, now - 3_000, true, Verdict.LEAK, ""));
        feed.onMessage(new ObjectReused(4, 4_500));      // at now - 3,500
        feed.onMessage(new ObjectDeallocated(5, 3_000)); // at now - 2,000
        feed.onMessage(new Stats(now, 12_000_000, 100_000_000, 3, 0, 5, 0));
        AppFx.await("every report applied", WAIT, () -> session.model().counts().total() == 5
                && session.model().counts().deallocated() == 1);
    }

    @AfterEach
    void close() throws Exception {
        AppFx.run(() -> window.stage().close());
        context.close();
    }

    private static LeakSuspected page(long id, String className, long reportedAt) {
        return new LeakSuspected(id, className, "node detached",
                List.of("Stage \"Shop\"", "Scene", "TabPane#pages", className.substring(className.lastIndexOf('.') + 1)),
                0, reportedAt - 2_000, reportedAt, true, Verdict.RETAINED, "");
    }

    private <T extends Node> T lookup(String selector) throws Exception {
        return SessionWindowIT.lookup(window.stage(), selector);
    }

    @Test
    void theDefaultFilterShowsStandingReportsAndSaysWhatItHides() throws Exception {
        TableView<LeakRecord> list = lookup("#leakTable");
        Label hidden = lookup("#hiddenLabel");
        Hyperlink showAll = lookup("#showAllLink");
        ChoiceBox<LeakFilter.Shown> shown = lookup("#shownChoice");
        assertEquals("Standing (leak + retained)", AppFx.call(() -> shown.getValue().toString()));
        AppFx.await("the standing rows", WAIT, () -> ids(list).equals(List.of(1L, 2L, 3L)));
        assertEquals("2 hidden: 1 reused, 1 deallocated", AppFx.call(hidden::getText));
        assertTrue(AppFx.call(() -> hidden.isVisible() && showAll.isVisible()));

        AppFx.run(showAll::fire);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), AppFx.call(() -> ids(list)));
        assertEquals(LeakFilter.Shown.ALL, AppFx.call(shown::getValue));
        assertFalse(AppFx.call(hidden::isVisible));

        AppFx.run(() -> shown.setValue(LeakFilter.Shown.REUSED));
        assertEquals(List.of(4L), AppFx.call(() -> ids(list)));
        assertEquals("4 hidden: 1 leak, 2 retained, 1 deallocated", AppFx.call(hidden::getText));

        // A reuse arriving under the default filter takes its row out of the list, and the note counts it.
        AppFx.run(() -> shown.setValue(LeakFilter.Shown.STANDING));
        session.feedListener().onMessage(new ObjectReused(2, 9_000));
        AppFx.await("the reused row hidden", WAIT, () -> ids(list).equals(List.of(1L, 3L)));
        assertEquals("3 hidden: 2 reused, 1 deallocated", AppFx.call(hidden::getText));
    }

    @Test
    void aSelectedRowReusedUnderTheDefaultFilterStaysUntilTheUserFiltersAgain() throws Exception {
        TableView<LeakRecord> list = lookup("#leakTable");
        Label status = lookup("#detailStatus");
        Label hidden = lookup("#hiddenLabel");
        ChoiceBox<LeakFilter.Shown> shown = lookup("#shownChoice");
        AppFx.await("the standing rows", WAIT, () -> ids(list).equals(List.of(1L, 2L, 3L)));
        AppFx.run(() -> list.getSelectionModel().select(1));

        session.feedListener().onMessage(new ObjectReused(2, 9_000));
        AppFx.await("the reuse applied", WAIT, () -> list.getItems().get(1).isReused());
        assertEquals(List.of(1L, 2L, 3L), AppFx.call(() -> ids(list)), "the row the user reads stays");
        assertEquals(2L, (long) AppFx.call(() -> list.getSelectionModel().getSelectedItem().watchId()));
        assertEquals("Reused after 9.0 s", AppFx.call(status::getText));
        assertEquals("2 hidden: 1 reused, 1 deallocated", AppFx.call(hidden::getText), "the kept row is not hidden");

        AppFx.run(() -> shown.setValue(LeakFilter.Shown.ALL));
        AppFx.run(() -> shown.setValue(LeakFilter.Shown.STANDING));
        assertEquals(List.of(1L, 3L), AppFx.call(() -> ids(list)), "filtering anew applies the filter");
        assertEquals("3 hidden: 2 reused, 1 deallocated", AppFx.call(hidden::getText));
    }

    @Test
    void statusCellsShowTiersApartAndReuseInItsOwnStyle() throws Exception {
        TableView<LeakRecord> list = lookup("#leakTable");
        AppFx.run(() -> ((Hyperlink) window.stage().getScene().lookup("#showAllLink")).fire());
        AppFx.await("every row", WAIT, () -> list.getItems().size() == 5);
        AppFx.awaitPulse();
        assertEquals(Map.of(
                        "Retained", List.of("status-retained"),
                        "Leak", List.of("status-leak"),
                        "Reused after 4.5 s", List.of("status-reused"),
                        "Deallocated after 3.0 s", List.of("status-deallocated")),
                AppFx.call(() -> statusCells(list)));
        assertTrue(AppFx.call(() -> rowOf(list, 4).getPseudoClassStates().contains(PseudoClass.getPseudoClass("reused"))));
        assertTrue(AppFx.call(() -> rowOf(list, 1).getPseudoClassStates().contains(PseudoClass.getPseudoClass("retained"))));
        Color reusedText = AppFx.call(() -> (Color) statusCell(list, 4).getTextFill());
        Color deallocatedText = AppFx.call(() -> (Color) statusCell(list, 5).getTextFill());
        Color leakText = AppFx.call(() -> (Color) statusCell(list, 3).getTextFill());
        Color retainedText = AppFx.call(() -> (Color) statusCell(list, 1).getTextFill());
        assertTrue(distance(reusedText, deallocatedText) > 0.2, "reused is not the deallocation green: " + reusedText);
        assertTrue(distance(leakText, retainedText) > 0.2, "leak and retained apart: " + leakText + " " + retainedText);

        // Two OrdersPages pile up: the agent escalates both.
        for (long id : new long[] {1, 2}) {
            session.feedListener().onMessage(new VerdictChanged(id, Verdict.LEAK, "2 instances of OrdersPage retained"));
        }
        AppFx.await("the escalation", WAIT, () -> list.getItems().get(0).verdict() == Verdict.LEAK);
        AppFx.awaitPulse();
        assertEquals(List.of("status-leak"), AppFx.call(() -> statusCells(list).get("Leak")));
        assertFalse(AppFx.call(() -> statusCells(list)).containsKey("Retained"));
        assertTrue(AppFx.call(() -> rowOf(list, 1).getPseudoClassStates().contains(PseudoClass.getPseudoClass("leak"))));
    }

    @Test
    void theStatusBarCountsEachTierAndReuseWithoutBeingCutOff() throws Exception {
        Label counts = lookup("#reportCounts");
        assertEquals("1 leak \u00b7 2 retained \u00b7 1 reused \u00b7 1 deallocated", AppFx.call(counts::getText));
        session.feedListener().onMessage(new VerdictChanged(1, Verdict.LEAK, "2 instances of OrdersPage retained"));
        AppFx.await("the escalation counted", WAIT,
                () -> counts.getText().equals("2 leaks \u00b7 1 retained \u00b7 1 reused \u00b7 1 deallocated"));

        // A narrow window: the target name and the state give way, the counts do not.
        AppFx.run(() -> window.stage().setWidth(760));
        AppFx.awaitPulse();
        AppFx.awaitPulse();
        assertEquals("2 leaks \u00b7 1 retained \u00b7 1 reused \u00b7 1 deallocated",
                AppFx.call(() -> ((Text) counts.lookup(".text")).getText()), "the shown text is not elided");
        assertTrue(AppFx.call(() -> counts.getWidth() >= counts.prefWidth(-1) - 0.5));
    }

    @Test
    void theGroupTableShowsLiveInstancesPerKind() throws Exception {
        ToggleButton group = lookup("#groupToggle");
        AppFx.run(() -> group.setSelected(true));
        @SuppressWarnings("unchecked")
        TableView<LeakGroup> groups = (TableView<LeakGroup>) AppFx.call(() -> window.stage().getScene().lookup("#groupTable"));
        assertEquals(List.of("com.acme.ui.OrdersPage 2 live 2", "javafx.stage.Stage 2 live 1", "com.acme.ui.CartPage 1 live 0"),
                AppFx.call(() -> groups.getItems().stream()
                        .map(g -> g.className() + " " + g.count() + " live " + g.live()).toList()));
        assertEquals(List.of(2, 1, 0), AppFx.call(() -> List.of(liveCell(groups, 0), liveCell(groups, 1), liveCell(groups, 2))));

        // A third OrdersPage piles up; one reused later: the live count follows, within the table's refresh.
        session.feedListener().onMessage(page(6, "com.acme.ui.OrdersPage", System.currentTimeMillis()));
        session.feedListener().onMessage(new ObjectReused(1, 20_000));
        AppFx.await("the group refreshed", WAIT, () -> groups.getItems().get(0).count() == 3);
        assertEquals(2, (int) AppFx.call(() -> liveCell(groups, 0)));
        assertEquals(1L, (long) AppFx.call(() -> groups.getItems().get(0).counts().reused()));
    }

    @Test
    void theDetailPaneShowsTheVerdictItsReasonAndWhyNoGcConfirmedIt() throws Exception {
        TableView<LeakRecord> list = lookup("#leakTable");
        Label verdict = lookup("#detailVerdict");
        Label gc = lookup("#detailGc");
        Label status = lookup("#detailStatus");
        AppFx.run(() -> list.getSelectionModel().select(2)); // the Settings window, reported without a GC
        assertEquals(3L, (long) AppFx.call(() -> list.getSelectionModel().getSelectedItem().watchId()));
        Label tier = lookup("#detailVerdictTier");
        assertEquals("Leak:", AppFx.call(tier::getText));
        assertTrue(AppFx.call(() -> tier.getStyleClass().contains("status-leak")));
        assertTrue(AppFx.call(verdict::getText).startsWith("should have been collected"), AppFx.call(verdict::getText));
        assertTrue(AppFx.call(gc::getText).contains("the program runs with -XX:+DisableExplicitGC"), AppFx.call(gc::getText));

        session.feedListener().onMessage(new VerdictChanged(1, Verdict.LEAK, "2 instances of OrdersPage retained"));
        AppFx.await("the escalation", WAIT, () -> session.model().row(1).orElseThrow().verdict() == Verdict.LEAK);
        AppFx.run(() -> list.getSelectionModel().select(0));
        assertEquals("Leak: 2 instances of OrdersPage retained", AppFx.call(() -> tier.getText() + " " + verdict.getText()));
        assertEquals("yes: still alive after a GC", AppFx.call(gc::getText));

        AppFx.run(() -> ((Hyperlink) window.stage().getScene().lookup("#showAllLink")).fire());
        AppFx.run(() -> list.getSelectionModel().select(list.getItems().indexOf(session.model().row(4).orElseThrow())));
        assertEquals("Reused after 4.5 s", AppFx.call(status::getText));
        assertTrue(AppFx.call(() -> status.getStyleClass().contains("status-reused")));
        assertEquals("Retained when reported:", AppFx.call(tier::getText), "the verdict it had");
        assertTrue(AppFx.call(() -> tier.getStyleClass().contains("status-retained")));
    }

    @Test
    void theTimelineMarksReuseInItsOwnColourAndReportsByTier() throws Exception {
        TimelineStrip timeline = lookup("#timeline");
        LeakRecord lastReused = AppFx.call(() -> session.model().row(4).orElseThrow());
        // the timeline is redrawn once a burst of events is over: wait until it draws the reuse mark
        AppFx.await("the reuse mark drawn", WAIT, () -> timeline.markAt(timeline.xOf(lastReused.reusedAtMillis()),
                timeline.retractionBandY() + 6) == 4L);
        AppFx.awaitPulse();
        WritableImage strip = AppFx.call(() -> timeline.canvas().snapshot(null, null));
        double retractions = AppFx.call(timeline::retractionBandY) + 6;
        double reports = AppFx.call(timeline::reportBandY) + 6;
        LeakRecord reused = AppFx.call(() -> session.model().row(4).orElseThrow());
        LeakRecord deallocated = AppFx.call(() -> session.model().row(5).orElseThrow());
        LeakRecord leak = AppFx.call(() -> session.model().row(3).orElseThrow());
        LeakRecord retained = AppFx.call(() -> session.model().row(1).orElseThrow());
        assertColour(TimelineStrip.REUSED, strip, AppFx.call(() -> timeline.xOf(reused.reusedAtMillis())), retractions, "reuse mark");
        assertColour(TimelineStrip.DEALLOCATED, strip, AppFx.call(() -> timeline.xOf(deallocated.deallocatedAtMillis())),
                retractions, "deallocation mark");
        assertColour(TimelineStrip.LEAK, strip, AppFx.call(() -> timeline.xOf(leak.reportedAtMillis())), reports, "leak report");
        assertColour(TimelineStrip.RETAINED, strip, AppFx.call(() -> timeline.xOf(retained.reportedAtMillis())), reports,
                "retained report");
        assertEquals(4L, (long) AppFx.call(() -> timeline.markAt(timeline.xOf(reused.reusedAtMillis()), retractions)),
                "the reuse mark is its row's");

        // Its row is hidden by the default filter: clicking the mark shows every row and selects it.
        TableView<LeakRecord> list = lookup("#leakTable");
        AppFx.run(() -> {
            Node canvas = timeline.canvas();
            // A fired event's x and y are the scene's; the canvas sees them in its own coordinates.
            Point2D click = canvas.localToScene(timeline.xOf(reused.reusedAtMillis()), retractions);
            Event.fireEvent(canvas, new MouseEvent(MouseEvent.MOUSE_CLICKED, click.getX(), click.getY(), 0, 0,
                    MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, true, false, false, null));
        });
        assertEquals(4L, (long) AppFx.call(() -> list.getSelectionModel().getSelectedItem().watchId()));
        assertEquals(LeakFilter.Shown.ALL, AppFx.call(() -> ((ChoiceBox<?>) lookup("#shownChoice")).getValue()));
    }

    private static void assertColour(Color expected, WritableImage image, double x, double y, String what) {
        Color actual = image.getPixelReader().getColor((int) Math.round(x), (int) Math.round(y));
        assertTrue(distance(expected, actual) < 0.08, what + ": expected " + expected + " at " + x + ", got " + actual);
    }

    private static double distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
    }

    private static List<Long> ids(TableView<LeakRecord> list) {
        return list.getItems().stream().map(LeakRecord::watchId).toList();
    }

    /** Each status text shown in the list, with the status style classes of its cell. */
    private static Map<String, List<String>> statusCells(TableView<LeakRecord> list) {
        Map<String, List<String>> cells = new TreeMap<>();
        for (Node node : list.lookupAll(".table-cell")) {
            if (node instanceof TableCell<?, ?> cell && !cell.isEmpty() && cell.getTableColumn() != null
                    && "statusColumn".equals(cell.getTableColumn().getId())) {
                cells.put(cell.getText(), cell.getStyleClass().stream().filter(style -> style.startsWith("status-")).toList());
            }
        }
        return cells;
    }

    private static TableCell<?, ?> statusCell(TableView<LeakRecord> list, long watchId) {
        for (Node node : list.lookupAll(".table-cell")) {
            if (node instanceof TableCell<?, ?> cell && !cell.isEmpty() && cell.getTableColumn() != null
                    && "statusColumn".equals(cell.getTableColumn().getId())
                    && cell.getTableRow() != null && cell.getTableRow().getItem() instanceof LeakRecord row
                    && row.watchId() == watchId) {
                return cell;
            }
        }
        throw new AssertionError("no status cell for watch " + watchId);
    }

    private static TableRow<?> rowOf(TableView<LeakRecord> list, long watchId) {
        for (Node node : list.lookupAll(".table-row-cell")) {
            if (node instanceof TableRow<?> row && row.getItem() instanceof LeakRecord record && record.watchId() == watchId) {
                return row;
            }
        }
        throw new AssertionError("no row for watch " + watchId);
    }

    /** The "Live" column's value in the group table's row {@code index}. */
    private static int liveCell(TableView<LeakGroup> groups, int index) {
        return (Integer) groups.getColumns().stream().filter(column -> "groupLive".equals(column.getId())).findFirst()
                .orElseThrow().getCellData(index);
    }
}
