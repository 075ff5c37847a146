package dev.leakinspector.junit;

import dev.leakinspector.agent.Trigger;
import dev.leakinspector.agent.WatchSink;

/**
 * The agent's toolkit triggers for one test, bound in this JVM to the toolkits the test uses: JavaFX once its
 * toolkit has started, Swing once the program has an AWT window (or, in a test that uses no JavaFX, from its first
 * window on). Binding is tried before each test and again just before the test method runs, after every
 * {@code beforeEach} (TestFX's {@code ApplicationExtension} starts JavaFX there).
 *
 * <p>Threading: one test's thread; {@link #close()} undoes everything and may be called more than once.
 */
final class ToolkitTriggers implements AutoCloseable {
    private static final boolean JAVAFX_PRESENT = classPresent("javafx.application.Platform");
    private static final boolean AWT_PRESENT = classPresent("java.awt.Window");
    /** How long {@link #drain} waits for a busy UI thread. */
    private static final long DRAIN_WAIT_MILLIS = 5000;

    private final WatchSink sink;
    private Trigger fx;
    private Trigger swing;

    ToolkitTriggers(WatchSink sink) {
        this.sink = sink;
    }

    /** Binds to the toolkits already in use, starting none. */
    void bindRunning() throws InterruptedException {
        if (fx == null && JAVAFX_PRESENT) {
            fx = FxBinding.install(sink);
        }
        if (swing == null && AWT_PRESENT) {
            swing = SwingBinding.install(sink, false);
        }
    }

    /**
     * Binds again, now that the test's setup has run. A test that uses no JavaFX is taken for a Swing test: AWT is
     * started (unless headless) so that the first window the test opens is watched.
     */
    void bindBeforeTestMethod() throws InterruptedException {
        if (fx == null && JAVAFX_PRESENT) {
            fx = FxBinding.install(sink);
        }
        if (swing == null && AWT_PRESENT) {
            swing = SwingBinding.install(sink, fx == null);
        }
    }

    /** Whether any toolkit is watched. */
    boolean bound() {
        return fx != null || swing != null;
    }

    /** Waits until the UI threads have handled what the test queued for them (a hide, a dispose). */
    void drain() throws InterruptedException {
        if (fx != null) {
            FxBinding.drain(DRAIN_WAIT_MILLIS);
        }
        if (swing != null) {
            SwingBinding.drain();
        }
    }

    @Override
    public void close() {
        if (fx != null) {
            fx.close();
            fx = null;
        }
        if (swing != null) {
            swing.close();
            swing = null;
        }
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, ToolkitTriggers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
