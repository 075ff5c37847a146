package dev.leakinspector.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes messages as length-prefixed frames and flushes each one. Thread-safe: frames from concurrent
 * writers never interleave.
 */
public final class FrameWriter {
    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes one frame and flushes it.
     *
     * @throws IllegalArgumentException if the message exceeds the protocol's bounds (nothing is written)
     */
    public synchronized void write(Message m) throws IOException {
        // Encoded before touching the stream, so an oversized message never leaves half a frame behind.
        byte[] frame = MessageCodec.encodeFrame(m);
        out.write(frame);
        out.flush();
    }
}
