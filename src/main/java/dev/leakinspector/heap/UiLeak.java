package dev.leakinspector.heap;

/**
 * One topmost UI object of a dump that is not on screen, with why it is alive. Immutable.
 *
 * @param kind        what it is (a hidden JavaFX window, a detached node tree, a disposed Swing window, …)
 * @param descendants how many nodes or components are inside it (in its scene, window or tree), not counting itself;
 *                    they are not findings of their own
 * @param title       a window's title, "" when it has none or is a node or component
 * @param analysis    why it is alive: paths (durable first), suspects, JDK/toolkit hold, path verdict and reason
 */
public record UiLeak(UiLeakKind kind, int descendants, String title, ObjectAnalysis analysis) {
    /** Where it goes in a report. */
    public enum Status {
        /** The program keeps it through a leak-shaped path (listener list, static collection, thread, animation). */
        LEAK,
        /** Only a documented JDK/toolkit hold keeps it: not the program's leak, shown marked, not counted. */
        TOOLKIT_HOLD,
        /** Kept by a plain field or an owner's collection (reuse, a cache?), or only mid-event: not reported. */
        NOT_REPORTED
    }

    /** Which section of a report this goes in, from its analysis (see {@link UiLeakFinder}'s rule). */
    public Status status() {
        if (analysis.paths().isEmpty() || analysis.onlyTransientPaths()) {
            return Status.NOT_REPORTED;
        }
        if (analysis.libraryHold().isPresent()) {
            return Status.TOOLKIT_HOLD;
        }
        return analysis.pathVerdict() == PathVerdict.LEAK ? Status.LEAK : Status.NOT_REPORTED;
    }

    /** E.g. {@code Stage "Preferences"} or {@code OrdersPage}: the simple class name and the title when there is one. */
    public String displayName() {
        String c = analysis.className();
        String simple = c.substring(c.lastIndexOf('.') + 1);
        return title.isEmpty() ? simple : simple + " \"" + title + "\"";
    }

    /** Findings of the same group have the same kind, class and fingerprint (the same suspect references). */
    public String groupKey() {
        return kind.wireName() + ' ' + analysis.className() + ' ' + analysis.fingerprint();
    }
}
