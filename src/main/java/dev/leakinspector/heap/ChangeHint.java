package dev.leakinspector.heap;

/**
 * What to change in the program so that an object's path lets go: one line named after the program's own class and
 * field on the path ("Remove the listener from AppModel.status when the window closes (or add it as a
 * WeakChangeListener)"), read from the kind of the suspect reference ({@link ChangeHints}). For a documented
 * JDK/toolkit hold the kind is {@link Kind#LIBRARY_HOLD} and the line says that nothing in the program is to change
 * and what lets the hold go. Immutable.
 *
 * @param kind      what kind of reference keeps the object
 * @param reference the reference the suggestion is about, as the path names it, e.g. {@code AppModel.status},
 *                  {@code static SwappedPagePattern.PAGES}, {@code ScheduledThreadPoolExecutor}; for a hold its
 *                  pattern, e.g. {@code field javax.swing.ToolTipManager.insideComponent}
 * @param line      the one-line suggestion
 */
public record ChangeHint(Kind kind, String reference, String line) {
    /** What keeps the object, as far as the suggestion is concerned. */
    public enum Kind {
        /** A listener list or listener field: remove the listener on close, or make it weak. */
        LISTENER("listener"),
        /** A collection a static field keeps: remove the entry on close. */
        STATIC_COLLECTION("static-collection"),
        /** A collection of a live owner: remove the entry on close (a cache or a leak, the count tells). */
        COLLECTION("collection"),
        /** A task on an executor or timer: cancel it. */
        EXECUTOR("executor"),
        /** A running thread: stop it. */
        THREAD("thread"),
        /** A running animation: stop it. */
        ANIMATION("animation"),
        /** A thread-local of a (pooled) thread: remove it. */
        THREAD_LOCAL("thread-local"),
        /** A plain field of a long-lived object: null it on close. */
        FIELD("field"),
        /** A documented JDK/toolkit hold: nothing in the program to change, it lets go on its own. */
        LIBRARY_HOLD("library-hold");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /** The name JSON uses, e.g. "listener", "static-collection", "library-hold". */
        public String wireName() {
            return wireName;
        }
    }

    /** Whether the line suggests a change to the program (not a JDK/toolkit hold's note). */
    public boolean isProgramChange() {
        return kind != Kind.LIBRARY_HOLD;
    }
}
