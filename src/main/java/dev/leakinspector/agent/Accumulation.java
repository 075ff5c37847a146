package dev.leakinspector.agent;

import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells a cache from a pile-up: the standing reports (reported, alive, not reused) per {@link WatchKind}. A kind
 * with two or more standing instances at once is accumulating (the program builds a new one and keeps the old):
 * its reports are leaks. A single one is only {@link Verdict#RETAINED} (a page cache, a dialog kept for reuse).
 *
 * <p>A kind the program has shown again (an instance of it was reused) is a cache: a sample browser built of
 * generic pages that keeps the last page of each sample in one slot shows them again when the user returns.
 * Such a kind never accumulates, and reports escalated before the reuse was seen go back to retained.
 *
 * <p>Owned by the watcher thread; holds the watches (weak references), never the objects.
 */
final class Accumulation {
    private final Map<String, Set<WatchedReference>> standing = new HashMap<>();
    /** Kinds of which the program showed an instance again: caches. Bounded by the kinds the program has. */
    private final Set<String> cachingKinds = new java.util.HashSet<>();

    /** Counts reports that are about to go out, before their verdicts are decided (a batch counts as a whole). */
    void add(WatchedReference top) {
        standing.computeIfAbsent(top.kind().key(), key -> new LinkedHashSet<>()).add(top);
    }

    /** A report that ends (collected, reused): no longer counted. */
    void remove(WatchedReference top) {
        if (top.kind() == null) {
            return;
        }
        Set<WatchedReference> ofKind = standing.get(top.kind().key());
        if (ofKind != null && ofKind.remove(top) && ofKind.isEmpty()) {
            standing.remove(top.kind().key());
        }
    }

    /** The verdict a report of {@code top} (already {@link #add added}) carries: its own, or a leak when its kind piles up. */
    Verdict verdictOf(WatchedReference top) {
        if (top.verdict() == Verdict.LEAK) {
            return Verdict.LEAK;
        }
        return accumulates(top.kind()) ? Verdict.LEAK : Verdict.RETAINED;
    }

    /** Why a kind's reports are leaks now, for {@link VerdictChanged}. */
    String reason(WatchKind kind) {
        return count(kind) + " instances of " + kind.simpleName() + " retained";
    }

    /**
     * Escalates the standing {@code retained} reports of these kinds that now accumulate. Call after the
     * reports of a batch went out, so their escalations follow them.
     */
    List<VerdictChanged> escalate(Collection<WatchKind> kinds) {
        List<VerdictChanged> changes = new ArrayList<>();
        for (WatchKind kind : new LinkedHashSet<>(kinds)) {
            if (accumulates(kind)) {
                escalateAll(kind, reason(kind), changes);
            }
        }
        return changes;
    }

    /** A new instance of a kind was displayed while older ones stand: they accumulate (a dialog built anew per open). */
    List<VerdictChanged> newInstanceDisplayed(WatchKind kind) {
        List<VerdictChanged> changes = new ArrayList<>();
        int old = count(kind);
        if (old > 0 && !cachingKinds.contains(kind.key())) {
            String reason = "a new " + kind.simpleName() + " was shown while " + old + " hidden "
                    + (old == 1 ? "one is" : "ones are") + " retained";
            escalateAll(kind, reason, changes);
        }
        return changes;
    }

    /**
     * The program showed {@code report} again: its kind is a cache from now on, and the other standing reports of
     * it that were escalated only because the kind seemed to accumulate go back to retained.
     */
    List<VerdictChanged> reused(WatchedReference report) {
        List<VerdictChanged> changes = new ArrayList<>();
        if (report.kind() == null || !cachingKinds.add(report.kind().key())) {
            return changes;
        }
        String reason = "the program showed a " + report.kind().simpleName() + " again: a cache";
        for (WatchedReference other : standing.getOrDefault(report.kind().key(), Set.of())) {
            if (other != report && other.verdict() == Verdict.RETAINED && other.reportedVerdict() == Verdict.LEAK) {
                other.setReportedVerdict(Verdict.RETAINED);
                changes.add(new VerdictChanged(other.id, Verdict.RETAINED, reason));
            }
        }
        return changes;
    }

    private boolean accumulates(WatchKind kind) {
        return count(kind) >= 2 && !cachingKinds.contains(kind.key());
    }

    private void escalateAll(WatchKind kind, String reason, List<VerdictChanged> changes) {
        for (WatchedReference report : standing.getOrDefault(kind.key(), Set.of())) {
            if (report.reportedVerdict() == Verdict.RETAINED) {
                report.setReportedVerdict(Verdict.LEAK);
                changes.add(new VerdictChanged(report.id, Verdict.LEAK, reason));
            }
        }
    }

    int count(WatchKind kind) {
        Set<WatchedReference> ofKind = standing.get(kind.key());
        return ofKind == null ? 0 : ofKind.size();
    }
}
