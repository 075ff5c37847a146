package dev.leakinspector.heap;

/**
 * What the shape of an object's first durable path says about it: {@link #LEAK} when it is kept by something that
 * grows or runs on (a listener list, a collection a static field keeps, a thread, executor, timer or animation),
 * {@link #CACHE} when only a plain field of a live owner keeps it (one per owner: possibly a bounded cache),
 * {@link #UNDECIDED} otherwise (no path, only transient paths, a JDK/toolkit hold, or no telling shape). A hint
 * for refining a report's verdict, not a verdict itself. Immutable.
 */
public enum PathVerdict {
    LEAK("leak"),
    CACHE("cache"),
    UNDECIDED("undecided");

    private final String wireName;

    PathVerdict(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name JSON uses: "leak", "cache", "undecided". */
    public String wireName() {
        return wireName;
    }
}
