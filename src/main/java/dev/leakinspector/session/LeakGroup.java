package dev.leakinspector.session;

import dev.leakinspector.protocol.LeakSuspected;

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
    private static String key(String className, String trigger, String shape) {
        return className + '\u0000' + trigger + '\u0000' + shape;
    }

    /**
     * Each kind's counts, kept as rows are counted in (+1) and out (-1), in the order kinds first appeared.
     * Not thread-safe; owned by one model or one grouping pass.
     */
    static final class Tallies {
        private final Map<String, Kind> kinds = new LinkedHashMap<>();
        /** The kinds again by {@link #hashOf}, chained, to find a row's kind without building strings. */
        private Entry[] buckets = new Entry[16];
        private int entries;

        void count(LeakRecord row, int sign) {
            kindOf(row).count(row, sign);
        }

        /** The kind of {@code row}, new if it is the first of its kind. */
        Kind kindOf(LeakRecord row) {
            return kindOf(row.className(), row.trigger(), row.viewStack());
        }

        /**
         * The kind of a report of {@code className}, {@code trigger} and {@code viewStack}, new if it is the first.
         * Found through a hash of the class, the trigger and the crumbs' types, compared in place: building the
         * shape and the key strings for every row was a third of the model's work per report.
         */
        Kind kindOf(String className, String trigger, List<String> viewStack) {
            int hash = hashOf(className, trigger, viewStack);
            int bucket = hash & (buckets.length - 1);
            for (Entry entry = buckets[bucket]; entry != null; entry = entry.next) {
                if (entry.hash == hash && entry.kind.is(className, trigger, viewStack)) {
                    return entry.kind;
                }
            }
            String shape = LeakRecord.shapeOf(viewStack);
            Kind kind = kinds.computeIfAbsent(key(className, trigger, shape), key -> new Kind(className, trigger, shape));
            buckets[bucket] = new Entry(hash, kind, buckets[bucket]);
            if (++entries > buckets.length) {
                rehash();
            }
            return kind;
        }

        private static int hashOf(String className, String trigger, List<String> viewStack) {
            int hash = className.hashCode() * 31 + trigger.hashCode();
            for (int i = 0; i < viewStack.size(); i++) {
                String crumb = viewStack.get(i);
                for (int c = 0, length = Crumb.typeLength(crumb); c < length; c++) {
                    hash = hash * 31 + crumb.charAt(c);
                }
                hash = hash * 31 + 1;
            }
            return hash ^ (hash >>> 16);
        }

        private void rehash() {
            Entry[] old = buckets;
            buckets = new Entry[old.length * 2];
            for (Entry head : old) {
                for (Entry entry = head; entry != null; entry = entry.next) {
                    int bucket = entry.hash & (buckets.length - 1);
                    buckets[bucket] = new Entry(entry.hash, entry.kind, buckets[bucket]);
                }
            }
        }

        /**
         * One way to the kind: its hash of class, trigger and crumb types. Crumb lists whose shapes read the same
         * (an empty type leaves no trace in a shape) may hash apart and lead to the same kind by two entries.
         */
        private record Entry(int hash, Kind kind, Entry next) {
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
            /** The view stack of this kind's latest row, whose crumbs the next row shares where they are equal. */
            private List<String> lastViewStack = List.of();

            private Kind(String className, String trigger, String shape) {
                this.className = className;
                this.trigger = trigger;
                this.shape = shape;
            }

            /** Whether reports of {@code className}, {@code trigger} and {@code viewStack} are of this kind. */
            boolean is(String otherClassName, String otherTrigger, List<String> viewStack) {
                return className.equals(otherClassName) && trigger.equals(otherTrigger) && hasShapeOf(viewStack);
            }

            /** {@code LeakRecord.shapeOf(viewStack).equals(shape)}, compared in place. */
            private boolean hasShapeOf(List<String> viewStack) {
                int at = 0;
                for (int i = 0; i < viewStack.size(); i++) {
                    if (at > 0) {
                        if (!shape.startsWith(LeakRecord.SHAPE_SEPARATOR, at)) {
                            return false;
                        }
                        at += LeakRecord.SHAPE_SEPARATOR.length();
                    }
                    String crumb = viewStack.get(i);
                    int length = Crumb.typeLength(crumb);
                    if (!shape.regionMatches(at, crumb, 0, length)) {
                        return false;
                    }
                    at += length;
                }
                return at == shape.length();
            }

            /**
             * The row of {@code leak}, a report of this kind, holding the kind's own class name and trigger and the
             * crumbs it has in common with the kind's previous row instead of equal copies. Rows stay for the
             * whole session and every young GC copied each new row's strings while they were young: a row of a
             * kind seen before now adds little more than its record and its window's title. Keeps one view stack
             * per kind.
             */
            LeakRecord rowOf(LeakSuspected leak) {
                return LeakRecord.of(leak, className, trigger, sharedViewStack(leak.viewStack()));
            }

            private List<String> sharedViewStack(List<String> viewStack) {
                if (viewStack.equals(lastViewStack)) {
                    return lastViewStack;
                }
                String[] crumbs = viewStack.toArray(new String[0]);
                for (int i = 0; i < Math.min(crumbs.length, lastViewStack.size()); i++) {
                    if (crumbs[i].equals(lastViewStack.get(i))) {
                        crumbs[i] = lastViewStack.get(i);
                    }
                }
                lastViewStack = List.of(crumbs);
                return lastViewStack;
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
