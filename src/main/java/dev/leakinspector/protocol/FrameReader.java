package dev.leakinspector.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads length-prefixed frames from a stream and decodes them. Not thread-safe: one reader thread owns it.
 * It adds no buffering; give it a buffered stream when reading from a socket.
 */
public final class FrameReader {
    private final InputStream in;

    public FrameReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * Blocks for the next message.
     *
     * @return the message, or {@code null} if the stream ended cleanly before a frame started
     * @throws EOFException if the stream ended inside a frame
     * @throws ProtocolException if the length prefix is negative, zero or above {@link Protocol#MAX_FRAME_BYTES},
     *         or the payload is malformed (see {@link MessageCodec#decodePayload(byte[])})
     */
    public Message read() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = first << 24 | readPrefixByte() << 16 | readPrefixByte() << 8 | readPrefixByte();
        // Checked before any allocation: the prefix is the peer's word, and a hostile one must cost nothing.
        if (length <= 0 || length > Protocol.MAX_FRAME_BYTES) {
            throw new ProtocolException("frame length " + length + " is outside 1.." + Protocol.MAX_FRAME_BYTES);
        }
        // readNBytes grows its buffer as bytes arrive, so a short frame claiming 1 MiB costs only what is sent.
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new EOFException("stream ended inside a frame: got " + payload.length + " of " + length
                    + " payload bytes");
        }
        return MessageCodec.decodePayload(payload);
    }

    private int readPrefixByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame's length prefix");
        }
        return b;
    }
}
