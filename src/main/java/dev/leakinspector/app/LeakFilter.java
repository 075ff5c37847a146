package dev.leakinspector.app;

import dev.leakinspector.session.LeakRecord;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which rows the leak list shows: a status choice plus search words, each of which must occur
 * (ignoring case) in the class, trigger, status or view stack. Immutable; any thread.
 */
public record LeakFilter(Shown shown, String search) implements Predicate<LeakRecord> {

    /** The status choice of the list's filter box. */
    public enum Shown {
        ALL("All reports"), LEAKED("Leaked"), DEALLOCATED("Deallocated"), IGNORED("Ignored");

        private final String label;

        Shown(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final LeakFilter EVERYTHING = new LeakFilter(Shown.ALL, "");

    public LeakFilter {
        search = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean test(LeakRecord row) {
        boolean statusMatches = switch (shown) {
            case ALL -> true;
            case LEAKED -> row.status() == LeakRecord.Status.LEAKED;
            case DEALLOCATED -> row.status() == LeakRecord.Status.DEALLOCATED;
            case IGNORED -> row.status() == LeakRecord.Status.IGNORED;
        };
        if (!statusMatches || search.isEmpty()) {
            return statusMatches;
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
}
