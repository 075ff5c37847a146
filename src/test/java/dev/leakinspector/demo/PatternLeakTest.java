package dev.leakinspector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.leakinspector.demo.FxTestSupport.ClosedStage;

/**
 * Runs every pattern in-process, without an agent, and checks that its Stage leaks exactly as
 * LEAK-PATTERNS.md says. The expectations are written here, not read from {@link DemoPatterns},
 * so a pattern that declares the wrong outcome fails too.
 */
class PatternLeakTest {
    /** Long enough for a collectable window to be collected, by a wide margin (it takes one or two GCs). */
    private static final Duration COLLECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long a leaked window must survive repeated GCs to count as held. */
    private static final Duration HELD_FOR = Duration.ofSeconds(1);

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @ParameterizedTest(name = "pattern {0} lets its window go")
    @ValueSource(strings = {"1b", "2b", "4b", "5b", "6", "6b", "7"})
    void noneWindowIsCollectableAfterClose(String id) throws Exception {
        ClosedStage closed = FxTestSupport.openAndClose(DemoPatterns.get(id));
        assertTrue(closed.collectedWithin(COLLECT_TIMEOUT),
                "pattern " + id + "'s Stage should be collectable after its close");
    }

    /**
     * Patterns whose leak (or cache) is a page, a pane or a view, never the window: after all their steps
     * and the close, the window itself must be collectable, or one report would become two.
     */
    @ParameterizedTest(name = "pattern {0} lets its window go after its steps")
    @ValueSource(strings = {"6", "6c", "12", "16", "17"})
    void windowIsCollectableAfterItsStepsAndClose(String id) throws Exception {
        ClosedStage closed = FxTestSupport.openAndClose(DemoPatterns.get(id), true);
        assertTrue(closed.collectedWithin(COLLECT_TIMEOUT),
                "pattern " + id + "'s Stage should be collectable after its steps and its close");
    }

    /** 14 freezes the JavaFX thread on purpose, a while after its close; this waits until it is over. */
    @Test
    void midEventHandlerHoldsTheUiThreadAWhileAfterTheCloseThenLetsGo() throws Exception {
        FxTestSupport.RecordingListener listener = new FxTestSupport.RecordingListener();
        PatternWindow window = FxTestSupport.onFx(() -> DemoPatterns.get("14").open(listener));
        FxTestSupport.awaitPulse();
        ClosedStage closed = FxTestSupport.onFx(() -> new ClosedStage(window.stage()));
        FxTestSupport.onFx(window::requestClose);
        long closedAt = listener.await("closed 14");
        FxTestSupport.refocusAnchor();
        long busy = listener.await("step 14 busy", MidEventDumpPattern.BUSY_AFTER_MILLIS + 10_000);
        long idle = listener.await("step 14 idle", MidEventDumpPattern.BUSY_FOR_MILLIS + 10_000);
        assertTrue(busy - closedAt >= MidEventDumpPattern.BUSY_AFTER_MILLIS - 50, "busy too early: " + (busy - closedAt));
        assertTrue(idle - busy >= MidEventDumpPattern.BUSY_FOR_MILLIS - 50, "the handler held the thread " + (idle - busy) + " ms");
        assertEquals("14 Dump taken mid-event", closed.title);
        assertFalse(closed.collectedWithin(HELD_FOR), "14's window is kept by the static list of sessions");
    }

    @Test
    void growingPageCacheKeepsEveryOldPage() throws Exception {
        int before = FxTestSupport.onFx(SwappedPagePattern.PageCache::size);
        FxTestSupport.openAndClose(DemoPatterns.get("6"), true);
        assertEquals(before + 2, FxTestSupport.onFx(SwappedPagePattern.PageCache::size), "two swaps, two pages kept");
    }

    @ParameterizedTest(name = "pattern {0} leaks its window")
    @ValueSource(strings = {"1", "2", "4", "5", "10"})
    void leakWindowStaysReachableAfterClose(String id) throws Exception {
        ClosedStage closed = FxTestSupport.openAndClose(DemoPatterns.get(id));
        assertFalse(closed.collectedWithin(HELD_FOR),
                "pattern " + id + "'s Stage should still be reachable after GC");
        assertNotNull(closed.stage.get());
    }

    @Test
    void delayedCallHoldsTheWindowUntilItRunsThenLetsGo() throws Exception {
        int savedBefore = DelayedCallPattern.DRAFTS_SAVED.get();
        ClosedStage closed = FxTestSupport.openAndClose(DemoPatterns.get("3"));

        assertFalse(closed.collectedWithin(HELD_FOR), "pattern 3's Stage should be held right after close");

        long sinceClose = System.currentTimeMillis() - closed.closedAtMillis;
        assertTrue(closed.collectedWithin(Duration.ofMillis(6_000 - sinceClose)),
                "pattern 3's Stage should be collectable within ~6 s of its close");
        long collectedAfter = System.currentTimeMillis() - closed.closedAtMillis;
        // At least: other tests here open pattern 3 too, and their delayed calls may land meanwhile.
        assertTrue(DelayedCallPattern.DRAFTS_SAVED.get() > savedBefore, "the delayed call should have run");
        assertTrue(collectedAfter >= DelayedCallPattern.DELAY_MILLIS,
                "collected " + collectedAfter + " ms after close, before the delayed call was due");
    }

    @Test
    void finishedAnimationLetsItsWindowGoEvenWithoutStop() throws Exception {
        // 5b's other half: the animation has run to its end before the close, so stop() has nothing to do.
        ClosedStage closed = openLetTheAnimationFinishAndClose();
        assertTrue(closed.collectedWithin(COLLECT_TIMEOUT), "a finished animation must not keep its window");
    }

    /** Like {@link FxTestSupport#openAndClose} for 5b, waiting for its animation's end before the close. */
    private static ClosedStage openLetTheAnimationFinishAndClose() throws Exception {
        FxTestSupport.RecordingListener listener = new FxTestSupport.RecordingListener();
        CountDownLatch finished = new CountDownLatch(1);
        PatternWindow window = FxTestSupport.onFx(() -> {
            PatternWindow opened = DemoPatterns.get("5b").open(listener);
            Label state = (Label) opened.stage().getScene().lookup("#" + AnimationPattern.STATE_LABEL_ID);
            state.textProperty().addListener((obs, old, now) -> {
                if (now.equals(AnimationPattern.FINISHED)) {
                    finished.countDown();
                }
            });
            return opened;
        });
        long cycles = (long) AnimationPattern.CYCLE.toMillis() * AnimationPattern.FINITE_CYCLES;
        assertTrue(finished.await(cycles + 5_000, TimeUnit.MILLISECONDS), "5b's animation should finish by itself");
        ClosedStage closed = FxTestSupport.onFx(() -> new ClosedStage(window.stage()));
        FxTestSupport.onFx(window::requestClose);
        listener.await("closed 5b");
        FxTestSupport.refocusAnchor();
        return closed;
    }

    @Test
    void transferRegistryKeepsOnlyClientsThatWereNotInvalidated() throws Exception {
        int before = FxTestSupport.onFx(TransferRegistry::size);
        FxTestSupport.openAndClose(DemoPatterns.get("2b"));
        assertEquals(before, FxTestSupport.onFx(TransferRegistry::size), "2b must invalidate its client");
        FxTestSupport.openAndClose(DemoPatterns.get("2"));
        assertEquals(before + 1, FxTestSupport.onFx(TransferRegistry::size), "2 must leave its client registered");
    }

    @ParameterizedTest(name = "pattern {0}: a Stage titled with its id, BorderPane root")
    @ValueSource(strings = {"1", "1b", "2", "2b", "3", "4", "4b", "5", "5b", "6", "6c", "6b", "7", "10", "12", "16", "17"})
    void everyPatternWindowIsAStageWithABorderPaneRoot(String id) throws Exception {
        DemoPattern pattern = DemoPatterns.get(id);
        ClosedStage closed = FxTestSupport.openAndClose(pattern);
        assertEquals(pattern.title(), closed.title);
        assertTrue(closed.title.startsWith(id + " "), closed.title);
        assertEquals(BorderPane.class, closed.rootType);
    }

    @ParameterizedTest(name = "pattern {0} has VBox#form in the centre")
    @ValueSource(strings = {"1", "1b"})
    void modelListenerPatternsHaveAFormInTheCentre(String id) throws Exception {
        RecordingOnly listener = new RecordingOnly();
        String formId = FxTestSupport.onFx(() -> {
            PatternWindow window = DemoPatterns.get(id).open(listener);
            BorderPane root = (BorderPane) window.stage().getScene().getRoot();
            String centre = root.getCenter().getId() + ":" + root.getCenter().getClass().getSimpleName();
            window.requestClose();
            return centre;
        });
        FxTestSupport.refocusAnchor();
        assertEquals("form:VBox", formId);
    }

    @Test
    void theWindowsOwnCloseButtonActsLikeClose() throws Exception {
        // What Glass does when the user clicks the title bar's X: a close request, then a hide unless consumed.
        FxTestSupport.RecordingListener listener = new FxTestSupport.RecordingListener();
        int before = FxTestSupport.onFx(TransferRegistry::size);
        FxTestSupport.onFx(() -> {
            Stage stage = DemoPatterns.get("2b").open(listener).stage();
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        listener.await("closed 2b");
        assertEquals(before, FxTestSupport.onFx(TransferRegistry::size), "X must run 2b's invalidate()");

        FxTestSupport.onFx(() -> {
            Stage stage = DemoPatterns.get("7").open(listener).stage();
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
        });
        long reshown = listener.await("reshown 7");
        long closed = listener.await("closed 7");
        assertTrue(closed >= reshown, "7 is re-shown, then closed for good");
        FxTestSupport.refocusAnchor();
    }

    /** A listener that ignores events, for tests that do not wait on them. */
    private static final class RecordingOnly implements PatternListener {
        @Override
        public void closed(String patternId, long epochMillis) {
        }
    }
}
