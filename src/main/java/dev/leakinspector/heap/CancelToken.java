package dev.leakinspector.heap;

import java.util.concurrent.CancellationException;

/**
 * A flag that asks a running heap operation to stop. Any thread may call {@link #cancel()}; the working
 * thread polls it in its loops and then throws {@link CancellationException}.
 */
public final class CancelToken {
    /** A token nobody can cancel. */
    public static final CancelToken NEVER = new CancelToken();

    private volatile boolean cancelled;

    public void cancel() {
        if (this != NEVER) {
            cancelled = true;
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancellationException} if {@link #cancel()} was called. */
    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("heap analysis cancelled");
        }
    }
}
