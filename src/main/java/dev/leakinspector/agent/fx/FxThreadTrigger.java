package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.Trigger;
import dev.leakinspector.agent.WatchSink;
import javafx.application.Platform;

/**
 * The part every JavaFX trigger does the same way: its listeners are added and removed on the JavaFX application
 * thread, the only thread that may touch the scene graph, and a close that comes first (on any thread) stops an
 * install still queued there. Subclasses say what to add and remove; both run on the FX thread.
 */
abstract class FxThreadTrigger implements Trigger {
    /** Where watches and errors go; owned by the agent session. */
    protected final WatchSink sink;
    private final String name;
    /** Set by close() on any thread: an install still queued on the FX thread must then not add anything. */
    private volatile boolean closed;

    /** @param name how errors of this trigger are reported, e.g. "JavaFX window trigger" */
    FxThreadTrigger(WatchSink sink, String name) {
        this.sink = sink;
        this.name = name;
    }

    /** Adds the listeners on the FX thread. Throws IllegalStateException until the JavaFX toolkit has started; the binder retries. */
    @Override
    public final void install(Runnable onInstalled) {
        Platform.runLater(() -> {
            try {
                if (!closed) {
                    addListeners();
                }
            } catch (RuntimeException e) {
                sink.reportError(name, e);
            } finally {
                onInstalled.run();
            }
        });
    }

    @Override
    public final void close() {
        closed = true;
        try {
            Platform.runLater(this::removeListeners);
        } catch (IllegalStateException toolkitGone) {
            // The toolkit has exited: every scene graph and window list we listened to went with it.
        }
    }

    /** Whether {@link #close()} was called; any thread. */
    protected final boolean isClosed() {
        return closed;
    }

    /** Reports an error thrown in one of this trigger's listeners; the target's thread goes on. */
    protected final void reportError(Throwable error) {
        sink.reportError(name, error);
    }

    /** Runs a listener's work, reporting what it throws: an exception must never reach the target's own code. */
    protected final void safely(Runnable work) {
        try {
            work.run();
        } catch (Throwable error) {
            reportError(error);
        }
    }

    /** Adds this trigger's listeners. FX thread. */
    protected abstract void addListeners();

    /** Removes every listener this trigger added and forgets what it observed. FX thread. */
    protected abstract void removeListeners();
}
