package dev.leakinspector.session;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reports of a session that still stand, with their current verdict: a {@link LeakSuspected} stands until it
 * is retracted ({@link ObjectDeallocated}, {@link ObjectReused}); a {@link VerdictChanged} replaces its verdict.
 * What {@code attach --fail-on} and {@code --explain} look at when the session ends, and what fails a test of the
 * JUnit extension. Problems the agent or a trigger ran into are kept too (the first {@value #MAX_ERRORS}).
 *
 * <p>Thread-safe (all synchronized): messages arrive on the session's or watcher's thread, the questions come from
 * the main or test thread. Holds no watched object, only the reports' text.
 */
public final class StandingReports {
    /** Bounds what a runaway session can make us keep. */
    static final int MAX_ERRORS = 20;

    private final Map<Long, LeakSuspected> reports = new LinkedHashMap<>();
    /** Reports that a documented JDK/toolkit hold keeps, not the program: never counted as the program's. */
    private final Set<Long> heldByToolkit = new HashSet<>();
    private final List<String> errors = new ArrayList<>();
    private final AgentEvents events = new AgentEvents() {
        @Override
        public void leakSuspected(LeakSuspected leak) {
            reports.put(leak.watchId(), leak);
        }

        @Override
        public void verdictChanged(VerdictChanged change) {
            reports.computeIfPresent(change.watchId(), (id, report) -> withVerdict(report, change.verdict()));
        }

        @Override
        public void objectDeallocated(ObjectDeallocated deallocated) {
            retract(deallocated.watchId());
        }

        @Override
        public void objectReused(ObjectReused reused) {
            retract(reused.watchId());
        }

        @Override
        public void agentError(AgentError error) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(error.context() + ": " + error.message());
            }
        }
    };

    /** Takes note of a message from the agent; messages that are not about reports or errors are ignored. */
    public synchronized void record(Message message) {
        AgentEvents.dispatch(message, events);
    }

    /** The standing reports with their current verdict, in the order they came. */
    public synchronized List<LeakSuspected> standing() {
        return List.copyOf(reports.values());
    }

    /** The current verdict of a standing report, or null for one that does not stand. */
    public synchronized Verdict verdictOf(long watchId) {
        LeakSuspected report = reports.get(watchId);
        return report == null ? null : report.verdict();
    }

    /** Takes note that a heap dump showed a JDK/toolkit hold keeping this report's object, not the program. */
    public synchronized void heldByToolkit(long watchId) {
        if (reports.containsKey(watchId)) {
            heldByToolkit.add(watchId);
        }
    }

    /**
     * How many standing reports have {@code threshold} or a more severe verdict, leaving out those a JDK/toolkit
     * hold keeps (they are not the program's leaks).
     */
    public synchronized int countAtLeast(Verdict threshold) {
        return (int) reports.values().stream()
                .filter(report -> !heldByToolkit.contains(report.watchId()) && report.verdict().atLeast(threshold))
                .count();
    }

    /** What the agent or a trigger ran into, as "context: message", in the order it came. */
    public synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    private void retract(long watchId) {
        reports.remove(watchId);
        heldByToolkit.remove(watchId);
    }

    private static LeakSuspected withVerdict(LeakSuspected report, Verdict verdict) {
        return new LeakSuspected(report.watchId(), report.className(), report.trigger(), report.viewStack(),
                report.descendants(), report.watchedAtMillis(), report.reportedAtMillis(), report.gcConfirmed(),
                verdict, report.gcSkippedBecause());
    }
}
