package dev.leakinspector.app;

import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.ReportCounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which rows the leak list shows: a status choice, search words, each of which must occur (ignoring case)
 * in the class, trigger, status or view stack, and a time range the report must fall in (the range brushed
 * on the timeline; {@link TimeRange#ALL} when none is). Immutable; any thread.
 */
public record LeakFilter(Shown shown, String search, TimeRange reportedIn) implements Predicate<LeakRecord> {

    /** The status choice of the list's filter box, by the {@link LeakRecord#statusKey()}s it shows. */
    public enum Shown {
        STANDING("Standing (leak + retained)", Set.of("leak", "retained")),
        ALL("All reports", Set.of("leak", "retained", "reused", "deallocated", "ignored")),
        LEAK("Leak", Set.of("leak")),
        RETAINED("Retained", Set.of("retained")),
        REUSED("Reused", Set.of("reused")),
        DEALLOCATED("Deallocated", Set.of("deallocated")),
        IGNORED("Ignored", Set.of("ignored"));

        private final String label;
        private final Set<String> statusKeys;

        Shown(String label, Set<String> statusKeys) {
            this.label = label;
            this.statusKeys = statusKeys;
        }

        boolean includes(String statusKey) {
            return statusKeys.contains(statusKey);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What the list shows when a session window opens: what may be leaking now; the rest is one click away. */
    public static final LeakFilter DEFAULT = new LeakFilter(Shown.STANDING, "");
    public static final LeakFilter EVERYTHING = new LeakFilter(Shown.ALL, "");

    /**
     * Reports made from {@code fromMillis} to {@code toMillis}, both included (epoch ms). Immutable; any thread.
     */
    public record TimeRange(long fromMillis, long toMillis) {
        /** Every report, whenever it came. */
        public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

        /** Either order: a brush dragged leftwards gives its later end first. */
        public TimeRange {
            if (fromMillis > toMillis) {
                long later = fromMillis;
                fromMillis = toMillis;
                toMillis = later;
            }
        }

        public boolean contains(long millis) {
            return millis >= fromMillis && millis <= toMillis;
        }

        public boolean isAll() {
            return equals(ALL);
        }
    }

    /** A filter over the whole session, as the list's filter box and search field make it. */
    public LeakFilter(Shown shown, String search) {
        this(shown, search, TimeRange.ALL);
    }

    public LeakFilter {
        search = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        reportedIn = reportedIn == null ? TimeRange.ALL : reportedIn;
    }

    /** This filter, keeping only reports made in {@code range} (null or {@link TimeRange#ALL}: any time). */
    public LeakFilter withReportedIn(TimeRange range) {
        return new LeakFilter(shown, search, range);
    }

    @Override
    public boolean test(LeakRecord row) {
        boolean statusAndTimeMatch = shown.includes(row.statusKey()) && reportedIn.contains(row.reportedAtMillis());
        if (!statusAndTimeMatch || search.isEmpty()) {
            return statusAndTimeMatch;
        }
        String haystack = (row.className() + '\n' + row.trigger() + '\n' + row.statusText() + '\n'
                + row.viewStackText()).toLowerCase(Locale.ROOT);
        for (String word : search.split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the list leaves out, in words: "3 hidden: 2 reused, 1 deallocated", plus how many the search, the
     * picked group or the time range leaves out; "" when every row is shown.
     *
     * @param counts      the session's rows by state
     * @param shownRows   how many rows the list shows
     * @param shownAnyway rows the list shows although this filter would not (they changed while selected)
     */
    public String hiddenText(ReportCounts counts, long shownRows, List<LeakRecord> shownAnyway) {
        long hidden = counts.total() - shownRows;
        if (hidden <= 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        long byStatus = 0;
        long[] perStatus = {counts.leaks(), counts.retained(), counts.reused(), counts.deallocated(), counts.ignored()};
        String[] keys = {"leak", "retained", "reused", "deallocated", "ignored"};
        List<String> keyList = List.of(keys);
        for (LeakRecord row : shownAnyway) {
            int key = keyList.indexOf(row.statusKey());
            if (key >= 0 && !shown.includes(keys[key])) {
                perStatus[key]--;
            }
        }
        for (int i = 0; i < keys.length; i++) {
            if (perStatus[i] > 0 && !shown.includes(keys[i])) {
                parts.add(perStatus[i] + " " + (keys[i].equals("leak") && perStatus[i] > 1 ? "leaks" : keys[i]));
                byStatus += perStatus[i];
            }
        }
        long bySearch = hidden - byStatus;
        if (bySearch > 0) {
            if (reportedIn.isAll()) {
                parts.add(bySearch + (byStatus > 0 ? " more" : "") + " not matching the search or group");
            } else if (byStatus == 0) {
                // Short: the time range's chip stands beside this text in the toolbar.
                return hidden + " hidden by the time range, search or group";
            } else {
                parts.add(bySearch + " more by the time range, search or group");
            }
        }
        return hidden + " hidden: " + String.join(", ", parts);
    }
}
