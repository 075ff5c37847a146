package dev.leakinspector.protocol;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One accepted agent connection whose {@link Hello} has been verified. {@link #read()} belongs to one reader
 * thread; {@link #send(Message)}, {@link #isOpen()} and {@link #close()} may be called from any thread.
 *
 * <p>TCP_NODELAY is set: frames are small and each one should reach the other side when it is sent.
 *
 * <p>{@link LinkServer#accept} does not answer the hello: the caller's first {@link #send} must be a
 * {@link Configure}, which tells the agent it was accepted.
 */
public final class LinkConnection implements AutoCloseable {
    private final Socket socket;
    private final Hello hello;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean open = true;

    /** Takes over a socket whose hello was read through {@code reader} (which may hold buffered bytes). */
    LinkConnection(Socket socket, FrameReader reader, FrameWriter writer, Hello hello) {
        this.socket = socket;
        this.reader = reader;
        this.writer = writer;
        this.hello = hello;
    }

    /** Wraps a fresh socket's output the way both ends of the link use it. */
    static FrameWriter writerFor(Socket socket) throws IOException {
        // FrameWriter flushes after each frame, so the buffer only merges a frame's prefix and payload writes.
        return new FrameWriter(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** The agent's verified hello. */
    public Hello hello() {
        return hello;
    }

    /**
     * Blocks for the agent's next message.
     *
     * @return the message, or {@code null} once the agent closed the connection or this side called {@link #close()}
     */
    public Message read() throws IOException {
        try {
            Message m = reader.read();
            if (m == null) {
                open = false;
            }
            return m;
        } catch (IOException e) {
            open = false;
            if (closed.get()) {
                // Closing from another thread is how a reader is told to stop; that is an end, not an error.
                return null;
            }
            throw e;
        }
    }

    /** Sends one message; frames from concurrent senders never interleave. */
    public void send(Message m) throws IOException {
        try {
            writer.write(m);
        } catch (IOException e) {
            open = false;
            throw e;
        }
    }

    /** False once {@link #close()} was called, the agent's end of stream was read, or a read or send failed. */
    public boolean isOpen() {
        return open && !closed.get();
    }

    /** Closes the socket; a blocked {@link #read()} returns {@code null}. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            open = false;
            socket.close();
        }
    }

    @Override
    public String toString() {
        return "LinkConnection[pid=" + hello.pid() + ", " + socket.getRemoteSocketAddress()
                + (isOpen() ? "" : ", closed") + "]";
    }
}
