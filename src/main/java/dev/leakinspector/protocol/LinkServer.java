package dev.leakinspector.protocol;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Our process's end of the agent link: listens on the loopback interface, on an ephemeral port, with a fresh
 * {@link AuthToken}, and hands out connections whose hello checked out.
 *
 * <p>Any local user can connect to the port, so no client may hold up or end the real agent's connection:
 * from {@link #open} on, one acceptor thread takes every connection at once and gives each its own handshake
 * thread with one total deadline (not per read: a client dripping a byte every few seconds is cut off all
 * the same) and a byte budget. At most {@code maxPending} handshakes wait at a time; a new connection beyond
 * that drops the oldest waiting one. The agent sends its hello the moment it connects, so it is never the
 * oldest for long, and once its token checked out it is out of reach of the dropping. Only the token
 * recognises the agent.
 *
 * <p>Threading: {@link #accept} may be called from any thread (usually one); {@link #close()} may come from any
 * thread and makes a waiting accept throw. The acceptor and handshake threads are daemons named
 * {@code leak-inspector-link-*} and end with {@link #close()}.
 */
public final class LinkServer implements AutoCloseable {
    /** The total time one connection gets to send its hello unless {@link #open(Duration)} says otherwise. */
    public static final Duration DEFAULT_HELLO_TIMEOUT = Duration.ofSeconds(5);
    /** How many connections may wait for their hello at once unless told otherwise. */
    public static final int DEFAULT_MAX_PENDING = 16;
    /** A real hello is a few hundred bytes; nobody gets to make us buffer a megabyte frame before the token. */
    static final int MAX_HELLO_BYTES = 256 * 1024;

    private static final String HOST = "127.0.0.1";
    /** How long a rejected peer gets to read our Detach and close before we close on it. */
    private static final int LINGER_AFTER_REJECT_MILLIS = 250;
    /** Room in the kernel's queue for a burst of connections between two turns of the acceptor. */
    private static final int BACKLOG = 256;

    private final ServerSocket serverSocket;
    private final AuthToken token;
    private final Duration helloTimeout;
    private final int maxPending;
    private final Thread acceptor;

    private final Object state = new Object();
    /** Connections still in their handshake, oldest first. Guarded by {@link #state}. */
    private final Deque<Socket> pending = new ArrayDeque<>();
    /** Authenticated connections not yet handed out by {@link #accept}. Guarded by {@link #state}. */
    private final Deque<LinkConnection> ready = new ArrayDeque<>();
    /** Why the server socket stopped accepting, when it was not {@link #close()}. Guarded by {@link #state}. */
    private IOException failure;
    /** Guarded by {@link #state}. */
    private boolean closed;
    private volatile String lastRejection;

    private LinkServer(ServerSocket serverSocket, AuthToken token, Duration helloTimeout, int maxPending) {
        this.serverSocket = serverSocket;
        this.token = token;
        this.helloTimeout = helloTimeout;
        this.maxPending = maxPending;
        this.acceptor = daemon("acceptor", this::acceptLoop);
    }

    /** Binds 127.0.0.1 on an ephemeral port with a fresh token and the {@link #DEFAULT_HELLO_TIMEOUT}. */
    public static LinkServer open() throws IOException {
        return open(DEFAULT_HELLO_TIMEOUT);
    }

    /** As {@link #open()}, with the total time one connection gets to send its hello. */
    public static LinkServer open(Duration helloTimeout) throws IOException {
        return open(helloTimeout, DEFAULT_MAX_PENDING);
    }

    /** As {@link #open(Duration)}, with how many connections may wait for their hello at once (at least 1). */
    static LinkServer open(Duration helloTimeout, int maxPending) throws IOException {
        Objects.requireNonNull(helloTimeout, "helloTimeout");
        if (helloTimeout.isNegative() || helloTimeout.isZero()) {
            throw new IllegalArgumentException("hello timeout must be positive: " + helloTimeout);
        }
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be at least 1: " + maxPending);
        }
        ServerSocket ss = new ServerSocket();
        try {
            // Loopback only: the agent runs on this machine, and nothing else should be able to reach us.
            ss.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0), BACKLOG);
        } catch (IOException e) {
            ss.close();
            throw e;
        }
        LinkServer server = new LinkServer(ss, AuthToken.random(), helloTimeout, maxPending);
        server.acceptor.start();
        return server;
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
     * Waits for an agent that connected and sent a valid {@link Hello}: first frame, version
     * {@link Protocol#VERSION}, matching token. Connections failing that get a best-effort {@link Detach} with the
     * reason and are closed meanwhile, without delaying this wait. The caller answers the connection with
     * {@link Configure}.
     *
     * @throws SocketTimeoutException if no valid agent arrived within {@code timeout}; the message names the last
     *         rejection, e.g. {@code "no agent connected within 10 s (last rejected: wrong token)"}
     * @throws IOException if the server socket failed, the server was closed, or the thread was interrupted
     */
    public LinkConnection accept(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (state) {
            while (ready.isEmpty()) {
                if (closed) {
                    throw new SocketException("the link server is closed");
                }
                if (failure != null) {
                    throw new IOException("the link server stopped accepting: " + failure.getMessage(), failure);
                }
                long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (remainingMillis <= 0) {
                    throw timedOut(timeout, lastRejection);
                }
                try {
                    state.wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the agent");
                }
            }
            return ready.pollFirst();
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                synchronized (state) {
                    if (!closed) {
                        failure = e;
                    }
                    state.notifyAll();
                }
                return;
            }
            Socket dropped = null;
            synchronized (state) {
                if (closed) {
                    closeQuietly(socket);
                    return;
                }
                if (pending.size() >= maxPending) {
                    dropped = pending.pollFirst();
                }
                pending.addLast(socket);
            }
            if (dropped != null) {
                lastRejection = "too many connections waiting for their hello";
                // Its handshake thread sees the closed socket and ends.
                closeQuietly(dropped);
            }
            try {
                daemon("hello-" + socket.getPort(), () -> handshake(socket)).start();
            } catch (Throwable noThread) {
                // Out of threads (the process is in trouble, or a flood): turn this one away, keep accepting.
                forget(socket);
                closeQuietly(socket);
            }
        }
    }

    /** Runs on the connection's own thread: verifies the first frame, then hands the link out or rejects it. */
    private void handshake(Socket socket) {
        FrameWriter writer = null;
        String reason;
        try {
            socket.setTcpNoDelay(true);
            writer = LinkConnection.writerFor(socket);
            HandshakeInputStream guarded = new HandshakeInputStream(socket, helloTimeout.toMillis(), MAX_HELLO_BYTES);
            FrameReader reader = new FrameReader(new BufferedInputStream(guarded));
            Message first = reader.read();
            if (first == null) {
                reason = "connection closed before hello";
            } else if (!(first instanceof Hello hello)) {
                reason = "expected Hello as first frame, got " + first.getClass().getSimpleName();
            } else if (!token.matches(hello.token())) {
                reason = "wrong token";
            } else {
                guarded.release();
                handOut(socket, new LinkConnection(socket, reader, writer, hello));
                return;
            }
        } catch (UnsupportedVersionException e) {
            reason = e.getMessage();
        } catch (SocketTimeoutException e) {
            reason = "no hello within " + describe(helloTimeout);
        } catch (ProtocolException e) {
            reason = "malformed hello: " + e.getMessage();
        } catch (IOException e) {
            reason = "connection failed before hello: " + e.getMessage();
        }
        boolean stillOurs;
        synchronized (state) {
            stillOurs = pending.contains(socket);
        }
        if (stillOurs) {
            // Not for a connection that was dropped or whose server closed: its failure is ours, not its fault.
            lastRejection = reason;
            reject(socket, writer, reason);
        }
        forget(socket);
        closeQuietly(socket);
    }

    private void handOut(Socket socket, LinkConnection connection) {
        synchronized (state) {
            if (pending.remove(socket) && !closed) {
                ready.addLast(connection);
                state.notifyAll();
                return;
            }
        }
        // Dropped at the very moment its token checked out, or the server closed meanwhile.
        closeQuietly(connection);
    }

    private void forget(Socket socket) {
        synchronized (state) {
            pending.remove(socket);
        }
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

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, "leak-inspector-link-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is all we wanted; a socket that fails to close is gone either way.
        }
    }

    private static SocketTimeoutException timedOut(Duration timeout, String lastRejection) {
        return new SocketTimeoutException("no agent connected within " + describe(timeout)
                + (lastRejection == null ? "" : " (last rejected: " + lastRejection + ")"));
    }

    private static String describe(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /**
     * Stops listening and closes every connection still in its handshake or not yet handed out by
     * {@link #accept}; connections already handed out stay open. Idempotent.
     */
    @Override
    public void close() throws IOException {
        List<AutoCloseable> leftOver = new ArrayList<>();
        synchronized (state) {
            closed = true;
            leftOver.addAll(pending);
            leftOver.addAll(ready);
            pending.clear();
            ready.clear();
            state.notifyAll();
        }
        try {
            serverSocket.close();
        } finally {
            leftOver.forEach(LinkServer::closeQuietly);
        }
    }

    @Override
    public String toString() {
        return "LinkServer[" + HOST + ":" + port() + "]";
    }
}
