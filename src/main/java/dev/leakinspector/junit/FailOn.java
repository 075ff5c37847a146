package dev.leakinspector.junit;

import dev.leakinspector.protocol.Verdict;

/**
 * The least verdict that fails a test. A closed window that stays alive is a {@code leak}; a hidden window or a
 * removed view that stays alive is only {@code retained} (programs keep dialogs and pages to show them again) until
 * instances of its kind pile up, when it becomes a leak.
 */
public enum FailOn {
    /** Only leaks fail the test; retained objects are published as report entries. */
    LEAK(Verdict.LEAK),
    /** Retained objects fail the test too. */
    RETAINED(Verdict.RETAINED);

    private final Verdict least;

    FailOn(Verdict least) {
        this.least = least;
    }

    /** Whether a report of this verdict fails the test. */
    boolean fails(Verdict verdict) {
        return verdict.atLeast(least);
    }

    /** {@code "leak"} or {@code "retained"}, case-insensitive. */
    static FailOn parse(String text) {
        for (FailOn value : values()) {
            if (value.name().equalsIgnoreCase(text.strip())) {
                return value;
            }
        }
        throw new IllegalArgumentException("failOn must be leak or retained, was \"" + text + "\"");
    }
}
