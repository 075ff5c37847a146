package dev.leakinspector.session;

import dev.leakinspector.protocol.Verdict;

/**
 * How many reports are in each state: standing ones by verdict, retracted ones by how, and ignored ones.
 * Immutable; any thread.
 *
 * @param leaks       standing reports with the verdict leak
 * @param retained    standing reports with the verdict retained (possibly a cache)
 * @param reused      reports retracted because the object was displayed again
 * @param deallocated reports retracted because the object was collected
 * @param ignored     reports whose class the user ignores (and that were not retracted)
 */
public record ReportCounts(long leaks, long retained, long reused, long deallocated, long ignored) {
    public static final ReportCounts NONE = new ReportCounts(0, 0, 0, 0, 0);

    /** Reports still alive and not displayed, of either verdict: the objects that may be leaking now. */
    public long standing() {
        return leaks + retained;
    }

    /** Every report counted. */
    public long total() {
        return leaks + retained + reused + deallocated + ignored;
    }

    /** "2 leaks · 3 retained · 1 reused · 4 deallocated", with " · 1 ignored" when any row is. */
    public String text() {
        return leaks + (leaks == 1 ? " leak" : " leaks") + " \u00b7 " + retained + " retained \u00b7 " + reused
                + " reused \u00b7 " + deallocated + " deallocated" + (ignored > 0 ? " \u00b7 " + ignored + " ignored" : "");
    }

    /**
     * Counts kept as rows come and change: {@link #count} a row in with +1, out with -1. Not thread-safe;
     * owned by one model or one grouping pass.
     */
    static final class Tally {
        private long leaks;
        private long retained;
        private long reused;
        private long deallocated;
        private long ignored;

        void count(LeakRecord row, int sign) {
            switch (row.status()) {
                case STANDING -> {
                    if (row.verdict() == Verdict.LEAK) {
                        leaks += sign;
                    } else {
                        retained += sign;
                    }
                }
                case REUSED -> reused += sign;
                case DEALLOCATED -> deallocated += sign;
                case IGNORED -> ignored += sign;
            }
        }

        ReportCounts snapshot() {
            return new ReportCounts(leaks, retained, reused, deallocated, ignored);
        }
    }
}
