package dev.leakinspector.demo;

import java.util.Objects;

import javafx.application.Platform;
import javafx.util.Duration;

/**
 * One way a desktop program leaks (or seems to) that the demo can act out: an id, a title, the
 * outcome Leak Inspector must report, and {@link #open} to show its window. Use on the JavaFX thread.
 *
 * <p>A new pattern is one subclass plus one line in {@link DemoPatterns}. Subclasses build their
 * view in {@link #populate}; the view is the object that leaks (or not), and it keeps the window,
 * so whatever keeps the view keeps the {@code Stage} that Leak Inspector watches.
 */
public abstract class DemoPattern {
    /**
     * A pause between two steps long enough for the agent to report what the first one dropped (its
     * 2 s grace period plus up to 3 s), so that report goes out before the second step changes the
     * picture (a first page reported {@code retained} before a second one piles up).
     */
    protected static final Duration AFTER_REPORT = Duration.seconds(5.5);
    /** The first step of a Swing pattern: its frame is shown on the event dispatch thread, a moment later. */
    protected static final Duration SWING_FRAME_SHOWN = Duration.seconds(1);

    private final String id;
    private final String name;
    private final ExpectedOutcome expected;
    private final String explanation;

    /**
     * @param id          the pattern's number in LEAK-PATTERNS.md, e.g. {@code "1b"}
     * @param name        short name; the window title is {@code id + " " + name}
     * @param expected    what the tool must report
     * @param explanation one or two sentences shown in the window: what the pattern does on close
     */
    protected DemoPattern(String id, String name, ExpectedOutcome expected, String explanation) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.expected = Objects.requireNonNull(expected);
        this.explanation = Objects.requireNonNull(explanation);
    }

    public final String id() {
        return id;
    }

    public final String name() {
        return name;
    }

    public final ExpectedOutcome expected() {
        return expected;
    }

    public final String explanation() {
        return explanation;
    }

    /** The exact window title, starting with the id and a space (tests and the agent match on it). */
    public final String title() {
        return id + " " + name;
    }

    /**
     * Opens a new window acting out this pattern and shows it.
     *
     * @param listener told when the window is closed for good (and, for a reused dialog, re-shown)
     * @return the shown window; callers that want the pattern to be collectable must drop it after closing
     */
    public final PatternWindow open(PatternListener listener) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("open() must be called on the JavaFX application thread");
        }
        PatternWindow window = new PatternWindow(this, Objects.requireNonNull(listener));
        populate(window);
        window.stage().show();
        return window;
    }

    /**
     * Builds the pattern's view into {@code window} (add content to {@link PatternWindow#form()},
     * set the close behaviour). Called once per {@link #open}, before the window is shown.
     */
    protected abstract void populate(PatternWindow window);

    /**
     * How long the demo script waits after this pattern's window closed before it opens the next one: for
     * a pattern that does something on the JavaFX thread after its close (14 holds it for a while).
     */
    protected Duration scriptLingerAfterClose() {
        return Duration.ZERO;
    }

    @Override
    public String toString() {
        return title();
    }
}
