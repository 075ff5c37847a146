package dev.leakinspector.protocol;

/**
 * App -> agent: write a live heap dump to {@code path} (a new file in a directory only the user
 * can read, chosen by our process) and answer with {@link HeapDumpReady} carrying the same
 * {@code requestId}. The target pauses while it dumps. Immutable; any thread.
 */
public record HeapDumpRequest(long requestId, String path) implements Message {
    public HeapDumpRequest {
        path = Fields.text(path);
    }
}
