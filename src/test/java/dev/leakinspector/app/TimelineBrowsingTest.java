package dev.leakinspector.app;

import dev.leakinspector.app.timeline.TimelineScale;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.ConnectionState;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.session.TargetInfo;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Browsing the session window's timeline with the mouse and keys, headless: a range brushed with the robot
 * filters the list to exactly the reports made in it, the chip clears it with one click (Escape too); zoom
 * and pan move the view and pause follow-live, End resumes it. Also prints what one drawing of 100,000 marks
 * costs.
 */
class TimelineBrowsingTest {
    private static final TargetInfo TARGET = new TargetInfo(7, "com.acme.Shop", "21.0.5", "", "", List.of("javafx"),
            false, false);

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private AppContext context;
    private RecordedSession session;
    private SessionWindow window;
    private long now;

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forUnitTests();

    @BeforeEach
    void openWindowWithReportsTenSecondsApart() throws Exception {
        context = new AppContext(dataDir, SessionSettings.defaults());
        context.setNotificationsMuted(true);
        PulseBatcher batcher = AppFx.call(PulseBatcher::new);
        session = RecordedSession.unattached(TARGET, dataDir.resolve("t.lisession"), batcher.scheduler());
        window = AppFx.call(() -> SessionWindow.open(context, session, batcher));
        AppFx.run(() -> {
            window.stage().setWidth(1200);
            window.stage().setHeight(760);
        });
        now = System.currentTimeMillis();
        var feed = session.feedListener();
        feed.onMessage(new Stats(now - 60_000, 10_000_000, 100_000_000, 5, 0, 0, 0));
        for (int i = 1; i <= 5; i++) {
            feed.onMessage(leak(i, now - 60_000 + i * 10_000L));
        }
        feed.onMessage(new Stats(now, 40_000_000, 100_000_000, 5, 0, 5, 0));
        TableView<LeakRecord> list = table();
        AppFx.await("five rows", Duration.ofSeconds(10), () -> list.getItems().size() == 5);
        // the timeline is redrawn once a burst of events is over: wait until it draws the first and last marks
        TimelineStrip timeline = timeline();
        AppFx.await("the first and last marks drawn", Duration.ofSeconds(10), () ->
                timeline.markAt(timeline.xOf(now - 50_000), timeline.reportBandY() + 6) == 1L
                        && timeline.markAt(timeline.xOf(now - 10_000), timeline.reportBandY() + 6) == 5L);
        AppFx.awaitPulse();
    }

    @AfterEach
    void close() throws Exception {
        AppFx.run(() -> window.stage().close());
        context.close();
    }

    private static LeakSuspected leak(long id, long reportedAt) {
        return new LeakSuspected(id, "com.acme.ui.Page" + id, "window hidden", List.of("Stage \"Page " + id + "\"", "Scene"),
                0, reportedAt - 2000, reportedAt, true, id % 2 == 0 ? Verdict.RETAINED : Verdict.LEAK, "");
    }

    private TableView<LeakRecord> table() throws Exception {
        return SessionWindowIT.lookup(window.stage(), "#leakTable");
    }

    private TimelineStrip timeline() throws Exception {
        return SessionWindowIT.lookup(window.stage(), "#timeline");
    }

    /** Where a moment of the timeline is on screen, at height {@code y} of its canvas. */
    private Point2D onScreen(TimelineStrip timeline, long millis, double y) throws Exception {
        return AppFx.call(() -> timeline.canvas().localToScreen(timeline.xOf(millis), y));
    }

    private List<Long> shownIds() throws Exception {
        TableView<LeakRecord> list = table();
        return AppFx.call(() -> list.getItems().stream().map(LeakRecord::watchId).sorted().toList());
    }

    @Test
    void aRangeBrushedOnTheTimeAxisFiltersTheListAndTheChipClearsItWithOneClick() throws Exception {
        TimelineStrip timeline = timeline();
        double axis = AppFx.call(timeline::axisY) + 8;
        // Reports at -50 s, -40 s, …, -10 s; the brush from -35 s to -15 s holds the ones at -30 s and -20 s.
        Point2D from = onScreen(timeline, now - 35_000, axis);
        Point2D to = onScreen(timeline, now - 15_000, axis);
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);

        AppFx.await("the list filtered to the brushed range", Duration.ofSeconds(10),
                () -> table().getItems().size() == 2);
        assertEquals(List.of(3L, 4L), shownIds());
        Button chip = SessionWindowIT.lookup(window.stage(), "#timeRangeChip");
        assertTrue(AppFx.call(chip::isVisible), "the chip shows the brushed range");
        assertTrue(AppFx.call(chip::getText).matches("\\d\\d:\\d\\d:\\d\\d\u2013\\d\\d:\\d\\d:\\d\\d  \u00d7"),
                AppFx.call(chip::getText));
        assertEquals("3 hidden by the time range, search or group",
                AppFx.call(() -> ((javafx.scene.control.Label) window.stage().getScene().lookup("#hiddenLabel")).getText()));
        assertTrue(AppFx.call(() -> timeline.scale().isWhole()), "brushing neither zooms nor pans");

        robot.clickOn(chip);
        AppFx.await("every row again", Duration.ofSeconds(10), () -> table().getItems().size() == 5);
        assertFalse(AppFx.call(chip::isVisible));
        assertNull(AppFx.call(() -> timeline.brushedRangeProperty().get()));
    }

    @Test
    void aShiftDragBrushesAnywhereAndEscapeClearsIt() throws Exception {
        TimelineStrip timeline = timeline();
        double plot = AppFx.call(() -> (timeline.reportBandY() + timeline.retractionBandY()) / 2);
        Point2D from = onScreen(timeline, now - 55_000, plot);
        Point2D to = onScreen(timeline, now - 38_000, plot);
        robot.press(KeyCode.SHIFT);
        try {
            robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        } finally {
            robot.release(KeyCode.SHIFT);
        }
        AppFx.await("the list filtered to the brushed range", Duration.ofSeconds(10),
                () -> table().getItems().size() == 2);
        assertEquals(List.of(1L, 2L), shownIds());
        assertTrue(AppFx.call(() -> timeline.scale().isWhole()), "a Shift-drag brushes, it does not pan");

        robot.type(KeyCode.ESCAPE);
        AppFx.await("every row again", Duration.ofSeconds(10), () -> table().getItems().size() == 5);

        // Escape clears it from the list too, where the user looks at the filtered rows.
        double axis = AppFx.call(timeline::axisY) + 8;
        robot.drag(onScreen(timeline, now - 55_000, axis), MouseButton.PRIMARY)
                .moveTo(onScreen(timeline, now - 38_000, axis)).release(MouseButton.PRIMARY);
        AppFx.await("brushed again", Duration.ofSeconds(10), () -> table().getItems().size() == 2);
        TableView<LeakRecord> list = table();
        AppFx.run(list::requestFocus);
        robot.type(KeyCode.ESCAPE);
        AppFx.await("every row again", Duration.ofSeconds(10), () -> table().getItems().size() == 5);
    }

    @Test
    void showAllClearsTheBrushedRangeToo() throws Exception {
        TimelineStrip timeline = timeline();
        double axis = AppFx.call(timeline::axisY) + 8;
        robot.drag(onScreen(timeline, now - 55_000, axis), MouseButton.PRIMARY)
                .moveTo(onScreen(timeline, now - 45_000, axis)).release(MouseButton.PRIMARY);
        AppFx.await("one row", Duration.ofSeconds(10), () -> table().getItems().size() == 1);
        Hyperlink showAll = SessionWindowIT.lookup(window.stage(), "#showAllLink");
        assertTrue(AppFx.call(showAll::isVisible));
        AppFx.run(showAll::fire);
        AppFx.await("every row again", Duration.ofSeconds(10), () -> table().getItems().size() == 5);
        assertNull(AppFx.call(() -> timeline.brushedRangeProperty().get()));
    }

    @Test
    void zoomingAndPanningBackPauseFollowLiveAndEndResumesIt() throws Exception {
        TimelineStrip timeline = timeline();
        TimelineScale scale = AppFx.call(timeline::scale);
        ToggleButton live = (ToggleButton) AppFx.call(() -> timeline.lookup(".timeline-live"));
        assertTrue(AppFx.call(scale::isFollowing), "follow-live is on at first");
        assertTrue(AppFx.call(live::isSelected));

        // Keys, once the timeline has the focus: + zooms in around the middle, which leaves the live end.
        double plot = AppFx.call(() -> (timeline.reportBandY() + timeline.retractionBandY()) / 2);
        robot.clickOn(onScreen(timeline, now - 30_000, plot));
        double whole = AppFx.call(scale::span);
        robot.type(KeyCode.EQUALS);
        AppFx.awaitPulse();
        assertEquals(whole / 1.5, AppFx.call(scale::span), 1, "one zoom step");
        assertFalse(AppFx.call(scale::isFollowing), "zoomed in on the past: paused");
        assertFalse(AppFx.call(live::isSelected), "the Live button says so");

        // The wheel zooms around the pointer: the moment under it stays under it, whichever way it turns.
        Point2D pointer = onScreen(timeline, now - 35_000, plot);
        double spanBefore = AppFx.call(scale::span);
        robot.moveTo(pointer).scroll(1, VerticalDirection.UP);
        AppFx.awaitPulse();
        assertNotEquals(spanBefore, AppFx.call(scale::span), 1, "the wheel zoomed");
        Point2D after = onScreen(timeline, now - 35_000, plot);
        assertEquals(pointer.getX(), after.getX(), 1.5, "the moment under the pointer did not move");

        // A plain drag pans (it does not brush): dragging right shows earlier moments.
        double startBefore = AppFx.call(scale::viewStart);
        robot.drag(onScreen(timeline, now - 30_000, plot), MouseButton.PRIMARY).moveBy(60, 0).release(MouseButton.PRIMARY);
        AppFx.awaitPulse();
        assertTrue(AppFx.call(scale::viewStart) < startBefore, "panned back");
        assertNull(AppFx.call(() -> timeline.brushedRangeProperty().get()), "a plain drag is no brush");
        assertEquals(5, AppFx.call(() -> table().getItems().size()));

        // Paused: new events do not move the view.
        double start = AppFx.call(scale::viewStart);
        double end = AppFx.call(scale::viewEnd);
        session.feedListener().onMessage(new Stats(now + 20_000, 30_000_000, 100_000_000, 5, 0, 5, 0));
        AppFx.await("the new sample in the model", Duration.ofSeconds(10),
                () -> session.model().heapHistory().size() == 3);
        AppFx.awaitPulse();
        assertEquals(start, AppFx.call(scale::viewStart), 1e-6);
        assertEquals(end, AppFx.call(scale::viewEnd), 1e-6);

        // End follows live again at the same zoom; the next event then carries the view along.
        double span = AppFx.call(scale::span);
        robot.type(KeyCode.END);
        AppFx.awaitPulse();
        assertTrue(AppFx.call(scale::isFollowing));
        assertTrue(AppFx.call(live::isSelected));
        assertEquals(now + 20_000, AppFx.call(scale::viewEnd), 1);
        assertEquals(span, AppFx.call(scale::span), 1e-6);
        session.feedListener().onMessage(new Stats(now + 30_000, 30_000_000, 100_000_000, 5, 0, 5, 0));
        AppFx.await("the view moved with the new event", Duration.ofSeconds(10),
                () -> Math.abs(scale.viewEnd() - (now + 30_000)) < 1);

        // Home shows the whole session.
        robot.type(KeyCode.HOME);
        AppFx.awaitPulse();
        assertTrue(AppFx.call(scale::isWhole));
    }

    @Test
    void aMarkTellsWhatItIsInItsTooltip() throws Exception {
        TimelineStrip timeline = timeline();
        double reports = AppFx.call(timeline::reportBandY) + 6;
        robot.moveTo(onScreen(timeline, now - 20_000, reports));
        AppFx.await("the mark's tooltip", Duration.ofSeconds(10), () -> tooltipText().contains("com.acme.ui.Page4"));
        String text = AppFx.call(this::tooltipText);
        assertTrue(text.contains("View stack: Stage \"Page 4\" \u203a Scene"), text);
        assertTrue(text.contains("Retained"), text);
        assertTrue(text.matches("(?s).*Reported \\d\\d:\\d\\d:\\d\\d.*"), text);
        robot.moveTo(onScreen(timeline, now - 25_000, reports));
        AppFx.await("no tooltip between marks", Duration.ofSeconds(10), () -> tooltipText().isEmpty());
    }

    /** The text of the timeline's tooltip when it is showing, else "". */
    private String tooltipText() {
        for (javafx.stage.Window shown : javafx.stage.Window.getWindows()) {
            if (shown instanceof javafx.scene.control.Tooltip tip && tip.isShowing()
                    && tip.getStyleClass().contains("timeline-tooltip")) {
                return tip.getText();
            }
        }
        return "";
    }

    /** Prints what one drawing of 100,000 marks costs; not a timed assertion (the machine may be loaded). */
    @Test
    void aHundredThousandMarksDrawInWellUnderAPulse() throws Exception {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        long start = now - 3_600_000;
        for (int i = 0; i < 100_000; i++) {
            model.apply(leak(i, start + i * 36L));
            if (i % 28 == 0) {
                model.apply(new Stats(start + i * 36L, 50_000_000 + (i % 1000) * 10_000L, 100_000_000, 0, 0, i, 0));
            }
        }
        TimelineStrip strip = AppFx.call(TimelineStrip::new);
        Stage stage = AppFx.call(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(strip, 1200, 150));
            s.show();
            return s;
        });
        try {
            AppFx.run(() -> strip.setModel(model));
            AppFx.awaitPulse();
            List<Long> nanos = AppFx.call(() -> {
                List<Long> times = new ArrayList<>();
                // The first 40 warm the JIT up, as an app's first seconds of drawing do; the next 40 are measured.
                for (int run = 0; run < 80; run++) {
                    long t0 = System.nanoTime();
                    strip.drawNow();
                    if (run >= 40) {
                        times.add(System.nanoTime() - t0);
                    }
                }
                return times;
            });
            nanos.sort(null);
            System.out.printf("timeline: one drawing of 100,000 marks, 100,000 forced GCs and %d heap samples, 1200 px,"
                    + " after warm-up: median %.2f ms, max %.2f ms (a pulse is 16.7 ms; load %s)%n",
                    model.heapHistory().size(), nanos.get(nanos.size() / 2) / 1e6, nanos.get(nanos.size() - 1) / 1e6,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            assertTrue(AppFx.call(() -> strip.markAt(strip.xOf(start + 36L * 50_000), strip.reportBandY() + 6)) >= 0,
                    "the marks were drawn and can be found");
        } finally {
            AppFx.run(() -> {
                strip.setModel(null);
                stage.close();
            });
        }
    }
}
