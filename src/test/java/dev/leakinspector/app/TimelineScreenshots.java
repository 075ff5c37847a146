package dev.leakinspector.app;

import dev.leakinspector.app.LeakFilter.TimeRange;
import dev.leakinspector.protocol.HeapDumpReady;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionListener;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.session.TargetInfo;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Screenshots of the session window's timeline, browsed: a half-hour session made up by this class (heap
 * samples every 2 s, bursts of reports each confirmed by a forced GC, retractions, one heap dump), zoomed in on
 * six minutes with a range brushed, and a mark's tooltip. Light by default, dark with
 * {@code -Dleakinspector.theme=dark}. Run it on a display, e.g. {@code xvfb-run -a java -cp <test class path>
 * dev.leakinspector.app.TimelineScreenshots /tmp/shots}. Not a test.
 */
public final class TimelineScreenshots {
    private static final TargetInfo TARGET = new TargetInfo(4711, "com.acme.shop.ShopApp", "21.0.5", "", "",
            List.of("javafx"), false, false);
    private static final String[] PAGES = {"OrdersPage", "InvoicePreview", "CustomerDialog", "SettingsWindow", "ReportChart"};

    private TimelineScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp");
        Files.createDirectories(out);
        String theme = Theme.current() == Theme.DARK ? "dark" : "light";
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        Path data = Files.createTempDirectory("leak-inspector-timeline");
        AppContext context = new AppContext(data, SessionSettings.defaults());
        context.setNotificationsMuted(true);
        PulseBatcher batcher = AppFx.call(PulseBatcher::new);
        RecordedSession session = RecordedSession.unattached(TARGET, data.resolve("shop.lisession"), batcher.scheduler());
        SessionWindow window = AppFx.call(() -> SessionWindow.open(context, session, batcher));
        AppFx.run(() -> {
            window.stage().setWidth(1280);
            window.stage().setHeight(760);
        });
        long now = System.currentTimeMillis();
        long start = now - 30 * 60_000;
        int rows = feed(session.feedListener(), start, now);
        TableView<LeakRecord> list = SessionWindowIT.lookup(window.stage(), "#leakTable");
        AppFx.run(() -> ((ChoiceBox<LeakFilter.Shown>) window.stage().getScene().lookup("#shownChoice"))
                .setValue(LeakFilter.Shown.ALL));
        AppFx.await("every report listed", Duration.ofSeconds(30), () -> list.getItems().size() == rows);
        AppFx.awaitPulse();
        snapshot(window.stage().getScene(), out.resolve("timeline-whole-" + theme + ".png"));

        // Zoom in on six minutes in the middle (paused, since the view left the live end) and brush 1 min 45 s.
        TimelineStrip timeline = SessionWindowIT.lookup(window.stage(), "#timeline");
        long from = start + 12 * 60_000;
        AppFx.run(() -> {
            var scale = timeline.scale();
            scale.zoomAround(timeline.xOf(from + 3 * 60_000), scale.span() / (6 * 60_000.0));
            timeline.selectRange(new TimeRange(from + 2 * 60_000 + 10_000, from + 3 * 60_000 + 55_000));
            list.getSelectionModel().clearAndSelect(0);
            timeline.refresh();
        });
        AppFx.awaitPulse();
        snapshot(window.stage().getScene(), out.resolve("timeline-zoomed-brushed-" + theme + ".png"));

        // A tooltip over the busiest report column in view.
        AppFx.run(() -> {
            var canvas = timeline.canvas();
            double y = timeline.reportBandY() + 6;
            int best = -1;
            int count = 0;
            var bins = timeline.bins();
            for (int x = 0; x < bins.columns(); x++) {
                if (bins.reportCountAt(x) > count) {
                    count = bins.reportCountAt(x);
                    best = x;
                }
            }
            Point2D scene = canvas.localToScene(best, y);
            Point2D screen = canvas.localToScreen(best, y);
            Event.fireEvent(canvas, new MouseEvent(MouseEvent.MOUSE_MOVED, scene.getX(), scene.getY(), screen.getX(),
                    screen.getY(), MouseButton.NONE, 0, false, false, false, false, false, false, false, true, false,
                    false, null));
        });
        AppFx.awaitPulse();
        Window tip = AppFx.call(() -> Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing()).findFirst().orElse(null));
        if (tip != null) {
            snapshot(tip.getScene(), out.resolve("timeline-tooltip-" + theme + ".png"));
        } else {
            System.out.println("no tooltip showed");
        }
        System.out.println("saved in " + out.toAbsolutePath());
        AppFx.run(() -> {
            window.stage().close();
            context.close();
            Platform.exit();
        });
        System.exit(0);
    }

    /** Feeds a made-up half-hour session; returns how many reports it made. */
    private static int feed(SessionListener feed, long start, long end) {
        Random random = new Random(42);
        long heap = 80L << 20;
        int id = 0;
        for (long t = start; t <= end; t += 2_000) {
            heap += random.nextInt(3 << 20);
            if (random.nextInt(25) == 0) {
                heap = Math.max(70L << 20, heap - (120L << 20)); // a collection
            }
            feed.onMessage(new Stats(t, heap, 512L << 20, id, 0, id, 0));
            if (random.nextInt(18) == 0) {
                // A burst: one check, one forced GC, several reports with the same time.
                int burst = 1 + random.nextInt(random.nextInt(6) == 0 ? 12 : 3);
                for (int k = 0; k < burst; k++) {
                    id++;
                    String page = PAGES[random.nextInt(PAGES.length)];
                    feed.onMessage(new LeakSuspected(id, "com.acme.shop.ui." + page, "window hidden",
                            List.of("Stage \"" + page + " #" + id + "\"", "Scene", "BorderPane", "TableView"),
                            random.nextInt(40), t - 2_000, t, true, random.nextInt(3) == 0 ? Verdict.RETAINED : Verdict.LEAK, ""));
                    int fate = random.nextInt(6);
                    if (fate == 0) {
                        feed.onMessage(new ObjectDeallocated(id, 2_000 + random.nextInt(90_000)));
                    } else if (fate == 1) {
                        feed.onMessage(new ObjectReused(id, 2_000 + random.nextInt(60_000)));
                    }
                }
            }
        }
        feed.onMessage(new HeapDumpReady(1, "/tmp/shop.hprof", 400L << 20, ""));
        return id;
    }

    private static void snapshot(Scene scene, Path file) throws Exception {
        AppFx.awaitPulse();
        var image = AppFx.call(() -> scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        System.out.println(file);
    }
}
