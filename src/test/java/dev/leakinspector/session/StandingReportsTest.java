package dev.leakinspector.session;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the JUnit extension reads from the standing reports (the command line's side is in cli's StandingReportsTest):
 * a report carries its current verdict, and the agent's errors are kept, boundedly.
 */
class StandingReportsTest {
    private static LeakSuspected report(long id, Verdict verdict) {
        return new LeakSuspected(id, "a.B", "node removed", List.of("Stage"), 3, 1, 2, true, verdict, "");
    }

    private final StandingReports reports = new StandingReports();

    @Test
    void aStandingReportCarriesItsCurrentVerdictAndEverythingElseItWasReportedWith() {
        reports.record(report(1, Verdict.RETAINED));
        reports.record(new VerdictChanged(1, Verdict.LEAK, "2 instances retained"));
        LeakSuspected standing = reports.standing().get(0);
        assertEquals(report(1, Verdict.LEAK), standing);
        assertEquals(Verdict.LEAK, reports.verdictOf(1));
        reports.record(new ObjectReused(1, 50));
        assertEquals(List.of(), reports.standing());
        assertNull(reports.verdictOf(1));
    }

    @Test
    void theAgentsErrorsAreKeptInOrderUpToTheBound() {
        for (int i = 0; i < StandingReports.MAX_ERRORS + 5; i++) {
            reports.record(new AgentError("trigger " + i, "failed"));
        }
        List<String> errors = reports.errors();
        assertEquals(StandingReports.MAX_ERRORS, errors.size());
        assertEquals("trigger 0: failed", errors.get(0));
        assertEquals("trigger " + (StandingReports.MAX_ERRORS - 1) + ": failed", errors.get(errors.size() - 1));
    }
}
