package dev.leakinspector.demo;

/**
 * A transfer session that holds its delegate strongly until {@link #invalidate()} is called, like
 * an iOS {@code URLSession}: forgetting to invalidate keeps the delegate alive (pattern 2).
 * Use on the JavaFX thread.
 */
final class TransferClient {
    private final String file;
    private TransferDelegate delegate;

    TransferClient(String file, TransferDelegate delegate) {
        this.file = file;
        this.delegate = delegate;
        TransferRegistry.register(this);
    }

    void reportProgress(int percent) {
        if (delegate != null) {
            delegate.transferProgressed(file, percent);
        }
    }

    /** Ends the session: leaves the registry and lets go of the delegate. */
    void invalidate() {
        TransferRegistry.unregister(this);
        delegate = null;
    }
}
