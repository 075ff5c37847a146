package dev.leakinspector.session;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;

import java.util.List;
import java.util.Locale;

/**
 * One row of a session: an object reported as possibly leaked, how sure the report is (its {@link Verdict}),
 * and what became of it since. Immutable; any thread. A retraction, a verdict change or an ignore rule makes
 * a new record ({@link #deallocated}, {@link #reused}, {@link #withVerdict}, {@link #ignored}), never removes
 * the row.
 *
 * @param gcSkippedBecause       why no GC confirmed the report when {@code gcConfirmed} is false; "" otherwise
 * @param verdict                {@link Verdict#LEAK} or {@link Verdict#RETAINED} (possibly a cache)
 * @param verdictReason          why the verdict changed since the report (e.g. "3 instances of OrdersPage
 *                               retained"); "" while it is the report's own
 * @param deallocatedAfterMillis how long after the watch started the object was collected, or -1 if it was not
 * @param reusedAfterMillis      how long after the watch started the object was displayed again, or -1 if it was not
 * @param ignored                whether a class glob the user added after the report matches the class
 */
public record LeakRecord(long watchId, String className, String trigger, List<String> viewStack, int descendants,
                         long watchedAtMillis, long reportedAtMillis, boolean gcConfirmed, String gcSkippedBecause,
                         Verdict verdict, String verdictReason, long deallocatedAfterMillis, long reusedAfterMillis,
                         boolean ignored) {

    /** What the list says about a row, in the order the list sorts them. */
    public enum Status {
        /** Reported and, as far as we know, still alive and not displayed: its {@link #verdict()} says how sure. */
        STANDING,
        /** Reported, then displayed again: the program keeps it on purpose (a retraction). */
        REUSED,
        /** Reported, then collected after all: a retraction. */
        DEALLOCATED,
        /** The user ignores its class now; kept so the list never silently changes. */
        IGNORED
    }

    /** Between two crumb types in a {@link #viewStackShape()}. */
    static final String SHAPE_SEPARATOR = " \u203a ";

    public LeakRecord {
        className = className == null ? "" : className;
        trigger = trigger == null ? "" : trigger;
        viewStack = List.copyOf(viewStack);
        gcSkippedBecause = gcSkippedBecause == null ? "" : gcSkippedBecause;
        verdict = verdict == null ? Verdict.LEAK : verdict;
        verdictReason = verdictReason == null ? "" : verdictReason;
    }

    /** The row for a new report. */
    public static LeakRecord of(LeakSuspected leak) {
        return of(leak, leak.className(), leak.trigger(), leak.viewStack());
    }

    /** The row for a new report, holding these (equal) class name, trigger and view stack instead of the report's. */
    static LeakRecord of(LeakSuspected leak, String className, String trigger, List<String> viewStack) {
        return new LeakRecord(leak.watchId(), className, trigger, viewStack, leak.descendants(),
                leak.watchedAtMillis(), leak.reportedAtMillis(), leak.gcConfirmed(), leak.gcSkippedBecause(),
                leak.verdict(), "", -1, -1, false);
    }

    /** This row, collected {@code afterMillis} after its watch started. */
    public LeakRecord deallocated(long afterMillis) {
        return new LeakRecord(watchId, className, trigger, viewStack, descendants, watchedAtMillis, reportedAtMillis,
                gcConfirmed, gcSkippedBecause, verdict, verdictReason, Math.max(0, afterMillis), reusedAfterMillis,
                ignored);
    }

    /** This row, displayed again {@code afterMillis} after its watch started. */
    public LeakRecord reused(long afterMillis) {
        return new LeakRecord(watchId, className, trigger, viewStack, descendants, watchedAtMillis, reportedAtMillis,
                gcConfirmed, gcSkippedBecause, verdict, verdictReason, deallocatedAfterMillis, Math.max(0, afterMillis),
                ignored);
    }

    /** This row with a new verdict and the reason it changed. */
    public LeakRecord withVerdict(Verdict newVerdict, String reason) {
        return new LeakRecord(watchId, className, trigger, viewStack, descendants, watchedAtMillis, reportedAtMillis,
                gcConfirmed, gcSkippedBecause, newVerdict, reason, deallocatedAfterMillis, reusedAfterMillis, ignored);
    }

    public LeakRecord ignored(boolean nowIgnored) {
        return new LeakRecord(watchId, className, trigger, viewStack, descendants, watchedAtMillis, reportedAtMillis,
                gcConfirmed, gcSkippedBecause, verdict, verdictReason, deallocatedAfterMillis, reusedAfterMillis,
                nowIgnored);
    }

    public boolean isDeallocated() {
        return deallocatedAfterMillis >= 0;
    }

    public boolean isReused() {
        return reusedAfterMillis >= 0;
    }

    /** Whether the report was taken back: the object was collected or displayed again. */
    public boolean isRetracted() {
        return isDeallocated() || isReused();
    }

    /**
     * A retraction outranks an ignore rule: a collected or reused object is not a leak whatever the user
     * ignores. (A watch ends with its first retraction, so a row has at most one; the model keeps it so.)
     */
    public Status status() {
        if (isDeallocated()) {
            return Status.DEALLOCATED;
        }
        if (isReused()) {
            return Status.REUSED;
        }
        return ignored ? Status.IGNORED : Status.STANDING;
    }

    /** Whether this row is standing with the verdict {@code tier}. */
    public boolean isStanding(Verdict tier) {
        return status() == Status.STANDING && verdict == tier;
    }

    /**
     * What the row is now, one word for styles and filters: "leak" or "retained" while standing, else
     * "reused", "deallocated" or "ignored".
     */
    public String statusKey() {
        Status status = status();
        return status == Status.STANDING ? verdict.wireName() : status.name().toLowerCase(Locale.ROOT);
    }

    /** "Leak", "Retained", "Reused after 2.0 s", "Deallocated after 4.3 s" or "Ignored". */
    public String statusText() {
        return switch (status()) {
            case STANDING -> verdictText();
            case REUSED -> "Reused after " + seconds(reusedAfterMillis);
            case DEALLOCATED -> "Deallocated after " + seconds(deallocatedAfterMillis);
            case IGNORED -> "Ignored";
        };
    }

    /** "Leak" or "Retained". */
    public String verdictText() {
        return verdict == Verdict.LEAK ? "Leak" : "Retained";
    }

    /**
     * Why the verdict is what it is, one line: the agent's reason when it changed it, else what the verdict
     * means for a report of this kind.
     */
    public String verdictExplanation() {
        if (!verdictReason.isEmpty()) {
            return verdictReason;
        }
        return verdict == Verdict.LEAK
                ? "should have been collected (a closed window, a rule-watched object, or instances that pile up), yet it is alive"
                : "one instance alive and not displayed: possibly a cache that the program shows again";
    }

    /** When the object was collected (epoch ms), or -1. */
    public long deallocatedAtMillis() {
        return isDeallocated() ? watchedAtMillis + deallocatedAfterMillis : -1;
    }

    /** When the object was displayed again (epoch ms), or -1. */
    public long reusedAtMillis() {
        return isReused() ? watchedAtMillis + reusedAfterMillis : -1;
    }

    /** When the report was retracted, the object collected or displayed again (epoch ms), or -1. */
    public long retractedAtMillis() {
        return switch (status()) {
            case DEALLOCATED -> deallocatedAtMillis();
            case REUSED -> reusedAtMillis();
            default -> -1;
        };
    }

    /** How long after the watch started the report was retracted, or -1 if it was not. */
    public long retractedAfterMillis() {
        return switch (status()) {
            case DEALLOCATED -> deallocatedAfterMillis;
            case REUSED -> reusedAfterMillis;
            default -> -1;
        };
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
        return shapeOf(viewStack);
    }

    /** The shape of {@code viewStack} ({@link #viewStackShape()}). */
    static String shapeOf(List<String> viewStack) {
        StringBuilder shape = new StringBuilder();
        for (String crumb : viewStack) {
            if (shape.length() > 0) {
                shape.append(SHAPE_SEPARATOR);
            }
            shape.append(Crumb.typeOf(crumb));
        }
        return shape.toString();
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
