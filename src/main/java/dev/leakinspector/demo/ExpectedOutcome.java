package dev.leakinspector.demo;

/**
 * What Leak Inspector must say about a demo pattern, in the outcome vocabulary of LEAK-PATTERNS.md:
 * a report's verdict ({@code leak} or {@code retained}) and what happens to it later (escalated to
 * {@code leak} once several instances pile up, retracted as reused or deallocated). Immutable; usable
 * from any thread.
 */
public enum ExpectedOutcome {
    /** Reported once with verdict {@code leak}. */
    LEAK("LEAK"),
    /** Never reported. */
    NONE("NONE"),
    /** Reported with verdict {@code leak}, then retracted as "Object Deallocated" once the object is collected. */
    LEAK_THEN_DEALLOCATED("LEAK\u2192DEALLOCATED"),
    /** Reported once with verdict {@code retained} (possibly a cache), and it stays so. */
    RETAINED("RETAINED"),
    /** The first instance reported {@code retained}; escalated to {@code leak} once two are retained at once. */
    RETAINED_THEN_LEAK_X2("RETAINED\u2192LEAK \u00d72", 2),
    /** The first instance reported {@code retained}; all three {@code leak} once three are retained at once. */
    RETAINED_THEN_LEAK_X3("RETAINED\u2192LEAK \u00d73", 3),
    /** Reported {@code retained}, then retracted as reused because the program displayed it again. */
    RETAINED_THEN_REUSED("RETAINED\u2192REUSED"),
    /** Reported {@code retained}, then retracted as "Object Deallocated" once the object is collected. */
    RETAINED_THEN_DEALLOCATED("RETAINED\u2192DEALLOCATED"),
    /**
     * Two reports, one per page, whose view stacks tell the pages apart (each names its page's class or
     * tab title). The verdict is not part of the outcome: each page is kept once, by its own controller.
     */
    TWO_REPORTS_TOLD_APART("2 reports, told apart", 2),
    /**
     * Not reported when the JDK/toolkit internal that keeps the window lets go at the next focus change or
     * GC; if reported, the report is marked as a JDK/toolkit hold and not counted as the program's leak.
     */
    NONE_OR_JDK_HOLD("NONE (or JDK hold)");

    private final String label;
    private final int reports;

    ExpectedOutcome(String label) {
        this(label, 1);
    }

    ExpectedOutcome(String label, int reports) {
        this.label = label;
        this.reports = reports;
    }

    /** The label users see, e.g. {@code RETAINED→LEAK ×2}. */
    public String label() {
        return label;
    }

    /** How many reports the pattern makes when it is reported at all (0 for {@link #NONE}). */
    public int reports() {
        return this == NONE || this == NONE_OR_JDK_HOLD ? 0 : reports;
    }

    /** Whether the program leaks here (red), keeps something possibly on purpose (amber), or neither (green). */
    public Tier tier() {
        switch (this) {
            case LEAK:
            case LEAK_THEN_DEALLOCATED:
            case RETAINED_THEN_LEAK_X2:
            case RETAINED_THEN_LEAK_X3:
                return Tier.LEAK;
            case RETAINED:
            case RETAINED_THEN_REUSED:
            case RETAINED_THEN_DEALLOCATED:
            case TWO_REPORTS_TOLD_APART:
                return Tier.RETAINED;
            default:
                return Tier.NONE;
        }
    }

    /** The colour group of an outcome on the demo's buttons. */
    public enum Tier { LEAK, RETAINED, NONE }
}
