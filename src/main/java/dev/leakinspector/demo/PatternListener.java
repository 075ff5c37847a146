package dev.leakinspector.demo;

/**
 * Told when a pattern window is closed for good or shown again. Called on the JavaFX thread.
 * Implementations must not keep the window: they get only the pattern id and a time.
 */
public interface PatternListener {
    /** The pattern's window was closed for good at {@code epochMillis}; its close behaviour has run. */
    void closed(String patternId, long epochMillis);

    /** The pattern's window was shown again after being hidden (a reused dialog). */
    default void reshown(String patternId, long epochMillis) {
    }
}
