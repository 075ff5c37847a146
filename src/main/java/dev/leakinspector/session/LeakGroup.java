package dev.leakinspector.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one kind, which may be the same leak: same class, same trigger, same view-stack shape (crumb
 * types, names left out), with how many there are in each state. {@link #live()} is how many instances of
 * the kind are still alive and not displayed now: several of them is how a program that piles up pages
 * shows itself. Immutable; any thread.
 *
 * @param counts the kind's reports by state
 */
public record LeakGroup(String className, String trigger, String viewStackShape, ReportCounts counts,
                        long lastReportedAtMillis) {

    /** Every report of the kind. */
    public int count() {
        return (int) counts.total();
    }

    /** Instances still alive and not displayed (standing reports, leak or retained). */
    public int live() {
        return (int) counts.standing();
    }

    /**
     * Groups {@code rows}, in the order each group first appeared. O(rows); a {@link SessionModel} keeps its
     * groups as rows change instead ({@link SessionModel#groups()}).
     */
    public static List<LeakGroup> of(List<LeakRecord> rows) {
        Tallies tallies = new Tallies();
        for (LeakRecord row : rows) {
            tallies.count(row, 1);
        }
        return tallies.groups();
    }

    /** Whether {@code row} belongs to this group. */
    public boolean contains(LeakRecord row) {
        return row.className().equals(className) && row.trigger().equals(trigger)
                && row.viewStackShape().equals(viewStackShape);
    }

    /** Whether {@code other} is the same group (same class, trigger and view-stack shape), whatever its counts. */
    public boolean sameGroupAs(LeakGroup other) {
        return other.className.equals(className) && other.trigger.equals(trigger)
                && other.viewStackShape.equals(viewStackShape);
    }

    /** One string rather than a list: this runs for every row counted. */
    private static String key(LeakRecord row, String shape) {
        return row.className() + '\u0000' + row.trigger() + '\u0000' + shape;
    }

    /**
     * Each kind's counts, kept as rows are counted in (+1) and out (-1), in the order kinds first appeared.
     * Not thread-safe; owned by one model or one grouping pass.
     */
    static final class Tallies {
        private final Map<String, Kind> kinds = new LinkedHashMap<>();

        void count(LeakRecord row, int sign) {
            kindOf(row).count(row, sign);
        }

        /** The kind of {@code row}, new if it is the first of its kind. */
        Kind kindOf(LeakRecord row) {
            String shape = row.viewStackShape();
            return kinds.computeIfAbsent(key(row, shape), key -> new Kind(row.className(), row.trigger(), shape));
        }

        /** The groups now: O(kinds). */
        List<LeakGroup> groups() {
            List<LeakGroup> groups = new ArrayList<>(kinds.size());
            for (Kind kind : kinds.values()) {
                groups.add(new LeakGroup(kind.className, kind.trigger, kind.shape, kind.tally.snapshot(),
                        kind.lastReportedAtMillis));
            }
            return groups;
        }

        /** One kind's counts. Only rows of this kind may be counted in it. */
        static final class Kind {
            private final String className;
            private final String trigger;
            private final String shape;
            private final ReportCounts.Tally tally = new ReportCounts.Tally();
            private long lastReportedAtMillis = Long.MIN_VALUE;

            private Kind(String className, String trigger, String shape) {
                this.className = className;
                this.trigger = trigger;
                this.shape = shape;
            }

            void count(LeakRecord row, int sign) {
                tally.count(row, sign);
                if (sign > 0) {
                    lastReportedAtMillis = Math.max(lastReportedAtMillis, row.reportedAtMillis());
                }
            }
        }
    }
}
