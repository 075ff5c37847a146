package dev.leakinspector.cli;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LeakExplainer;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.StandingReports;
import dev.leakinspector.session.VerdictRefinement;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * {@code attach --explain}: when the requested duration ends, one heap dump of the target explains every report
 * that still stands, and each gets one explanation (the reports themselves were printed as they came). The dump
 * is private and deleted afterwards unless the user keeps it. What the dump shows may raise a retained report to a
 * leak, or take a JDK/toolkit hold out of {@code --fail-on} ({@link #refine}).
 *
 * <p>Blocking and long (the target pauses while it dumps, then the dump is indexed): runs on the main thread; the
 * shutdown hook of a signal stops it through the {@link CancelToken}, and nothing is printed after that.
 */
final class StandingReportsExplainer {
    private static final int PATHS = 3;

    private final StandingReports reports;
    private final EventPrinter printer;
    private final boolean keepDump;
    private final CancelToken cancel;

    StandingReportsExplainer(StandingReports reports, EventPrinter printer, boolean keepDump, CancelToken cancel) {
        this.reports = reports;
        this.printer = printer;
        this.keepDump = keepDump;
        this.cancel = cancel;
    }

    /** Dumps the heap of the attached target once and prints why each standing report is alive. */
    void explain(LiveSession session, PrintStream err) {
        List<LeakSuspected> standing = reports.standing();
        if (standing.isEmpty()) {
            return;
        }
        printer.dumping(session.pid(), standing.size());
        LeakExplainer.Result result;
        try {
            result = LeakExplainer.explain(session, standing.stream().map(LeakSuspected::watchId).toList(), PATHS,
                    keepDump, ProgressListener.NONE, cancel);
        } catch (CancellationException interrupted) {
            // A signal: the shutdown hook detaches, deletes the dump and prints the end.
            return;
        } catch (IOException | RuntimeException e) {
            err.println("leak-inspector: no explanation: " + e.getMessage());
            err.flush();
            unavailable("no heap dump: " + e.getMessage());
            return;
        }
        for (LeakSuspected leak : standing) {
            LeakExplainer.Explanation explanation = result.byWatchId().get(leak.watchId());
            if (explanation == null) {
                printer.explained(leak, Optional.empty(), "not found in the heap dump");
            } else {
                printer.explained(leak, explanation.analysis(), explanation.note());
                explanation.analysis().ifPresent(analysis -> refine(leak.watchId(), analysis));
            }
        }
        if (result.kept()) {
            printer.dumpKept(result.dumpFile(), result.dumpBytes());
        }
    }

    /**
     * What the dump tells beyond the agent: a JDK/toolkit hold is not the program's leak (left out of
     * {@code --fail-on}), and a retained report kept by a listener list, a static collection, a thread or an
     * animation is a leak ({@link VerdictRefinement}), printed as a {@code verdict} event.
     */
    private void refine(long watchId, ObjectAnalysis analysis) {
        if (analysis.libraryHold().isPresent()) {
            reports.heldByToolkit(watchId);
        }
        Verdict current = reports.verdictOf(watchId);
        if (current != null) {
            VerdictRefinement.of(watchId, current, analysis).ifPresent(change -> {
                reports.record(change);
                printer.message(change);
            });
        }
    }

    /** No dump can be taken (the session ended first): says why for each standing report. */
    void unavailable(String why) {
        for (LeakSuspected leak : reports.standing()) {
            printer.explained(leak, Optional.empty(), why);
        }
    }
}
