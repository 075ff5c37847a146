package dev.leakinspector.junit;

import dev.leakinspector.agent.Trigger;
import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.agent.fx.FxTriggers;
import javafx.application.Platform;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent's JavaFX triggers, in this JVM. With {@link MonocleFocus}, the only class of the extension that names
 * JavaFX: it is loaded only when JavaFX is on the class path ({@link ToolkitTriggers} checks first), so plain Swing
 * projects need no JavaFX.
 *
 * <p>Threading: called on the test's thread; the triggers add their listeners on the JavaFX application thread.
 */
final class FxBinding {
    /** How long to wait for the JavaFX thread to put the listeners in place (it may be busy with the test's work). */
    private static final long INSTALL_WAIT_SECONDS = 10;

    private FxBinding() {
    }

    /**
     * Installs the triggers and waits until their listeners are in place, so that a window hidden right after this
     * returns is seen.
     *
     * @return the installed triggers, or null when the JavaFX toolkit has not started (yet)
     */
    static Trigger install(WatchSink sink) throws InterruptedException {
        FxTriggers fxTriggers = new FxTriggers(sink);
        Trigger triggers = withMonocleFocus(fxTriggers, sink);
        CountDownLatch installed = new CountDownLatch(1);
        try {
            triggers.install(installed::countDown);
        } catch (IllegalStateException toolkitNotStarted) {
            triggers.close();
            return null;
        }
        if (!Platform.isFxApplicationThread() && !installed.await(INSTALL_WAIT_SECONDS, TimeUnit.SECONDS)) {
            sink.reportError("JavaFX triggers", new IllegalStateException(
                    "the JavaFX application thread did not run our install within " + INSTALL_WAIT_SECONDS + " s"));
        }
        return triggers;
    }

    /** The triggers, and on Monocle its focus releaser (see {@link MonocleFocus}) for as long as they are installed. */
    private static Trigger withMonocleFocus(FxTriggers triggers, WatchSink sink) {
        MonocleFocus focus = MonocleFocus.ifMonocle();
        if (focus == null) {
            return triggers;
        }
        return new Trigger() {
            @Override
            public void install(Runnable onInstalled) {
                triggers.install(() -> {
                    sink.addMomentaryHolders(focus);
                    onInstalled.run();
                });
            }

            @Override
            public void close() {
                sink.removeMomentaryHolders(focus);
                triggers.close();
            }
        };
    }

    /** Waits until the JavaFX thread has run everything queued before this call (a hide posted with runLater, say). */
    static void drain(long timeoutMillis) throws InterruptedException {
        if (Platform.isFxApplicationThread()) {
            return;
        }
        CountDownLatch drained = new CountDownLatch(1);
        try {
            Platform.runLater(drained::countDown);
        } catch (IllegalStateException toolkitGone) {
            return;
        }
        drained.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
