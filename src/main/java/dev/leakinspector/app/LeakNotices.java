package dev.leakinspector.app;

import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LeakRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of the notifications for one batch of changes: "Memory Leak" for reports with the verdict leak
 * (and reports escalated to it), "Retained" for reports that may be a cache, "Object Reused" and "Object
 * Deallocated" for retractions. One notice per kind and batch, however many rows arrived, so a burst never
 * floods the desktop. Stateless; any thread.
 *
 * @param title   e.g. "Memory Leak"
 * @param text    what and where, one or two lines
 * @param warning whether it is shown as a warning (a leak) rather than as information
 */
public record LeakNotices(String title, String text, boolean warning) {
    public static final String LEAK_TITLE = "Memory Leak";
    public static final String RETAINED_TITLE = "Retained";
    public static final String REUSED_TITLE = "Object Reused";
    public static final String DEALLOCATED_TITLE = "Object Deallocated";

    /**
     * The notices for newly reported rows (ignored ones do not count) and rows escalated to leak: one
     * "Memory Leak" and one "Retained" at most.
     */
    public static List<LeakNotices> forReports(List<LeakRecord> added, List<LeakRecord> escalated, String targetName) {
        List<LeakNotices> notices = new ArrayList<>(2);
        List<LeakRecord> leaks = added.stream().filter(row -> row.isStanding(Verdict.LEAK)).toList();
        List<LeakRecord> retained = added.stream().filter(row -> row.isStanding(Verdict.RETAINED)).toList();
        if (!leaks.isEmpty() || !escalated.isEmpty()) {
            notices.add(leakNotice(leaks, escalated, targetName));
        }
        if (!retained.isEmpty()) {
            notices.add(retained.size() == 1
                    ? new LeakNotices(RETAINED_TITLE, retained.get(0).simpleClassName() + " in " + targetName
                            + " is still alive after a GC, possibly kept as a cache\n" + retained.get(0).viewStackText(), false)
                    : new LeakNotices(RETAINED_TITLE, retained.size() + " objects in " + targetName
                            + " are still alive after a GC, possibly kept as caches\nfirst: "
                            + retained.get(0).viewStackText(), false));
        }
        return notices;
    }

    private static LeakNotices leakNotice(List<LeakRecord> leaks, List<LeakRecord> escalated, String targetName) {
        if (leaks.isEmpty() && escalated.size() == 1) {
            LeakRecord row = escalated.get(0);
            return new LeakNotices(LEAK_TITLE, row.simpleClassName() + " in " + targetName + " is now a leak: "
                    + row.verdictExplanation() + "\n" + row.viewStackText(), true);
        }
        if (leaks.size() == 1 && escalated.isEmpty()) {
            LeakRecord leak = leaks.get(0);
            return new LeakNotices(LEAK_TITLE, leak.simpleClassName() + " in " + targetName
                    + " is still alive after a GC\n" + leak.viewStackText(), true);
        }
        int count = leaks.size() + escalated.size();
        LeakRecord first = leaks.isEmpty() ? escalated.get(0) : leaks.get(0);
        return new LeakNotices(LEAK_TITLE, count + " objects in " + targetName + " leak"
                + (escalated.isEmpty() ? " (still alive after a GC)" : "") + "\nfirst: " + first.viewStackText(), true);
    }

    /** The notices for retracted rows: one "Object Reused" and one "Object Deallocated" at most. */
    public static List<LeakNotices> forRetractions(List<LeakRecord> retracted, String targetName) {
        List<LeakNotices> notices = new ArrayList<>(2);
        List<LeakRecord> reused = retracted.stream().filter(row -> row.status() == LeakRecord.Status.REUSED).toList();
        List<LeakRecord> collected = retracted.stream().filter(row -> row.status() == LeakRecord.Status.DEALLOCATED).toList();
        if (!reused.isEmpty()) {
            notices.add(retraction(REUSED_TITLE, reused, targetName, "was displayed again, so the program keeps it on purpose",
                    "were displayed again"));
        }
        if (!collected.isEmpty()) {
            notices.add(retraction(DEALLOCATED_TITLE, collected, targetName, "was collected after all",
                    "were collected after all"));
        }
        return notices;
    }

    private static LeakNotices retraction(String title, List<LeakRecord> rows, String targetName, String one, String many) {
        if (rows.size() == 1) {
            LeakRecord row = rows.get(0);
            return new LeakNotices(title, row.simpleClassName() + " in " + targetName + " " + one + " ("
                    + row.statusText().toLowerCase(Locale.ROOT) + ")\n" + row.viewStackText(), false);
        }
        return new LeakNotices(title, rows.size() + " reported objects in " + targetName + " " + many, false);
    }
}
