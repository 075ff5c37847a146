package dev.leakinspector.demo;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.leakinspector.testing.FxThread;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/** Runs code on the JavaFX thread under Monocle and tells whether an object becomes collectable. */
final class FxTestSupport {
    static final long FX_TIMEOUT_SECONDS = 10;
    private static final Duration FX_TIMEOUT = Duration.ofSeconds(FX_TIMEOUT_SECONDS);

    private FxTestSupport() {
    }

    /** A window that stays open for the whole run and takes the focus back after each test window closes. */
    private static Stage focusAnchor;

    /** Starts the toolkit once per JVM (TestFX's way, so other test classes can share it). */
    static synchronized void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        // Our tests hide every window they show; the toolkit must outlive that.
        Platform.setImplicitExit(false);
        if (focusAnchor == null) {
            focusAnchor = onFx(() -> {
                Stage anchor = new Stage();
                anchor.setTitle("focus anchor");
                anchor.setScene(new Scene(new Label("focus anchor"), 120, 40));
                anchor.show();
                return anchor;
            });
        }
    }

    /**
     * Gives the focus back to a window that stays open. Monocle's MonocleWindowManager.focusedWindow
     * keeps the last focused window, closed or not, until another window takes the focus; a desktop
     * moves the focus by itself. Without this, every closed window would look leaked here.
     */
    static void refocusAnchor() throws Exception {
        onFx(() -> focusAnchor.requestFocus());
    }

    static <T> T onFx(Callable<T> action) throws Exception {
        return FxThread.call(FX_TIMEOUT, action);
    }

    static void onFx(Runnable action) throws Exception {
        FxThread.run(FX_TIMEOUT, action);
    }

    /** Waits for the next JavaFX pulse (see {@link FxThread#awaitPulse}). */
    static void awaitPulse() throws Exception {
        FxThread.awaitPulse(FX_TIMEOUT);
    }

    /** A weak reference to a closed pattern's Stage, with the queue that says when it was collected. */
    static final class ClosedStage {
        final ReferenceQueue<Stage> queue = new ReferenceQueue<>();
        final WeakReference<Stage> stage;
        final String title;
        final Class<?> rootType;
        long closedAtMillis;

        ClosedStage(Stage stage) {
            this.stage = new WeakReference<>(stage, queue);
            this.title = stage.getTitle();
            // Only the root's type is kept; holding the root itself would keep the window.
            this.rootType = stage.getScene().getRoot().getClass();
        }

        /**
         * Requests GCs (after a pulse each time) until the Stage is collected or {@code timeout} ends.
         * Waiting is on the reference queue, so it returns as soon as the collection happens.
         */
        boolean collectedWithin(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            do {
                awaitPulse();
                System.gc();
                if (queue.remove(100) != null || stage.get() == null) {
                    return true;
                }
            } while (System.nanoTime() < deadline);
            return false;
        }
    }

    /** Records the pattern events of windows it is given to, for tests to wait on. */
    static final class RecordingListener implements PatternListener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void closed(String patternId, long epochMillis) {
            events.add("closed " + patternId + " " + epochMillis);
        }

        @Override
        public void reshown(String patternId, long epochMillis) {
            events.add("reshown " + patternId + " " + epochMillis);
        }

        @Override
        public void step(String patternId, String step, long epochMillis) {
            events.add("step " + patternId + " " + step + " " + epochMillis);
        }

        /** The next event, which must start with {@code prefix}; returns its time. */
        long await(String prefix) throws InterruptedException {
            return await(prefix, TimeUnit.SECONDS.toMillis(FX_TIMEOUT_SECONDS));
        }

        /** Like {@link #await(String)}, waiting up to {@code timeoutMillis}. */
        long await(String prefix, long timeoutMillis) throws InterruptedException {
            String event = events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (event == null || !event.startsWith(prefix + " ")) {
                throw new AssertionError("expected \"" + prefix + " <time>\", got " + event);
            }
            return Long.parseLong(event.substring(prefix.length() + 1));
        }
    }

    /**
     * Opens {@code pattern}, lets one pulse render it, closes it the way the pattern does and waits
     * until it is closed for good. Keeps nothing of the window but a weak reference.
     */
    static ClosedStage openAndClose(DemoPattern pattern) throws Exception {
        return openAndClose(pattern, false);
    }

    /**
     * Like {@link #openAndClose(DemoPattern)}, and with {@code runSteps} clicks every step of the
     * pattern first, one pulse apart, without the script's pauses.
     */
    static ClosedStage openAndClose(DemoPattern pattern, boolean runSteps) throws Exception {
        RecordingListener listener = new RecordingListener();
        PatternWindow window = onFx(() -> pattern.open(listener));
        awaitPulse();
        if (runSteps) {
            for (PatternWindow.Step step : onFx(window::steps)) {
                onFx(() -> window.runStep(step));
                listener.await("step " + pattern.id() + " " + step.name());
                awaitPulse();
            }
        }
        ClosedStage closed = onFx(() -> new ClosedStage(window.stage()));
        onFx(window::requestClose);
        if (pattern.id().equals("7")) {
            listener.await("reshown 7");
        }
        closed.closedAtMillis = listener.await("closed " + pattern.id());
        refocusAnchor();
        return closed;
    }
}
