package dev.leakinspector;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.FxTarget;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What must not be reported: toolkit internals doing their normal work in a window that stays
 * showing, where the program itself keeps nothing. Anything reported here is a false positive.
 */
class FalsePositivesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TargetProcess target;
    private RecordingListener events;
    private LiveSession session;

    @BeforeEach
    void attachToAJavaFxTarget() throws Exception {
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        target = TargetProcess.start(Jdks.current(), jvmArgs, FxTarget.class.getName());
        target.awaitLineStartingWith("READY", TIMEOUT);
        events = new RecordingListener();
        session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
        events.await(Stats.class, stats -> true, TIMEOUT);
    }

    @AfterEach
    void detach() throws Exception {
        session.detach("test finished");
        target.close();
    }

    /** Virtualised lists, tabs, popups, text editing, accordions, spinners, menus — as users use them. */
    @Test
    void usingStandardControlsReportsNothing() throws Exception {
        target.send("exercise-controls");
        target.awaitLineStartingWith("EXERCISED", TIMEOUT);
        assertNothingReported();
    }

    /**
     * A click on a button inside a page swaps that page out; JavaFX keeps the pressed button (so
     * the page) until the next mouse event. Held for a moment by the toolkit: not the user's leak.
     */
    @Test
    void aPageSwappedOutByAClickOnItsOwnButtonIsNotReported() throws Exception {
        target.send("click-swap");
        target.awaitLineStartingWith("SWAPPED", TIMEOUT);
        assertNothingReported();
    }

    /** A scene replaced on its stage and set back within the grace period was swapped back, not dropped. */
    @Test
    void aSceneSwappedBackWithinTheGracePeriodIsNotReported() throws Exception {
        target.send("scene-swap-back");
        target.awaitLineStartingWith("SWAPPED BACK", TIMEOUT);
        assertNothingReported();
    }

    private void assertNothingReported() throws Exception {
        target.send("ping");
        target.awaitLineStartingWith("PONG", TIMEOUT);
        events.awaitAllChecked(System.currentTimeMillis(), TIMEOUT);
        assertEquals(List.of(), events.leaks(), "false positives");
        assertEquals(List.of(), events.messages().stream().filter(AgentError.class::isInstance).toList());
    }
}
