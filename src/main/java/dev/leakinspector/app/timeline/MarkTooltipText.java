package dev.leakinspector.app.timeline;

import dev.leakinspector.session.LeakRecord;

import java.time.ZoneId;
import java.util.List;

/**
 * What the timeline's tooltip says about the marks under the pointer: for one report its class, view stack,
 * status and verdict and when it came; for a pixel column holding many, how many and the first few. Plain
 * Java; stateless; any thread.
 */
public final class MarkTooltipText {
    private MarkTooltipText() {
    }

    /**
     * The text for a column of report marks ({@code retractions} false) or retraction marks.
     *
     * @param named   the column's first marks (see {@link TimelineBins#reportsAt})
     * @param count   how many marks the column holds in all
     * @param from    the column's first moment, epoch ms
     * @param to      its last
     * @param precise whether times need milliseconds (a pixel covers less than a second)
     */
    public static String of(List<LeakRecord> named, int count, boolean retractions, long from, long to,
                            boolean precise, ZoneId zone) {
        if (named.isEmpty()) {
            return "";
        }
        if (count == 1) {
            return one(named.get(0), retractions, precise, zone);
        }
        StringBuilder text = new StringBuilder();
        text.append(count).append(retractions ? " retractions, " : " reports, ")
                .append(TimeTicks.clock(from, precise, zone)).append('\u2013').append(TimeTicks.clock(to, precise, zone));
        for (LeakRecord row : named) {
            text.append("\n\u2022 ").append(row.statusText()).append(" \u2014 ").append(row.simpleClassName());
            if (!row.viewStack().isEmpty()) {
                text.append(" \u2014 ").append(row.viewStack().get(0));
            }
        }
        if (count > named.size()) {
            text.append("\n\u2026 and ").append(count - named.size()).append(" more (zoom in to tell them apart)");
        }
        return text.toString();
    }

    private static String one(LeakRecord row, boolean retraction, boolean precise, ZoneId zone) {
        StringBuilder text = new StringBuilder(row.className());
        if (!row.viewStack().isEmpty()) {
            text.append("\nView stack: ").append(row.viewStackText());
        }
        text.append('\n').append(row.statusText());
        if (row.status() != LeakRecord.Status.STANDING) {
            text.append(" \u00b7 reported as ").append(row.verdictText().toLowerCase(java.util.Locale.ROOT));
        }
        if (!row.trigger().isEmpty()) {
            text.append(" \u00b7 ").append(row.trigger());
        }
        text.append("\nReported ").append(TimeTicks.clock(row.reportedAtMillis(), precise, zone));
        if (retraction) {
            text.append(", ").append(row.status() == LeakRecord.Status.REUSED ? "reused " : "deallocated ")
                    .append(TimeTicks.clock(row.retractedAtMillis(), precise, zone));
        }
        return text.toString();
    }

    /** The text for a forced GC or heap dump mark. */
    public static String ofMoments(boolean forcedGc, boolean heapDump, long at, boolean precise, ZoneId zone) {
        StringBuilder text = new StringBuilder();
        if (forcedGc) {
            text.append("Forced GC (it confirmed the reports made then), ").append(TimeTicks.clock(at, precise, zone));
        }
        if (heapDump) {
            text.append(text.length() > 0 ? "\n" : "").append("Heap dump written, ").append(TimeTicks.clock(at, precise, zone));
        }
        return text.toString();
    }
}
