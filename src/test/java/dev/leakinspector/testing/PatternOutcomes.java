package dev.leakinspector.testing;

import dev.leakinspector.demo.ExpectedOutcome;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks what a live session said about one demo pattern against its outcome in LEAK-PATTERNS.md:
 * how many reports, each report's verdict, the escalations ({@link VerdictChanged}) and retractions
 * ({@link ObjectReused}, {@link ObjectDeallocated}) that must follow, and that nothing else follows.
 * Stateless; use from the test thread.
 */
public final class PatternOutcomes {
    private PatternOutcomes() {
    }

    /** The reports whose window crumb (the first) starts with {@code Stage "<id> }, {@code JFrame "<id> } or {@code JDialog "<id> }. */
    public static List<LeakSuspected> reportsAbout(RecordingListener events, String patternId) {
        return events.leaks().stream().filter(leak -> isAbout(leak, patternId)).toList();
    }

    /** Whether the report's window crumb names the pattern's window (its title starts with the id and a space). */
    public static boolean isAbout(LeakSuspected leak, String patternId) {
        return !leak.viewStack().isEmpty() && leak.viewStack().get(0).matches("(Stage|JFrame|JDialog) \"" + Pattern.quote(patternId) + " .*");
    }

    /**
     * Asserts that {@code reports} (a pattern's, in the order received) match {@code outcome}, waiting up to
     * {@code timeout} for the escalations and retractions the outcome calls for.
     *
     * For {@link ExpectedOutcome#NONE_OR_JDK_HOLD} nothing is asserted here: the caller checks that any
     * report is marked as a JDK/toolkit hold.
     *
     * @return the reports ordered by when their watches started, for the row's own checks
     */
    public static List<LeakSuspected> check(RecordingListener events, String patternId, ExpectedOutcome outcome,
                                            List<LeakSuspected> reports, Duration timeout) throws InterruptedException {
        String row = "pattern " + patternId + " (" + outcome.label() + ")";
        List<LeakSuspected> ordered = reports.stream().sorted(Comparator.comparingLong(LeakSuspected::watchedAtMillis)).toList();
        if (outcome == ExpectedOutcome.NONE_OR_JDK_HOLD) {
            // Reported or not: the caller checks that what was reported is marked as a JDK/toolkit hold.
            return ordered;
        }
        assertEquals(outcome.reports(), ordered.size(), row + ": how many reports: " + ordered);
        switch (outcome) {
            case NONE -> {
                return ordered;
            }
            case LEAK -> {
                assertVerdict(Verdict.LEAK, ordered.get(0), row);
                assertNoRetraction(events, ordered.get(0), row);
            }
            case LEAK_THEN_DEALLOCATED -> {
                assertVerdict(Verdict.LEAK, ordered.get(0), row);
                awaitDeallocated(events, ordered.get(0), timeout, row);
                assertNotReused(events, ordered.get(0), row);
            }
            case RETAINED -> {
                assertVerdict(Verdict.RETAINED, ordered.get(0), row);
                assertNoRetraction(events, ordered.get(0), row);
            }
            case RETAINED_THEN_REUSED -> {
                assertVerdict(Verdict.RETAINED, ordered.get(0), row);
                ObjectReused reused = events.await(ObjectReused.class, r -> r.watchId() == ordered.get(0).watchId(), timeout);
                assertTrue(reused.afterMillis() > 0, row + ": " + reused);
                assertTrue(deallocations(events, ordered.get(0)).isEmpty(), row + ": reused, not deallocated");
            }
            case RETAINED_THEN_DEALLOCATED -> {
                assertVerdict(Verdict.RETAINED, ordered.get(0), row);
                awaitDeallocated(events, ordered.get(0), timeout, row);
                assertNotReused(events, ordered.get(0), row);
            }
            case RETAINED_THEN_LEAK_X2, RETAINED_THEN_LEAK_X3 -> {
                assertEquals(Verdict.RETAINED, ordered.get(0).verdict(),
                        row + ": the first instance alone may be a cache: " + ordered.get(0));
                for (LeakSuspected report : ordered) {
                    if (report.verdict() != Verdict.LEAK) {
                        VerdictChanged escalation = events.await(VerdictChanged.class,
                                v -> v.watchId() == report.watchId() && v.verdict() == Verdict.LEAK, timeout);
                        assertFalse(escalation.reason().isBlank(), row + ": an escalation says why: " + escalation);
                    }
                    assertEquals(Verdict.LEAK, finalVerdict(events, report),
                            row + ": " + outcome.reports() + " instances retained at once are a leak: " + report);
                    assertTrue(deallocations(events, report).isEmpty() && reuses(events, report).isEmpty(),
                            row + ": an accumulating leak is not retracted: " + report);
                }
            }
            case TWO_REPORTS_TOLD_APART -> {
                assertNotEquals(ordered.get(0).viewStack(), ordered.get(1).viewStack(),
                        row + ": two pages a user tells apart must not share a view stack");
                for (LeakSuspected report : ordered) {
                    assertNoRetraction(events, report, row);
                }
            }
            default -> throw new AssertionError("no check for " + outcome);
        }
        return ordered;
    }

    /** The verdict a report stands at: its own, or the last {@link VerdictChanged} received for it. */
    public static Verdict finalVerdict(RecordingListener events, LeakSuspected report) {
        Verdict verdict = report.verdict();
        for (Message message : events.messages()) {
            if (message instanceof VerdictChanged change && change.watchId() == report.watchId()) {
                verdict = change.verdict();
            }
        }
        return verdict;
    }

    /**
     * Every escalation and retraction the session sent is about a report whose outcome allows it.
     *
     * @param outcomeByWatchId the outcome of the pattern of every report made
     */
    public static void assertNothingElseChanged(RecordingListener events, Map<Long, ExpectedOutcome> outcomeByWatchId) {
        for (Message message : events.messages()) {
            long watchId;
            List<ExpectedOutcome> allowed = new ArrayList<>();
            if (message instanceof VerdictChanged change) {
                watchId = change.watchId();
                allowed.addAll(List.of(ExpectedOutcome.RETAINED_THEN_LEAK_X2, ExpectedOutcome.RETAINED_THEN_LEAK_X3,
                        ExpectedOutcome.TWO_REPORTS_TOLD_APART));
            } else if (message instanceof ObjectReused reused) {
                watchId = reused.watchId();
                allowed.add(ExpectedOutcome.RETAINED_THEN_REUSED);
            } else if (message instanceof ObjectDeallocated deallocated) {
                watchId = deallocated.watchId();
                // A JDK/toolkit hold that was reported may let go later.
                allowed.addAll(List.of(ExpectedOutcome.LEAK_THEN_DEALLOCATED, ExpectedOutcome.RETAINED_THEN_DEALLOCATED,
                        ExpectedOutcome.NONE_OR_JDK_HOLD));
            } else {
                continue;
            }
            ExpectedOutcome outcome = outcomeByWatchId.get(watchId);
            assertTrue(outcome != null && allowed.contains(outcome),
                    message + " is about a report of no pattern that allows it (" + outcome + "); reports: "
                            + events.leaks().stream().map(l -> l.watchId() + "=" + l.viewStack()).collect(Collectors.joining(", ")));
        }
    }

    private static void assertVerdict(Verdict expected, LeakSuspected report, String row) {
        assertEquals(expected, report.verdict(), row + ": " + report);
    }

    private static void assertNoRetraction(RecordingListener events, LeakSuspected report, String row) {
        assertTrue(deallocations(events, report).isEmpty(), row + ": not deallocated: " + report);
        assertNotReused(events, report, row);
    }

    private static void assertNotReused(RecordingListener events, LeakSuspected report, String row) {
        assertTrue(reuses(events, report).isEmpty(), row + ": not reused: " + report);
    }

    private static void awaitDeallocated(RecordingListener events, LeakSuspected report, Duration timeout, String row)
            throws InterruptedException {
        ObjectDeallocated retraction = events.await(ObjectDeallocated.class, d -> d.watchId() == report.watchId(), timeout);
        assertTrue(retraction.afterMillis() > report.reportedAtMillis() - report.watchedAtMillis(),
                row + ": collected after its report: " + retraction);
    }

    private static List<ObjectDeallocated> deallocations(RecordingListener events, LeakSuspected report) {
        return events.messages().stream().filter(ObjectDeallocated.class::isInstance).map(ObjectDeallocated.class::cast)
                .filter(d -> d.watchId() == report.watchId()).toList();
    }

    private static List<ObjectReused> reuses(RecordingListener events, LeakSuspected report) {
        return events.messages().stream().filter(ObjectReused.class::isInstance).map(ObjectReused.class::cast)
                .filter(r -> r.watchId() == report.watchId()).toList();
    }
}
