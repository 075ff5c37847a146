package dev.leakinspector;

import dev.leakinspector.agent.fx.VerdictFxTarget;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verdicts, reuse and "nothing on screen" on a real JavaFX target ({@link VerdictFxTarget}, headless on
 * Monocle) with the agent attached for real: a page cache is retained and then reused, a page that piles up
 * escalates to a leak, a sample browser's pages stay retained, a hidden stage is a leak until it is shown
 * again, and controls moved out of a dropped view into a showing one are never reported. Every report must be
 * confirmed by a GC: this JVM allows explicit GCs.
 */
class FxVerdictsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REPORT = Duration.ofSeconds(30);
    private static final String TARGET = "dev.leakinspector.agent.fx.VerdictFxTarget$";

    private TargetProcess target;
    private RecordingListener events;
    private LiveSession session;

    @BeforeEach
    void attach() throws Exception {
        target = TargetProcess.start(Jdks.current(), TargetProcess.HEADLESS_FX, VerdictFxTarget.class.getName());
        target.awaitLineStartingWith("READY", TIMEOUT);
        events = new RecordingListener();
        session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
        target.send("await-agent");
        assertEquals("AGENT watching", target.awaitLineStartingWith("AGENT", TIMEOUT));
    }

    @AfterEach
    void detach() throws Exception {
        try {
            assertEquals(List.of(), events.messages().stream().filter(AgentError.class::isInstance).toList());
            for (LeakSuspected leak : events.leaks()) {
                assertTrue(leak.gcConfirmed(), "a GC confirms every report on a JVM that allows one: " + leak);
                assertEquals("", leak.gcSkippedBecause());
            }
        } finally {
            session.detach("test finished");
            target.close();
        }
    }

    /** LEAK-PATTERNS row 6: first swap RETAINED, second swap → LEAK ×2. */
    @Test
    void pagesThatPileUpInOneSlotEscalateFromRetainedToLeak() throws Exception {
        target.send("pile");
        target.awaitLineStartingWith("PILED 1", TIMEOUT);
        LeakSuspected first = events.await(LeakSuspected.class, l -> l.className().equals(TARGET + "PiledPage"), REPORT);
        assertEquals(Verdict.RETAINED, first.verdict(), "one swapped-out page may be a cache");
        assertEquals(List.of("Stage \"Pile\"", "Scene", "BorderPane", "PiledPage"), first.viewStack());

        target.send("pile");
        target.awaitLineStartingWith("PILED 2", TIMEOUT);
        LeakSuspected second = events.await(LeakSuspected.class,
                l -> l.className().equals(TARGET + "PiledPage") && l.watchId() != first.watchId(), REPORT);
        assertEquals(Verdict.LEAK, second.verdict(), "the second retained instance of the kind");
        VerdictChanged escalation = events.await(VerdictChanged.class, v -> v.watchId() == first.watchId(), REPORT);
        assertEquals(Verdict.LEAK, escalation.verdict());
        assertEquals("2 instances of PiledPage retained", escalation.reason());
        assertEquals(2, events.leaks().size(), "nothing else is reported: " + events.leaks());
    }

    /** A sample browser keeps the last page of each sample: different classes in one slot are not a pile-up. */
    @Test
    void differentPageClassesSwappedThroughOneSlotStayRetained() throws Exception {
        target.send("samples");
        long swappedAt = target.receivedAtMillis(target.awaitLineStartingWith("SAMPLES", TIMEOUT));
        events.await(LeakSuspected.class, l -> l.className().equals(TARGET + "SampleB"), REPORT);
        events.awaitAllChecked(swappedAt, TIMEOUT);

        List<LeakSuspected> reports = events.leaks();
        assertEquals(List.of(TARGET + "SampleA", TARGET + "SampleB"), reports.stream().map(LeakSuspected::className).sorted().toList());
        assertTrue(reports.stream().allMatch(l -> l.verdict() == Verdict.RETAINED), reports.toString());
        assertEquals(List.of(), ofType(VerdictChanged.class), "no escalation");
    }

    /** Row 6c: a cached page shown again after its report is retracted as reused. */
    @Test
    void aCachedPageShownAgainIsRetractedAsReused() throws Exception {
        target.send("cache-out");
        target.awaitLineStartingWith("CACHED OUT", TIMEOUT);
        LeakSuspected report = events.await(LeakSuspected.class, l -> l.className().equals(TARGET + "CachedPage"), REPORT);
        assertEquals(Verdict.RETAINED, report.verdict());

        target.send("cache-in");
        target.awaitLineStartingWith("CACHED IN", TIMEOUT);
        ObjectReused reused = events.await(ObjectReused.class, r -> r.watchId() == report.watchId(), REPORT);
        assertTrue(reused.afterMillis() >= report.reportedAtMillis() - report.watchedAtMillis(), reused.toString());
        assertEquals(List.of(), events.deallocations());
    }

    /** A hidden stage is a leak (JavaFX has no dispose); shown again, it is retracted as reused. */
    @Test
    void aHiddenStageIsALeakUntilItIsShownAgain() throws Exception {
        target.send("hide-kept");
        target.awaitLineStartingWith("KEPT HIDDEN", TIMEOUT);
        LeakSuspected report = events.await(LeakSuspected.class, l -> l.viewStack().get(0).equals("Stage \"Kept\""), REPORT);
        assertEquals("javafx.stage.Stage", report.className());
        assertEquals(Verdict.LEAK, report.verdict());

        target.send("show-kept");
        target.awaitLineStartingWith("KEPT SHOWN", TIMEOUT);
        events.await(ObjectReused.class, r -> r.watchId() == report.watchId(), REPORT);
        assertEquals(1, events.leaks().size(), events.leaks().toString());
    }

    /**
     * Row 12: the old view is RETAINED → DEALLOCATED; its button, moved into the new (showing) view, is never
     * reported, neither while the old view stands nor once it is collected.
     */
    @Test
    void controlsMovedOutOfADroppedViewIntoAShowingOneAreNeverReported() throws Exception {
        target.send("move-children");
        target.awaitLineStartingWith("MOVED", TIMEOUT);
        LeakSuspected view = events.await(LeakSuspected.class, l -> l.className().equals(TARGET + "OldView"), REPORT);
        assertEquals(Verdict.RETAINED, view.verdict());
        ObjectDeallocated released = events.await(ObjectDeallocated.class, d -> d.watchId() == view.watchId(), REPORT);
        assertTrue(released.afterMillis() >= 3500, "kept by the 4 s delayed call: " + released);
        // Orphans of the GC that collected the view are reported in the same pass, before any later stats.
        events.awaitAllChecked(System.currentTimeMillis(), TIMEOUT);

        assertEquals(List.of(view), events.leaks(), "the moved button (on screen) is not an orphan leak");
    }

    private <T extends Message> List<T> ofType(Class<T> type) {
        return events.messages().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
