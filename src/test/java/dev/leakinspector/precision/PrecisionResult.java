package dev.leakinspector.precision;

import java.util.List;
import java.util.Locale;

/**
 * What one precision run measured: the reports the agent made on a realistic target, how many of
 * the standing {@code leak}-verdict reports were the planted leaks, how many reports were of objects on
 * screen, and how many planted leaks were found. Immutable.
 *
 * @param target            which program ran
 * @param scriptSeconds     how long its script clicked through it
 * @param reports           every LeakSuspected
 * @param standingLeak      reports not retracted at the end whose (possibly escalated) verdict is leak
 * @param realLeak          of those, the ones that are a planted leak
 * @param standingRetained  reports not retracted at the end whose verdict is retained
 * @param reused            reports retracted as reused
 * @param deallocated       reports retracted as deallocated
 * @param displayed         reports of objects that were on screen when the report arrived
 * @param planted           leaks planted in the target
 * @param plantedFound      planted leaks with at least one standing leak-verdict report
 * @param plantedReported   planted leaks with at least one report of any verdict, retracted or not
 * @param falseLeaks        the standing leak-verdict reports that are not planted leaks, one line each
 * @param displayedLines    the reports of displayed objects, one line each
 * @param missed            the planted leaks not found, one line each
 */
record PrecisionResult(String target, long scriptSeconds, int reports, int standingLeak, int realLeak,
                       int standingRetained, int reused, int deallocated, int displayed, int planted,
                       int plantedFound, int plantedReported, List<String> falseLeaks, List<String> displayedLines,
                       List<String> missed) {
    static final String HEADER = String.format(Locale.ROOT, "%-22s %6s %7s %8s %5s %9s %9s %8s %6s %6s %6s %7s",
            "target", "script", "reports", "leak now", "real", "precision", "displayed", "planted", "found", "recall",
            "reused", "retained");

    /** Real standing leak-verdict reports over all standing leak-verdict reports; 1 when there are none. */
    double precision() {
        return standingLeak == 0 ? 1.0 : (double) realLeak / standingLeak;
    }

    double recall() {
        return planted == 0 ? 1.0 : (double) plantedFound / planted;
    }

    /** The table row (see {@link #HEADER}). */
    String row() {
        return String.format(Locale.ROOT, "%-22s %5ds %7d %8d %5d %8.0f%% %9d %8d %6d %5.0f%% %6d %7d", target, scriptSeconds,
                reports, standingLeak, realLeak, precision() * 100, displayed, planted, plantedFound, recall() * 100,
                reused, standingRetained);
    }

    /** What went wrong, for reading after the table: false leaks, displayed objects, missed leaks. */
    String details() {
        StringBuilder text = new StringBuilder();
        section(text, "standing leak reports that are not planted leaks", falseLeaks);
        section(text, "reports of objects on screen", displayedLines);
        section(text, "planted leaks not found (no standing leak report)", missed);
        return text.toString();
    }

    private void section(StringBuilder text, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        text.append(target).append(": ").append(title).append(" (").append(lines.size()).append(")\n");
        lines.forEach(line -> text.append("    ").append(line).append('\n'));
    }
}
