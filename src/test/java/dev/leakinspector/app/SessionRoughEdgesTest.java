package dev.leakinspector.app;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionListener;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.session.TargetInfo;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Text;
import javafx.stage.Popup;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rough edges of the session window a new user met (issue 12), headless and fed by the test: an ended
 * session shows no live figures and nothing in the status bar is cut but the state message; the Class
 * column shows the simple name with the package on hover; the detail pane's text beside "Class" is about the
 * reported object; notices stay inside the screen, a leak's until closed; watch rules are checked, listed
 * and answered.
 */
class SessionRoughEdgesTest {
    private static final TargetInfo TARGET = new TargetInfo(7, "com.acme.Shop", "17.0.2", "", "", List.of("javafx"),
            false, false);
    private static final java.time.Duration WAIT = java.time.Duration.ofSeconds(10);
    private static final String NESTED = "dev.leakinspector.demo.SwappedPagePattern$OrdersPage";

    @TempDir
    Path dataDir;

    private AppContext context;
    private RecordedSession session;
    private SessionWindow window;
    private SessionListener feed;

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
        feed = session.feedListener();
        feed.onMessage(new Stats(now - 20_000, 10_000_000, 100_000_000, 3, 0, 0, 0));
        feed.onMessage(new LeakSuspected(1, "javafx.stage.Stage", "window hidden",
                List.of("Stage \"Settings\"", "Scene", "BorderPane"), 5, now - 12_000, now - 10_000, true, Verdict.LEAK, ""));
        feed.onMessage(new LeakSuspected(2, NESTED, "node detached",
                List.of("Stage \"Shop\"", "Scene", "TabPane#pages"), 0, now - 7_000, now - 5_000, true, Verdict.RETAINED, ""));
        AppFx.await("both reports", WAIT, () -> session.model().counts().total() == 2);
    }

    @AfterEach
    void close() throws Exception {
        AppFx.run(() -> window.stage().close());
        context.close();
    }

    private <T extends Node> T lookup(String selector) throws Exception {
        return SessionWindowIT.lookup(window.stage(), selector);
    }

    /** The text a label really draws (elided or not). */
    private static String shownText(Label label) throws Exception {
        return AppFx.call(() -> ((Text) label.lookup(".text")).getText());
    }

    @Test
    void anEndedSessionShowsNoLiveFiguresAndOnlyTheStateMessageGivesWay() throws Exception {
        Label watches = lookup("#statusWatches");
        Label heap = lookup("#statusHeap");
        AppFx.await("the live figures", WAIT, () -> watches.isVisible() && watches.getText().equals("3 live watches"));
        assertTrue(AppFx.call(heap::isVisible));

        feed.onEnded(new SessionEnd(SessionEnd.Kind.DETACHED,
                "the user detached; every report is kept in the session file, which can be reopened at any time"));
        StatusBar bar = lookup("#statusBar");
        AppFx.await("the end", WAIT, () -> bar.getText().startsWith("Ended"));
        assertFalse(AppFx.call(watches::isVisible), "no live watches for a target no longer attached");
        assertFalse(AppFx.call(heap::isVisible), "no heap figure of a target no longer attached");

        AppFx.run(() -> window.stage().setWidth(760));
        AppFx.awaitPulse();
        AppFx.awaitPulse();
        Label counts = lookup("#reportCounts");
        Label target = lookup("#statusTarget");
        assertEquals("1 leak \u00b7 1 retained \u00b7 0 reused \u00b7 0 deallocated", shownText(counts), "the counts are never cut");
        assertEquals("Shop \u00b7 pid 7 \u00b7 Java 17.0.2", shownText(target), "the target is never cut");
        assertEquals(AppFx.call(bar::getText), AppFx.call(() -> bar.getTooltip().getText()),
                "the state message, which may be cut, is whole in its tooltip");
        assertEquals("com.acme.Shop \u00b7 pid 7 \u00b7 Java 17.0.2", AppFx.call(() -> target.getTooltip().getText()),
                "the main class by its simple name, the whole name on hover");
        assertEquals("leak-inspector.jar", SessionStatusBar.shortName("/home/me/target/leak-inspector.jar"));
        String cut = SessionStatusBar.shortName("pid 4711 started from a rather long command line indeed");
        assertEquals(SessionStatusBar.MAX_NAME_CHARS, cut.length());
        assertTrue(cut.endsWith("\u2026"), cut);
    }

    @Test
    void theClassColumnShowsTheSimpleNameAndThePackageOnHover() throws Exception {
        TableView<LeakRecord> list = lookup("#leakTable");
        AppFx.awaitPulse();
        @SuppressWarnings("unchecked")
        TableCell<LeakRecord, String> cell = AppFx.call(() -> list.lookupAll(".table-cell").stream()
                .filter(node -> node instanceof TableCell<?, ?> c && c.getTableColumn() != null
                        && "Class".equals(c.getTableColumn().getText()) && NESTED.equals(c.getItem()))
                .map(node -> (TableCell<LeakRecord, String>) node).findFirst().orElseThrow());
        assertEquals("OrdersPage", AppFx.call(cell::getText));
        assertEquals(NESTED + "\nnested in SwappedPagePattern\npackage dev.leakinspector.demo",
                AppFx.call(() -> cell.getTooltip().getText()));
        assertEquals("Shop$1", ClassNames.readable("com.acme.Shop$1"), "an anonymous class keeps its outer name");
        assertEquals("Stage", ClassNames.readable("javafx.stage.Stage"));
    }

    @Test
    void theDetailPaneDescribesTheReportedObjectBesideItsClass() throws Exception {
        TableView<LeakRecord> list = lookup("#leakTable");
        Label crumbInfo = lookup("#crumbInfo");
        AppFx.run(() -> list.getSelectionModel().select(session.model().row(1).orElseThrow()));
        assertEquals("A Stage titled \"Settings\", the window at the top of the view stack; this is the reported object.",
                AppFx.call(crumbInfo::getText));

        AppFx.run(() -> list.getSelectionModel().select(session.model().row(2).orElseThrow()));
        assertEquals("The reported object is an OrdersPage, not itself in the view stack: it was shown in a TabPane"
                + " with id \"pages\", level 2 below the window.", AppFx.call(crumbInfo::getText));
    }

    @Test
    void noticesStayInsideTheScreenAndALeaksStaysUntilClosed() throws Exception {
        NoticePopups popups = AppFx.call(() -> new NoticePopups(window.stage(), Duration.millis(300)));
        String longLine = "Stage \"Orders\" > Scene > BorderPane > TabPane#pages > OrdersPage > VBox#form > "
                + "GridPane > TextField#customerNameWithAVeryLongIdThatWouldRunPastAnyEdge";
        // The window at the right edge of the screen, where the pop-up used to run off.
        AppFx.run(() -> {
            Rectangle2D area = popups.usableArea();
            window.stage().setX(area.getMaxX() - window.stage().getWidth() / 2);
        });
        AppFx.run(() -> popups.show(new LeakNotices(LeakNotices.LEAK_TITLE, "OrdersPage in Shop is still alive after a GC\n"
                + longLine, true)));
        AppFx.run(() -> popups.show(new LeakNotices(LeakNotices.DEALLOCATED_TITLE, "Help in Shop was collected after all", false)));
        AppFx.awaitPulse();
        Rectangle2D area = AppFx.call(() -> javafx.stage.Screen.getPrimary().getVisualBounds());
        List<Popup> shown = AppFx.call(popups::shown);
        assertEquals(2, shown.size());
        for (Popup popup : shown) {
            AppFx.run(() -> {
                assertTrue(popup.getX() >= area.getMinX() && popup.getX() + popup.getWidth() <= area.getMaxX(),
                        "inside the screen horizontally: x " + popup.getX() + " width " + popup.getWidth() + " in " + area);
                assertTrue(popup.getY() >= area.getMinY() && popup.getY() + popup.getHeight() <= area.getMaxY(),
                        "inside the screen vertically: y " + popup.getY() + " height " + popup.getHeight() + " in " + area);
            });
        }
        assertTrue(AppFx.call(() -> shown.get(0).getY() + shown.get(0).getHeight() <= shown.get(1).getY()),
                "stacked, the newest at the bottom");

        // Information hides by itself, but not while the pointer is on it.
        Node info = AppFx.call(() -> shown.get(1).getContent().get(0));
        AppFx.run(() -> info.fireEvent(mouse(MouseEvent.MOUSE_ENTERED)));
        Thread.sleep(900); // three times its delay: nothing to await, it must not happen
        assertTrue(AppFx.call(() -> shown.get(1).isShowing()), "kept while read");
        AppFx.run(() -> info.fireEvent(mouse(MouseEvent.MOUSE_EXITED)));
        AppFx.await("the information notice hidden", WAIT, () -> !shown.get(1).isShowing());
        assertTrue(AppFx.call(() -> shown.get(0).isShowing()), "a leak's notice stays");

        Button closeButton = AppFx.call(() -> (Button) shown.get(0).getContent().get(0).lookup(".notice-close"));
        AppFx.run(closeButton::fire);
        assertFalse(AppFx.call(() -> shown.get(0).isShowing()), "closed by the user");
        assertTrue(AppFx.call(popups::shown).isEmpty());
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type) {
        return new MouseEvent(type, 1, 1, 1, 1, javafx.scene.input.MouseButton.NONE, 0, false, false, false, false,
                false, false, false, false, false, false, null);
    }

    /** The title of the detail pane's tab whose title starts with {@code start}. */
    private String tabTitled(String start) throws Exception {
        javafx.scene.control.TabPane tabs = lookup("#settingsTabs");
        return tabs.getTabs().stream().map(javafx.scene.control.Tab::getText).filter(text -> text.startsWith(start))
                .findFirst().orElseThrow();
    }

    @Test
    void watchRulesAreCheckedBeforeTheyAreSentAndTheAgentsAnswerIsShown() throws Exception {
        TextField field = lookup("#ruleField");
        Button add = lookup("#addRuleButton");
        Label message = lookup("#ruleMessage");
        @SuppressWarnings("unchecked")
        ListView<String> rules = (ListView<String>) lookup("#ruleList");

        AppFx.run(() -> {
            field.setText("com.acme.Session.close");
            add.fire();
        });
        assertTrue(AppFx.call(message::getText).contains("no '#' between class and method"), AppFx.call(message::getText));
        assertEquals("com.acme.Session.close", AppFx.call(field::getText), "the typo stays to be corrected");
        assertTrue(AppFx.call(() -> rules.getItems().isEmpty()));

        AppFx.run(() -> {
            field.setText(" com.acme.Session#close:this ");
            add.fire();
        });
        assertEquals(List.of("com.acme.Session#close:this"), AppFx.call(() -> List.copyOf(rules.getItems())));
        assertEquals(List.of("com.acme.Session#close:this"), AppFx.call(session::watchRules));
        assertEquals("Watch rules (1)", AppFx.call(() -> tabTitled("Watch rules")), "the tab says the session has rules");
        assertEquals("", AppFx.call(field::getText));
        assertTrue(AppFx.call(message::getText).contains("the object it was called on"), AppFx.call(message::getText));

        feed.onMessage(new AgentError("rules", "watch rule 'com.acme.Session#close:this' could not be installed: boom"));
        AppFx.await("the agent's answer", WAIT, () -> message.getText().equals(
                "The agent: watch rule 'com.acme.Session#close:this' could not be installed: boom"));

        Button remove = lookup("#removeRuleButton");
        AppFx.run(() -> {
            rules.getSelectionModel().select(0);
            remove.fire();
        });
        assertTrue(AppFx.call(session::watchRules).isEmpty());
        assertTrue(AppFx.call(() -> rules.getItems().isEmpty()));

        feed.onEnded(new SessionEnd(SessionEnd.Kind.TARGET_EXITED, "the program exited"));
        AppFx.await("read-only once ended", WAIT, () -> field.isDisabled() && add.isDisabled());
    }
}
