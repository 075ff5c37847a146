package dev.leakinspector.protocol;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket's input stream that, until {@link #release()}, gives the peer one total deadline and a byte budget:
 * a per-read timeout alone lets a client that sends a byte every few seconds hold a handshake forever, so each
 * read gets only the time left until the deadline. After {@link #release()} it reads like the plain stream.
 *
 * <p>Threading: one reading thread; {@link #release()} is called by that thread once the hello checked out.
 */
final class HandshakeInputStream extends FilterInputStream {
    private final Socket socket;
    private final long deadlineNanos;
    private final long timeoutMillis;
    private long budget;
    private boolean released;

    /**
     * @param timeoutMillis the total time the peer gets for everything read before {@link #release()}
     * @param maxBytes how many bytes the peer may send before {@link #release()}
     */
    HandshakeInputStream(Socket socket, long timeoutMillis, long maxBytes) throws IOException {
        super(socket.getInputStream());
        this.socket = socket;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.budget = maxBytes;
    }

    /** Ends the deadline and the budget: the handshake is over and the link may stay quiet for as long as it likes. */
    void release() throws IOException {
        released = true;
        socket.setSoTimeout(0);
    }

    @Override
    public int read() throws IOException {
        if (!released) {
            prepareRead();
        }
        int b = super.read();
        if (b >= 0 && !released) {
            budget--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (released) {
            return super.read(buffer, offset, length);
        }
        prepareRead();
        int n = super.read(buffer, offset, (int) Math.min(length, budget));
        if (n > 0) {
            budget -= n;
        }
        return n;
    }

    private void prepareRead() throws IOException {
        if (budget <= 0) {
            throw new ProtocolException("hello is larger than it can be");
        }
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        if (remainingMillis <= 0) {
            throw new SocketTimeoutException("no hello within " + timeoutMillis + " ms");
        }
        // SO_TIMEOUT 0 means forever, so the remainder is at least 1 ms.
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, remainingMillis)));
    }
}
