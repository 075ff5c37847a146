package dev.leakinspector.protocol;

/** Wire constants shared by both sides of the link; see {@code package-info} for the format. Immutable. */
public final class Protocol {
    /** Version carried by {@link Hello}; both sides must speak exactly this one. 2 added verdicts and reuse. */
    public static final int VERSION = 2;
    /** Largest payload a frame may carry (the length prefix excluded). */
    public static final int MAX_FRAME_BYTES = 1 << 20;
    /**
     * Largest UTF-8 encoding of one string field. 64 KiB holds any class name, view crumb or stack trace
     * we send, and keeps a hostile length from costing more than a little memory.
     */
    public static final int MAX_STRING_BYTES = 1 << 16;
    /** Most elements of one list field (view stack depth, globs, rules, toolkits). */
    public static final int MAX_LIST_SIZE = 4096;

    private Protocol() {
    }
}
