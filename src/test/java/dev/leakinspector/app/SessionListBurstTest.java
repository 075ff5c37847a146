package dev.leakinspector.app;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionListener;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.session.TargetInfo;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session window under a burst, headless: the list takes in a burst a few times a second rather than at every
 * drain, and in the end shows every report with its retraction, the sender held back by the feed's bounded backlog
 * meanwhile (its bound is {@code SessionFeedTest}'s); a single report into a quiet session is in the list as soon
 * as the model has it.
 */
class SessionListBurstTest {
    private static final TargetInfo TARGET = new TargetInfo(9, "com.acme.Shop", "21.0.5", "", "", List.of("javafx"),
            false, false);

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forUnitTests();

    @TempDir
    Path dataDir;

    private AppContext context;
    private RecordedSession session;
    private SessionWindow window;
    private TableView<LeakRecord> table;

    @BeforeEach
    void openWindow() throws Exception {
        context = new AppContext(dataDir, SessionSettings.defaults());
        context.setNotificationsMuted(true);
        PulseBatcher batcher = AppFx.call(PulseBatcher::new);
        session = RecordedSession.unattached(TARGET, dataDir.resolve("t.lisession"), batcher.scheduler());
        window = AppFx.call(() -> SessionWindow.open(context, session, batcher));
        table = SessionWindowIT.lookup(window.stage(), "#leakTable");
    }

    @AfterEach
    void close() throws Exception {
        AppFx.run(() -> window.stage().close());
        context.close();
    }

    private static LeakSuspected leak(long id) {
        long now = System.currentTimeMillis();
        return new LeakSuspected(id, "com.acme.ui.Page" + (id % 13), "window hidden",
                List.of("Stage \"Window " + id + "\"", "Scene", "BorderPane"), 2, now - 2000, now, true, Verdict.LEAK, "");
    }

    @Test
    void aBurstIsShownWholeInAFewListUpdates() throws Exception {
        // A first burst, so that the window's code runs warm: a drain held up longer than the feed waits (a cold
        // FX thread on a loaded machine) lets the backlog grow, by design, which is not what this test is about.
        SessionListener warmUp = session.feedListener();
        for (int i = 1_000_001; i <= 1_005_000; i++) {
            warmUp.onMessage(leak(i));
        }
        AppFx.await("the first burst listed", Duration.ofMinutes(1), () -> table.getItems().size() == 5_000);
        int reports = 60_000;
        AtomicInteger listUpdates = new AtomicInteger();
        AppFx.run(() -> table.getItems().addListener((ListChangeListener<LeakRecord>) change -> listUpdates.incrementAndGet()));
        SessionListener feed = session.feedListener();
        long start = System.nanoTime();
        for (int i = 1; i <= reports; i++) {
            feed.onMessage(leak(i));
            if (i % 10 == 0) {
                feed.onMessage(new ObjectDeallocated(i - 5, 3000)); // every tenth report is retracted
            }
        }
        // the default filter shows standing rows: nine in ten
        AppFx.await("every standing report in the list", Duration.ofMinutes(2),
                () -> table.getItems().size() == 5_000 + reports * 9 / 10);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(5_000 + reports, AppFx.call(() -> session.model().rows().size()));
        assertEquals(reports / 10, AppFx.call(() -> session.model().counts().deallocated()));
        // One update per drain would be one per pulse (16 ms) or more; ten a second are expected (at most twice
        // that here), plus the burst's last.
        int updates = listUpdates.get();
        long allowed = millis / 50 + 3;
        assertTrue(updates <= allowed, updates + " list updates in " + millis + " ms, at most " + allowed + " expected");
    }

    @Test
    void aSingleReportIsInTheListAsSoonAsTheModelHasIt() throws Exception {
        SessionListener feed = session.feedListener();
        AtomicInteger listedWhenApplied = new AtomicInteger();
        for (int i = 1; i <= 5; i++) {
            int expected = i;
            feed.onMessage(leak(i));
            // Read on the FX thread together with the model: the list must never lag behind a quiet session's model.
            AppFx.await("report " + i + " applied", Duration.ofSeconds(20), () -> {
                listedWhenApplied.set(table.getItems().size());
                return session.model().rows().size() == expected;
            });
            assertEquals(expected, listedWhenApplied.get(), "listed by the drain that applied it");
        }
    }
}
