package dev.leakinspector.protocol;

/**
 * How sure a report is that the program leaks, in rising order of severity. Immutable; any thread.
 *
 * <p>Real programs keep most detached views on purpose (a page cache, a dialog hidden for reuse), so a
 * single detached view or hidden window that survives is only {@link #RETAINED}; a closed window, a
 * rule-watched object and instances that pile up are a {@link #LEAK}.
 */
public enum Verdict {
    /** Still alive after a GC, but possibly a cache: one detached view or one hidden window. */
    RETAINED("retained"),
    /** Should be dead and is not: a closed/disposed window, a rule watch, or instances that accumulate. */
    LEAK("leak");

    private final String wireName;

    Verdict(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used in JSON, session files and command-line options ("leak", "retained"). */
    public String wireName() {
        return wireName;
    }

    /** Whether this verdict is {@code other} or more severe. */
    public boolean atLeast(Verdict other) {
        return compareTo(other) >= 0;
    }

    /**
     * The verdict with this {@link #wireName()}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Verdict ofWireName(String name) {
        for (Verdict v : values()) {
            if (v.wireName.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + name + "' (expected leak or retained)");
    }
}
