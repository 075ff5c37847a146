package dev.leakinspector.demo;

/**
 * What Leak Inspector must say about a demo pattern, as listed in LEAK-PATTERNS.md.
 * Immutable; usable from any thread.
 */
public enum ExpectedOutcome {
    /** Reported once, as possibly leaked. */
    LEAK("LEAK"),
    /** Never reported. */
    NONE("NONE"),
    /** Reported, then retracted as "Object Deallocated" once the object is collected. */
    LEAK_THEN_DEALLOCATED("LEAK\u2192DEALLOCATED");

    private final String label;

    ExpectedOutcome(String label) {
        this.label = label;
    }

    /** The label users see, e.g. {@code LEAK→DEALLOCATED}. */
    public String label() {
        return label;
    }
}
