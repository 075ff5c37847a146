package dev.leakinspector.session;

import dev.leakinspector.protocol.LeakSuspected;

import java.util.List;
import java.util.Locale;

/**
 * One row of a session: an object reported as possibly leaked, and what became of it since. Immutable;
 * any thread. A retraction or an ignore rule makes a new record ({@link #deallocated}, {@link #ignored}),
 * never removes the row.
 *
 * @param deallocatedAfterMillis how long after the watch started the object was collected, or -1 while
 *                               it is still alive
 * @param ignored                whether a class glob the user added after the report matches the class
 */
public record LeakRecord(long watchId, String className, String trigger, List<String> viewStack, int descendants,
                         long watchedAtMillis, long reportedAtMillis, boolean gcConfirmed,
                         long deallocatedAfterMillis, boolean ignored) {

    /** What the list says about a row. */
    public enum Status {
        /** Reported and, as far as we know, still alive. */
        LEAKED,
        /** Reported, then collected after all: a retraction. */
        DEALLOCATED,
        /** The user ignores its class now; kept so the list never silently changes. */
        IGNORED
    }

    public LeakRecord {
        className = className == null ? "" : className;
        trigger = trigger == null ? "" : trigger;
        viewStack = List.copyOf(viewStack);
    }

    /** The row for a new report. */
    public static LeakRecord of(LeakSuspected leak) {
        return new LeakRecord(leak.watchId(), leak.className(), leak.trigger(), leak.viewStack(), leak.descendants(),
                leak.watchedAtMillis(), leak.reportedAtMillis(), leak.gcConfirmed(), -1, false);
    }

    public LeakRecord deallocated(long afterMillis) {
        return new LeakRecord(watchId, className, trigger, viewStack, descendants, watchedAtMillis, reportedAtMillis,
                gcConfirmed, Math.max(0, afterMillis), ignored);
    }

    public LeakRecord ignored(boolean nowIgnored) {
        return new LeakRecord(watchId, className, trigger, viewStack, descendants, watchedAtMillis, reportedAtMillis,
                gcConfirmed, deallocatedAfterMillis, nowIgnored);
    }

    public boolean isDeallocated() {
        return deallocatedAfterMillis >= 0;
    }

    /** A retraction outranks an ignore rule: a collected object is not a leak whatever the user ignores. */
    public Status status() {
        if (isDeallocated()) {
            return Status.DEALLOCATED;
        }
        return ignored ? Status.IGNORED : Status.LEAKED;
    }

    /** "Leaked", "Deallocated after 4.3 s" or "Ignored". */
    public String statusText() {
        return switch (status()) {
            case LEAKED -> "Leaked";
            case DEALLOCATED -> "Deallocated after " + seconds(deallocatedAfterMillis);
            case IGNORED -> "Ignored";
        };
    }

    /** When the object was collected (epoch ms), or -1. */
    public long deallocatedAtMillis() {
        return isDeallocated() ? watchedAtMillis + deallocatedAfterMillis : -1;
    }

    /** The class name without its package. */
    public String simpleClassName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    /** The package, "" for the default package. */
    public String packageName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The view stack in one line, crumbs joined by " › ". */
    public String viewStackText() {
        return String.join(" \u203a ", viewStack);
    }

    /**
     * The view stack's shape: each crumb's type without its name or id, so that two windows of the same
     * kind with different titles group together.
     */
    public String viewStackShape() {
        StringBuilder shape = new StringBuilder();
        for (String crumb : viewStack) {
            if (shape.length() > 0) {
                shape.append(" \u203a ");
            }
            shape.append(Crumb.typeOf(crumb));
        }
        return shape.toString();
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
