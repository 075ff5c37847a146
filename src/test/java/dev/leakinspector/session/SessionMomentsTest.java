package dev.leakinspector.session;

import dev.leakinspector.protocol.HeapDumpReady;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The forced GCs and heap dumps a session model records from the agent's messages, for the timeline. */
class SessionMomentsTest {
    private static LeakSuspected leak(long id, long reportedAt, boolean gcConfirmed) {
        return new LeakSuspected(id, "a.Page", "window hidden", List.of("Stage \"A\""), 0, reportedAt - 2000,
                reportedAt, gcConfirmed, Verdict.LEAK, gcConfirmed ? "" : "-XX:+DisableExplicitGC");
    }

    @Test
    void eachCheckConfirmedByAGcIsOneForcedGcAtItsReportTime() {
        SessionModel model = new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED);
        // One check reports its survivors with one time after its one GC.
        model.apply(leak(1, 10_000, true));
        model.apply(leak(2, 10_000, true));
        model.apply(leak(3, 14_000, false)); // the JVM ran no GC: nothing forced
        model.apply(leak(4, 18_000, true));
        model.apply(leak(4, 18_000, true)); // a repeated report is no second GC
        assertEquals(2, model.forcedGcs().size());
        assertEquals(10_000, model.forcedGcs().timeAt(0));
        assertEquals(18_000, model.forcedGcs().timeAt(1));
    }

    @Test
    void aWrittenHeapDumpIsRecordedWhenItsAnswerArrivesAFailedOneIsNot() {
        SessionModel model = new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED);
        long before = System.currentTimeMillis();
        model.apply(new HeapDumpReady(1, "/tmp/x.hprof", 1234, ""));
        model.apply(new HeapDumpReady(2, "/tmp/y.hprof", 0, "disk full"));
        long after = System.currentTimeMillis();
        assertEquals(1, model.heapDumps().size());
        long at = model.heapDumps().timeAt(0);
        assertEquals(true, at >= before && at <= after, at + " in [" + before + ", " + after + "]");
        assertEquals(-1, new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED).heapDumps().last());
    }
}
