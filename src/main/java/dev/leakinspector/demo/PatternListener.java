package dev.leakinspector.demo;

/**
 * Told when a pattern window is closed for good or shown again, and when a step of a pattern runs.
 * Called on the JavaFX thread. Implementations must not keep the window: they get only the pattern
 * id, a step name and a time.
 */
public interface PatternListener {
    /** The pattern's window was closed for good at {@code epochMillis}; its close behaviour has run. */
    void closed(String patternId, long epochMillis);

    /** The pattern's window was shown again after being hidden (a reused dialog). */
    default void reshown(String patternId, long epochMillis) {
    }

    /**
     * A step of the pattern is about to run at {@code epochMillis} (a page swap, a selection, a dialog
     * opened): the moment its trigger fires, which reports and retractions are measured from.
     *
     * @param step a name without spaces, unique within the pattern, e.g. {@code swap-1}
     */
    default void step(String patternId, String step, long epochMillis) {
    }
}
