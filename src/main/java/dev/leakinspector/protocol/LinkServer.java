package dev.leakinspector.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * Our process's end of the agent link: listens on the loopback interface, on an ephemeral port, with a fresh
 * {@link AuthToken}, and hands out connections whose hello checked out. One thread calls {@link #accept};
 * {@link #close()} may come from any thread and makes a blocked accept throw.
 */
public final class LinkServer implements AutoCloseable {
    /** How long one connection may take to send its hello unless {@link #open(Duration)} says otherwise. */
    public static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(5);

    private static final String HOST = "127.0.0.1";
    /** How long a rejected peer gets to read our Detach and close before we close on it. */
    private static final int LINGER_AFTER_REJECT_MILLIS = 250;

    private final ServerSocket serverSocket;
    private final AuthToken token;
    private final Duration helloTimeout;

    private LinkServer(ServerSocket serverSocket, AuthToken token, Duration helloTimeout) {
        this.serverSocket = serverSocket;
        this.token = token;
        this.helloTimeout = helloTimeout;
    }

    /** Binds 127.0.0.1 on an ephemeral port with a fresh token and the {@link #DEFAULT_HELLO_TIMEOUT}. */
    public static LinkServer open() throws IOException {
        return open(DEFAULT_HELLO_TIMEOUT);
    }

    /**
     * As {@link #open()}, with the time one connection gets to send its hello. Handshakes run one at a time,
     * so this also bounds how long a silent client can hold up the next one.
     */
    public static LinkServer open(Duration helloTimeout) throws IOException {
        Objects.requireNonNull(helloTimeout, "helloTimeout");
        if (helloTimeout.isNegative() || helloTimeout.isZero()) {
            throw new IllegalArgumentException("hello timeout must be positive: " + helloTimeout);
        }
        ServerSocket ss = new ServerSocket();
        try {
            // Loopback only: the agent runs on this machine, and nothing else should be able to reach us.
            ss.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
        } catch (IOException e) {
            ss.close();
            throw e;
        }
        return new LinkServer(ss, AuthToken.random(), helloTimeout);
    }

    /** The port to pass to the agent. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The address to pass to the agent: always {@code "127.0.0.1"}. */
    public String host() {
        return HOST;
    }

    /** The token the agent must present; pass {@link AuthToken#toHex()} in its options. */
    public AuthToken token() {
        return token;
    }

    /**
     * Waits for an agent to connect and send a valid {@link Hello}: first frame, version {@link Protocol#VERSION},
     * matching token. A connection failing that gets a best-effort {@link Detach} with the reason and is closed,
     * and the wait goes on. The caller answers an accepted connection with {@link Configure}.
     *
     * @throws SocketTimeoutException if no valid agent arrived within {@code timeout}; the message names the last
     *         rejection, e.g. {@code "no agent connected within 10 s (last rejected: wrong token)"}
     * @throws IOException if the server socket fails or is closed
     */
    public LinkConnection accept(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastRejection = null;
        while (true) {
            long remainingMillis = remainingMillis(deadline);
            if (remainingMillis <= 0) {
                throw timedOut(timeout, lastRejection);
            }
            Socket socket;
            try {
                serverSocket.setSoTimeout(toSoTimeout(remainingMillis));
                socket = serverSocket.accept();
            } catch (SocketTimeoutException e) {
                throw timedOut(timeout, lastRejection);
            }
            Handshake result = handshake(socket, Math.min(helloTimeout.toMillis(), remainingMillis));
            if (result.connection != null) {
                return result.connection;
            }
            lastRejection = result.rejection;
        }
    }

    /** Exactly one of the two is set. */
    private record Handshake(LinkConnection connection, String rejection) {
    }

    /** Verifies the first frame; a connection that fails is rejected and closed here. */
    private Handshake handshake(Socket socket, long helloMillis) {
        FrameWriter writer = null;
        String reason;
        try {
            socket.setTcpNoDelay(true);
            writer = LinkConnection.writerFor(socket);
            FrameReader reader = LinkConnection.readerFor(socket);
            socket.setSoTimeout(toSoTimeout(helloMillis));
            Message first = reader.read();
            if (first == null) {
                reason = "connection closed before hello";
            } else if (!(first instanceof Hello)) {
                reason = "expected Hello as first frame, got " + first.getClass().getSimpleName();
            } else if (!token.matches(((Hello) first).token())) {
                reason = "wrong token";
            } else {
                socket.setSoTimeout(0);
                return new Handshake(new LinkConnection(socket, reader, writer, (Hello) first), null);
            }
        } catch (UnsupportedVersionException e) {
            reason = e.getMessage();
        } catch (SocketTimeoutException e) {
            reason = "no hello within " + describe(Duration.ofMillis(helloMillis));
        } catch (ProtocolException e) {
            reason = "malformed hello: " + e.getMessage();
        } catch (IOException e) {
            reason = "connection failed before hello: " + e.getMessage();
        }
        reject(socket, writer, reason);
        return new Handshake(null, reason);
    }

    /**
     * Best effort: Detach(reason), then half-close and drain briefly before closing. Closing with unread bytes in
     * our receive buffer would send a reset, and a reset can destroy the Detach before the peer reads it.
     */
    private static void reject(Socket socket, FrameWriter writer, String reason) {
        try (socket) {
            if (writer != null) {
                writer.write(new Detach(reason));
            }
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_AFTER_REJECT_MILLIS);
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[8192];
            long deadline = System.nanoTime() + Duration.ofMillis(LINGER_AFTER_REJECT_MILLIS).toNanos();
            int drained = 0;
            while (drained < 1 << 20 && System.nanoTime() < deadline) {
                int n = in.read(sink);
                if (n < 0) {
                    break;
                }
                drained += n;
            }
        } catch (IOException | RuntimeException ignored) {
            // The peer is being turned away; if it is already gone there is nobody left to tell.
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Duration.ofNanos(deadlineNanos - System.nanoTime()).toMillis();
    }

    /** SO_TIMEOUT of 0 means "forever", so a positive remainder must never round down to it. */
    private static int toSoTimeout(long millis) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    private static SocketTimeoutException timedOut(Duration timeout, String lastRejection) {
        return new SocketTimeoutException("no agent connected within " + describe(timeout)
                + (lastRejection == null ? "" : " (last rejected: " + lastRejection + ")"));
    }

    private static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Stops listening; connections already accepted stay open. */
    @Override
    public void close() throws IOException {
        serverSocket.close();
    }

    @Override
    public String toString() {
        return "LinkServer[" + HOST + ":" + port() + "]";
    }
}
