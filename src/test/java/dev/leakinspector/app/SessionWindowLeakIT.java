package dev.leakinspector.app;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionJournal;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.session.TargetInfo;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.PlainTarget;
import dev.leakinspector.testing.TargetProcess;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our own GUI must not leak: a session window that was used (a row selected, breadcrumbs shown, grouping
 * on) and closed must leave its window, controller and session collectable, for a saved session and for
 * a live one (which detaches on close).
 */
class SessionWindowLeakIT {
    @TempDir
    Path dataDir;

    private AppContext context;

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forIntegrationTests();

    @BeforeEach
    void newContext() {
        context = new AppContext(dataDir.resolve("sessions"), SessionSettings.defaults());
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void aClosedSavedSessionWindowIsCollectable() throws Exception {
        Path file = sampleSessionFile();
        AppFx.run(() -> StartController.openSessionFile(context, null, file));
        AppFx.await("the session window", Duration.ofSeconds(20), () -> context.openSessions().size() == 1);
        assertCollectableAfterUseAndClose();
    }

    @Test
    void aClosedLiveSessionWindowIsCollectableAndDetaches() throws Exception {
        try (TargetProcess target = TargetProcess.start(Jdks.current(), List.of(), PlainTarget.class.getName())) {
            target.awaitLineStartingWith("READY", Duration.ofSeconds(30));
            AppFx.run(() -> new StartControllerProbe(context).attach(target.pid()));
            AppFx.await("the live session window", Duration.ofSeconds(30), () -> context.openSessions().size() == 1);
            assertCollectableAfterUseAndClose();
            target.send("agent-threads");
            assertTrue(target.awaitLineStartingWith("AGENT THREADS", Duration.ofSeconds(20)).equals("AGENT THREADS none"),
                    "closing the window detached the agent");
        }
    }

    private void assertCollectableAfterUseAndClose() throws Exception {
        List<WeakReference<Object>> refs = useAndClose(context.openSessions().get(0));
        AppFx.refocusAnchor();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (refs.stream().anyMatch(ref -> ref.get() != null) && System.nanoTime() < deadline) {
            AppFx.awaitPulse();
            System.gc();
        }
        List<String> names = List.of("window", "controller", "session", "session model");
        for (int i = 0; i < refs.size(); i++) {
            assertTrue(refs.get(i).get() == null, "the closed session's " + names.get(i) + " is still reachable");
        }
        assertTrue(context.openSessions().isEmpty());
    }

    /** Selects a row, turns grouping on, closes the window; keeps only weak references. */
    private static List<WeakReference<Object>> useAndClose(SessionWindow window) throws Exception {
        TableView<LeakRecord> list = SessionWindowIT.lookup(window.stage(), "#leakTable");
        AppFx.run(() -> {
            if (!list.getItems().isEmpty()) {
                list.getSelectionModel().select(0);
            }
            ((javafx.scene.control.ToggleButton) window.stage().getScene().lookup("#groupToggle")).setSelected(true);
        });
        AppFx.awaitPulse();
        List<WeakReference<Object>> refs = List.of(new WeakReference<>(window.stage()),
                new WeakReference<>(window.controller()), new WeakReference<>(window.session()),
                new WeakReference<>(window.session().model()));
        AppFx.run(() -> window.stage().close());
        return refs;
    }

    private Path sampleSessionFile() throws Exception {
        TargetInfo target = new TargetInfo(4242, "com.acme.Shop", "21.0.5", "OpenJDK", "0.1.0", List.of("javafx"),
                false, false);
        try (SessionJournal journal = SessionJournal.create(dataDir, target, System.currentTimeMillis())) {
            long now = System.currentTimeMillis();
            journal.onMessage(new Stats(now, 40_000_000, 256_000_000, 3, 0, 0, 0));
            journal.onMessage(new LeakSuspected(1, "javafx.stage.Stage", "window hidden",
                    List.of("Stage \"Orders\"", "Scene", "BorderPane"), 12, now - 2500, now, true, Verdict.LEAK, ""));
            journal.onMessage(new LeakSuspected(2, "javafx.stage.Stage", "window hidden",
                    List.of("Stage \"Invoices\"", "Scene", "BorderPane"), 9, now - 2400, now + 100, true, Verdict.LEAK, ""));
            journal.onMessage(new ObjectDeallocated(2, 4100));
            journal.onEnded(new SessionEnd(SessionEnd.Kind.TARGET_EXITED, "process 4242 exited"));
            return journal.file();
        }
    }

    /** Drives the start screen's attach without showing it, as the Attach button would. */
    private static final class StartControllerProbe {
        private final AppContext context;

        StartControllerProbe(AppContext context) {
            this.context = context;
        }

        void attach(long pid) {
            PulseBatcher batcher = new PulseBatcher();
            context.background().execute(() -> {
                try {
                    var session = dev.leakinspector.session.RecordedSession.attach(pid, "plain target",
                            context.settings(), context.sessionDirectory(), batcher.scheduler());
                    javafx.application.Platform.runLater(() -> SessionWindow.open(context, session, batcher));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
    }
}
