package dev.leakinspector.testing;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.testfx.util.WaitForAsyncUtils;

/**
 * Lets a test thread run code on the JavaFX thread and wait for its result, or wait for the next pulse, each
 * within a time limit, or until a condition holds. The toolkit must be running (TestFX's {@code FxToolkit} starts it). Thread-safe;
 * {@link #call} and {@link #run} on the JavaFX thread itself run the code at once, {@link #awaitPulse} must not
 * be called there.
 */
public final class FxThread {
    private FxThread() {
    }

    /** Runs {@code action} on the JavaFX thread and returns its result, or throws what it threw (wrapped). */
    public static <T> T call(Duration timeout, Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        };
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
        return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code action} on the JavaFX thread and waits until it has run. */
    public static void run(Duration timeout, Runnable action) throws Exception {
        call(timeout, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Waits until {@code condition}, evaluated on the JavaFX thread (each evaluation within {@code callTimeout}),
     * holds; fails saying what it waited for after {@code timeout}.
     */
    public static void await(String what, Duration timeout, Duration callTimeout, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, () -> call(callTimeout, condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting for: " + what, e);
        }
    }

    /**
     * Waits for the next pulse: a hidden scene may still sit in the toolkit's dirty list, and finished
     * animations are let go by the pulse timer, until a pulse has run.
     */
    public static void awaitPulse(Duration timeout) throws Exception {
        CountDownLatch pulsed = new CountDownLatch(1);
        run(timeout, () -> {
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    stop();
                    pulsed.countDown();
                }
            }.start();
            Platform.requestNextPulse();
        });
        if (!pulsed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no JavaFX pulse within " + timeout.toSeconds() + " s");
        }
    }
}
