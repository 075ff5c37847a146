package dev.leakinspector.app;

import dev.leakinspector.session.LeakRecord;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of the "Memory Leak" and "Object Deallocated" notifications for one batch of changes: one
 * notice per kind and batch, however many rows arrived, so a burst never floods the desktop. Stateless;
 * any thread.
 *
 * @param title e.g. "Memory Leak"
 * @param text  what and where, one or two lines
 */
public record LeakNotices(String title, String text) {
    public static final String LEAK_TITLE = "Memory Leak";
    public static final String DEALLOCATED_TITLE = "Object Deallocated";

    /** The notice for newly reported rows (ignored ones do not count), if any. */
    public static Optional<LeakNotices> forLeaks(List<LeakRecord> added, String targetName) {
        List<LeakRecord> leaks = added.stream().filter(row -> row.status() == LeakRecord.Status.LEAKED).toList();
        if (leaks.isEmpty()) {
            return Optional.empty();
        }
        if (leaks.size() == 1) {
            LeakRecord leak = leaks.get(0);
            return Optional.of(new LeakNotices(LEAK_TITLE, leak.simpleClassName() + " in " + targetName
                    + " is still alive after a GC\n" + leak.viewStackText()));
        }
        return Optional.of(new LeakNotices(LEAK_TITLE, leaks.size() + " objects in " + targetName
                + " are still alive after a GC\nfirst: " + leaks.get(0).viewStackText()));
    }

    /** The notice for retracted rows, if any. */
    public static Optional<LeakNotices> forRetractions(List<LeakRecord> retracted, String targetName) {
        if (retracted.isEmpty()) {
            return Optional.empty();
        }
        if (retracted.size() == 1) {
            LeakRecord row = retracted.get(0);
            return Optional.of(new LeakNotices(DEALLOCATED_TITLE, row.simpleClassName() + " in " + targetName
                    + " was collected after all (" + row.statusText().toLowerCase(Locale.ROOT) + ")\n"
                    + row.viewStackText()));
        }
        return Optional.of(new LeakNotices(DEALLOCATED_TITLE, retracted.size() + " reported objects in " + targetName
                + " were collected after all"));
    }
}
