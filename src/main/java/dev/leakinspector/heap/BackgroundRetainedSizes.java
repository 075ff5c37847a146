package dev.leakinspector.heap;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Retained sizes computed on a daemon thread ({@code leak-inspector-heap-retained-sizes}) while the caller searches
 * the paths: the two whole-heap searches do not depend on each other, and each leaves a core idle in its small
 * levels and its joins, which the other one fills. Owned by the thread that {@linkplain #start started} it, which
 * must call {@link #await} or {@link #stop}: the calculation has a cancel token of its own, which {@link #await}
 * sets when the caller's is set, and {@link #stop} sets when the caller gives up on the result.
 */
final class BackgroundRetainedSizes {
    private final CancelToken own = new CancelToken();
    private final FutureTask<long[]> task;

    private BackgroundRetainedSizes(HprofIndex index, int[] targets) {
        int[] copy = targets.clone();
        this.task = new FutureTask<>(() -> new RetainedSizeCalculator(index, own).retainedSizes(copy));
    }

    /** Starts computing the retained sizes of {@code targets} (see {@link RetainedSizeCalculator#retainedSizes}). */
    static BackgroundRetainedSizes start(HprofIndex index, int[] targets) {
        BackgroundRetainedSizes b = new BackgroundRetainedSizes(index, targets);
        Thread t = new Thread(b.task, "leak-inspector-heap-retained-sizes");
        t.setDaemon(true);
        t.start();
        return b;
    }

    /**
     * Waits for the sizes, in the targets' order. Throws {@link CancellationException} once {@code cancel} is set
     * (the calculation stops at its next poll), and rethrows the calculation's own failure.
     */
    long[] await(CancelToken cancel) {
        while (true) {
            if (cancel.isCancelled()) {
                own.cancel();
                cancel.throwIfCancelled();
            }
            try {
                return task.get(20, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll the caller's token again
            } catch (InterruptedException e) {
                own.cancel();
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while computing retained sizes");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** Gives up on the result: the calculation stops at its next poll. */
    void stop() {
        own.cancel();
    }
}
