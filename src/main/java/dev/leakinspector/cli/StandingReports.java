package dev.leakinspector.cli;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reports of a session that still stand, with their current verdict: a {@link LeakSuspected} stands until it
 * is retracted ({@link ObjectDeallocated}, {@link ObjectReused}); a {@link VerdictChanged} replaces its verdict.
 * What {@code attach --fail-on} and {@code --explain} look at when the session ends. Thread-safe: messages arrive
 * on the session's thread, the questions come from the main thread.
 */
final class StandingReports {
    private final Map<Long, LeakSuspected> reports = new LinkedHashMap<>();
    private final Map<Long, Verdict> verdicts = new LinkedHashMap<>();
    /** Reports that a documented JDK/toolkit hold keeps, not the program: never counted as the program's. */
    private final Set<Long> heldByToolkit = new HashSet<>();

    /** Takes note of a message from the agent; messages that are not about reports are ignored. */
    synchronized void record(Message message) {
        if (message instanceof LeakSuspected leak) {
            reports.put(leak.watchId(), leak);
            verdicts.put(leak.watchId(), leak.verdict());
        } else if (message instanceof VerdictChanged change && reports.containsKey(change.watchId())) {
            verdicts.put(change.watchId(), change.verdict());
        } else if (message instanceof ObjectDeallocated deallocated) {
            retract(deallocated.watchId());
        } else if (message instanceof ObjectReused reused) {
            retract(reused.watchId());
        }
    }

    /** The standing reports, in the order they came. */
    synchronized List<LeakSuspected> standing() {
        return List.copyOf(reports.values());
    }

    /** The current verdict of a standing report, or null for one that does not stand. */
    synchronized Verdict verdictOf(long watchId) {
        return verdicts.get(watchId);
    }

    /** Takes note that a heap dump showed a JDK/toolkit hold keeping this report's object, not the program. */
    synchronized void heldByToolkit(long watchId) {
        if (reports.containsKey(watchId)) {
            heldByToolkit.add(watchId);
        }
    }

    /**
     * How many standing reports have {@code threshold} or a more severe verdict, leaving out those a JDK/toolkit
     * hold keeps (they are not the program's leaks).
     */
    synchronized int countAtLeast(Verdict threshold) {
        return (int) verdicts.entrySet().stream()
                .filter(entry -> !heldByToolkit.contains(entry.getKey()) && entry.getValue().atLeast(threshold))
                .count();
    }

    private void retract(long watchId) {
        reports.remove(watchId);
        verdicts.remove(watchId);
        heldByToolkit.remove(watchId);
    }
}
