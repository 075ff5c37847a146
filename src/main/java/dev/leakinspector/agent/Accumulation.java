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
 * <p>Owned by the watcher thread; holds the watches (weak references), never the objects.
 */
final class Accumulation {
    private final Map<String, Set<WatchedReference>> standing = new HashMap<>();

    /** Counts reports that are about to go out, before their verdicts are decided (a batch counts as a whole). */
    void add(WatchedReference top) {
        standing.computeIfAbsent(top.kind.key(), key -> new LinkedHashSet<>()).add(top);
    }

    /** A report that ends (collected, reused): no longer counted. */
    void remove(WatchedReference top) {
        if (top.kind == null) {
            return;
        }
        Set<WatchedReference> ofKind = standing.get(top.kind.key());
        if (ofKind != null && ofKind.remove(top) && ofKind.isEmpty()) {
            standing.remove(top.kind.key());
        }
    }

    /** The verdict a report of {@code top} (already {@link #add added}) carries: its own, or a leak when its kind piles up. */
    Verdict verdictOf(WatchedReference top) {
        if (top.verdict == Verdict.LEAK) {
            return Verdict.LEAK;
        }
        return count(top.kind) >= 2 ? Verdict.LEAK : Verdict.RETAINED;
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
            if (count(kind) >= 2) {
                escalateAll(kind, reason(kind), changes);
            }
        }
        return changes;
    }

    /** A new instance of a kind was displayed while older ones stand: they accumulate (a dialog built anew per open). */
    List<VerdictChanged> newInstanceDisplayed(WatchKind kind) {
        List<VerdictChanged> changes = new ArrayList<>();
        int old = count(kind);
        if (old > 0) {
            String reason = "a new " + kind.simpleName() + " was shown while " + old + " hidden "
                    + (old == 1 ? "one is" : "ones are") + " retained";
            escalateAll(kind, reason, changes);
        }
        return changes;
    }

    private void escalateAll(WatchKind kind, String reason, List<VerdictChanged> changes) {
        for (WatchedReference report : standing.getOrDefault(kind.key(), Set.of())) {
            if (report.reportedVerdict == Verdict.RETAINED) {
                report.reportedVerdict = Verdict.LEAK;
                changes.add(new VerdictChanged(report.id, Verdict.LEAK, reason));
            }
        }
    }

    int count(WatchKind kind) {
        Set<WatchedReference> ofKind = standing.get(kind.key());
        return ofKind == null ? 0 : ofKind.size();
    }
}
