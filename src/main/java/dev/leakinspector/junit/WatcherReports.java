package dev.leakinspector.junit;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The watcher's reports of one test, as they stand: a report is added by {@code LeakSuspected}, gets its verdict
 * changed by {@code VerdictChanged} and is taken back by {@code ObjectDeallocated} or {@code ObjectReused}.
 * Problems the watcher or a trigger ran into are kept to be told with a failure.
 *
 * <p>Threading: {@link #accept} is called on the watcher thread, the readers on the test's thread; all
 * synchronized. Holds no watched object, only the reports' text.
 */
final class WatcherReports {
    /** Bounds what a runaway test can make us keep. */
    private static final int MAX_ERRORS = 20;

    private final Map<Long, LeakSuspected> standing = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    synchronized void accept(Message message) {
        if (message instanceof LeakSuspected report) {
            standing.put(report.watchId(), report);
        } else if (message instanceof VerdictChanged change) {
            standing.computeIfPresent(change.watchId(), (id, report) -> withVerdict(report, change.verdict()));
        } else if (message instanceof ObjectDeallocated collected) {
            standing.remove(collected.watchId());
        } else if (message instanceof ObjectReused reused) {
            standing.remove(reused.watchId());
        } else if (message instanceof AgentError error && errors.size() < MAX_ERRORS) {
            errors.add(error.context() + ": " + error.message());
        }
    }

    /** The reports standing now, in the order they were made. */
    synchronized List<LeakSuspected> standing() {
        return new ArrayList<>(standing.values());
    }

    synchronized List<String> errors() {
        return new ArrayList<>(errors);
    }

    private static LeakSuspected withVerdict(LeakSuspected report, Verdict verdict) {
        return new LeakSuspected(report.watchId(), report.className(), report.trigger(), report.viewStack(),
                report.descendants(), report.watchedAtMillis(), report.reportedAtMillis(), report.gcConfirmed(),
                verdict, report.gcSkippedBecause());
    }
}
