package dev.leakinspector.protocol;

/**
 * Agent -> app: the answer to {@link HeapDumpRequest}: the dump's path and size, or, when
 * {@link #error()} is not empty, why there is no dump (disk full, dumping not supported, …).
 * Immutable; any thread.
 */
public record HeapDumpReady(long requestId, String path, long sizeBytes, String error) implements Message {
    public HeapDumpReady {
        path = Fields.text(path);
        error = Fields.text(error);
    }

    /** A dump was written. */
    public boolean succeeded() {
        return error.isEmpty();
    }
}
