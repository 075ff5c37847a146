package dev.leakinspector.cli;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.StandingReports;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bookkeeping behind {@code attach --fail-on} and {@code --explain}: which reports stand, with which verdict. */
class StandingReportsTest {
    private static LeakSuspected report(long id, Verdict verdict) {
        return new LeakSuspected(id, "a.B", "node removed", List.of("Stage"), 0, 0, 0, true, verdict, "");
    }

    private final StandingReports reports = new StandingReports();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int failOn(Verdict threshold) {
        return AttachCommand.failOn(threshold, reports, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aReportAJdkHoldKeepsIsNotTheProgramsLeak() {
        reports.record(report(1, Verdict.LEAK));
        reports.record(report(2, Verdict.LEAK));
        reports.heldByToolkit(2);
        reports.heldByToolkit(99); // not a standing report: nothing to mark

        assertEquals(1, reports.countAtLeast(Verdict.LEAK));
        assertEquals(Verdict.LEAK, reports.verdictOf(2), "still a standing report, shown with its explanation");
        reports.record(new ObjectDeallocated(2, 10));
        reports.record(report(2, Verdict.LEAK)); // a new report under the same id is not marked by the old one
        assertEquals(2, reports.countAtLeast(Verdict.LEAK));
    }

    @Test
    void aRetainedReportFailsOnRetainedOnly() {
        reports.record(report(1, Verdict.RETAINED));

        assertEquals(0, failOn(Verdict.LEAK));
        assertEquals(AttachCommand.EXIT_FAIL_ON, failOn(Verdict.RETAINED));
        assertEquals(0, failOn(null), "no --fail-on: never");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("1 standing report(s) with the verdict retained or worse"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLeakFailsOnBothThresholds() {
        reports.record(report(1, Verdict.LEAK));

        assertEquals(AttachCommand.EXIT_FAIL_ON, failOn(Verdict.LEAK));
        assertEquals(AttachCommand.EXIT_FAIL_ON, failOn(Verdict.RETAINED));
    }

    @Test
    void anEscalatedReportCountsAsALeak() {
        reports.record(report(1, Verdict.RETAINED));
        reports.record(report(2, Verdict.RETAINED));
        reports.record(new VerdictChanged(2, Verdict.LEAK, "2 instances of B retained"));

        assertEquals(1, reports.countAtLeast(Verdict.LEAK));
        assertEquals(2, reports.countAtLeast(Verdict.RETAINED));
        assertEquals(AttachCommand.EXIT_FAIL_ON, failOn(Verdict.LEAK));
    }

    @Test
    void aVerdictForAReportThatNoLongerStandsChangesNothing() {
        reports.record(report(1, Verdict.RETAINED));
        reports.record(new ObjectDeallocated(1, 100));
        reports.record(new VerdictChanged(1, Verdict.LEAK, "late"));
        reports.record(new VerdictChanged(99, Verdict.LEAK, "never reported"));

        assertEquals(0, failOn(Verdict.RETAINED));
        assertEquals(List.of(), reports.standing());
    }

    @Test
    void deallocatedAndReusedReportsAreRetracted() {
        reports.record(report(1, Verdict.LEAK));
        reports.record(report(2, Verdict.LEAK));
        reports.record(report(3, Verdict.RETAINED));
        reports.record(new ObjectDeallocated(1, 100));
        reports.record(new ObjectReused(2, 200));
        reports.record(new Stats(0, 0, 0, 0, 0, 0, 0));

        assertEquals(List.of(3L), reports.standing().stream().map(LeakSuspected::watchId).toList());
        assertEquals(0, failOn(Verdict.LEAK));
        assertEquals(AttachCommand.EXIT_FAIL_ON, failOn(Verdict.RETAINED));
    }

    @Test
    void failOnTakesLeakOrRetainedAndNothingElse() {
        assertEquals(Verdict.RETAINED, AttachCommand.Options.parse(List.of("1", "--fail-on", "retained")).failOn());
        assertEquals(Verdict.LEAK, AttachCommand.Options.parse(List.of("1", "--fail-on", "leak")).failOn());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> AttachCommand.Options.parse(List.of("1", "--fail-on", "LEAKS")));
        assertEquals("--fail-on needs leak or retained, not 'LEAKS'", wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AttachCommand.Options.parse(List.of("1", "--fail-on")));
    }
}
