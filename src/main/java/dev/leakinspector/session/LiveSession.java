package dev.leakinspector.session;

import dev.leakinspector.attach.AgentAttacher;
import dev.leakinspector.attach.AgentJar;
import dev.leakinspector.attach.AttachFailure;
import dev.leakinspector.attach.AttachResult;
import dev.leakinspector.protocol.AgentOptions;
import dev.leakinspector.protocol.Configure;
import dev.leakinspector.protocol.Detach;
import dev.leakinspector.protocol.HeapDumpReady;
import dev.leakinspector.protocol.HeapDumpRequest;
import dev.leakinspector.protocol.Hello;
import dev.leakinspector.protocol.LinkConnection;
import dev.leakinspector.protocol.LinkServer;
import dev.leakinspector.protocol.Message;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A session with one target JVM: attaches our agent, accepts its connection on loopback, and hands
 * every message to a {@link SessionListener} until the session ends. Owns the link; {@link #detach}
 * or the end of the target releases it.
 *
 * <p>Threading: {@link #attach} blocks until the agent has connected (call it off any UI thread);
 * messages are delivered on a daemon thread named {@code leak-inspector-session-<pid>}; the other
 * methods are thread-safe.
 */
public final class LiveSession implements AutoCloseable {
    private static final long TARGET_EXIT_WAIT_MILLIS = 2000;

    private final long pid;
    private final Hello hello;
    private final AttachResult attachResult;
    private final LinkConnection connection;
    private final SessionListener listener;
    private final AtomicBoolean detachRequested = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Map<Long, CompletableFuture<HeapDumpReady>> heapDumpRequests = new ConcurrentHashMap<>();
    private final AtomicLong nextHeapDumpRequest = new AtomicLong(1);
    private volatile SessionEnd end;

    private LiveSession(long pid, Hello hello, AttachResult attachResult, LinkConnection connection,
                        SessionListener listener) {
        this.pid = pid;
        this.hello = hello;
        this.attachResult = attachResult;
        this.connection = connection;
        this.listener = listener;
    }

    /**
     * Attaches to {@code pid}, loads (or reconnects to) the agent and waits for it to connect.
     *
     * @throws AttachFailure when attaching fails, with a one-line reason for the user
     * @throws IOException when the agent jar cannot be found or the agent never connects
     */
    public static LiveSession attach(long pid, SessionSettings settings, SessionListener listener)
            throws AttachFailure, IOException {
        Path agentJar = AgentJar.locate();
        try (LinkServer server = LinkServer.open()) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("host", server.host());
            options.put("port", Integer.toString(server.port()));
            options.put("token", server.token().toHex());
            options.put("grace", Long.toString(settings.graceMillis()));
            if (!settings.ignoreGlobs().isEmpty()) {
                options.put("ignore", String.join(";", settings.ignoreGlobs()));
            }
            if (!settings.watchRules().isEmpty()) {
                options.put("rule", String.join(";", settings.watchRules()));
            }
            AttachResult result = new AgentAttacher().attach(pid, agentJar, AgentOptions.format(options));
            LinkConnection connection = server.accept(settings.connectTimeout());
            try {
                connection.send(new Configure(settings.graceMillis(), settings.ignoreGlobs(), settings.watchRules()));
            } catch (IOException e) {
                connection.close();
                throw e;
            }
            LiveSession session = new LiveSession(pid, connection.hello(), result, connection, listener);
            session.startReading();
            return session;
        }
    }

    public long pid() {
        return pid;
    }

    /** The agent's hello: the target's pid, Java version, toolkits. */
    public Hello hello() {
        return hello;
    }

    public AttachResult attachResult() {
        return attachResult;
    }

    /** Sends a message to the agent (e.g. a new {@link Configure}). */
    public void send(Message message) throws IOException {
        connection.send(message);
    }

    /**
     * Asks the agent to write a live heap dump to {@code path} (a new {@code .hprof} file in a
     * directory only the user can read; see {@link HeapDumpFiles}). The target pauses meanwhile.
     *
     * @return completes with the agent's answer (which may carry an error), or exceptionally with a
     *     one-line reason when the session ends first (the target exited while dumping, …)
     */
    public CompletableFuture<HeapDumpReady> requestHeapDump(Path path) {
        long requestId = nextHeapDumpRequest.getAndIncrement();
        CompletableFuture<HeapDumpReady> answer = new CompletableFuture<>();
        heapDumpRequests.put(requestId, answer);
        SessionEnd endedAlready = end;
        if (endedAlready != null) {
            failHeapDumpRequests(endedAlready);
            return answer;
        }
        try {
            connection.send(new HeapDumpRequest(requestId, path.toString()));
        } catch (IOException e) {
            heapDumpRequests.remove(requestId);
            answer.completeExceptionally(new IOException("could not ask for a heap dump: " + e.getMessage(), e));
        }
        return answer;
    }

    /** Asks the agent to detach and waits briefly for it to close the link. Idempotent. */
    public void detach(String reason) {
        if (detachRequested.compareAndSet(false, true)) {
            try {
                connection.send(new Detach(reason));
            } catch (IOException alreadyGone) {
                closeConnection();
            }
            if (awaitEnd(Duration.ofSeconds(3)).isEmpty()) {
                closeConnection();
            }
        }
    }

    /** Waits until the session has ended; empty when the time ran out first. */
    public Optional<SessionEnd> awaitEnd(Duration timeout) {
        try {
            ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.ofNullable(end);
    }

    @Override
    public void close() {
        detach("Leak Inspector closed the session");
    }

    private void startReading() {
        Thread reader = new Thread(this::readUntilEnd, "leak-inspector-session-" + pid);
        reader.setDaemon(true);
        reader.start();
    }

    private void readUntilEnd() {
        SessionEnd result;
        try {
            result = readMessages();
        } catch (IOException e) {
            result = endOfLink("the link to the agent failed: " + e.getMessage());
        } catch (RuntimeException e) {
            result = new SessionEnd(SessionEnd.Kind.LINK_LOST, "the session failed: " + e);
        }
        closeConnection();
        end = result;
        failHeapDumpRequests(result);
        try {
            listener.onEnded(result);
        } finally {
            ended.countDown();
        }
    }

    private SessionEnd readMessages() throws IOException {
        Message message;
        while ((message = connection.read()) != null) {
            if (message instanceof Detach detach) {
                return endOnAgentDetach(detach.reason());
            }
            if (message instanceof HeapDumpReady ready) {
                CompletableFuture<HeapDumpReady> answer = heapDumpRequests.remove(ready.requestId());
                if (answer != null) {
                    answer.complete(ready);
                }
            }
            listener.onMessage(message);
        }
        return endOfLink("the agent closed the link");
    }

    private SessionEnd endOnAgentDetach(String reason) {
        if (detachRequested.get()) {
            return new SessionEnd(SessionEnd.Kind.DETACHED, "detached from process " + pid);
        }
        // Only a reason that says the target is going away is worth waiting for its exit.
        boolean exiting = "target exiting".equals(reason);
        if (exiting || ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true)) {
            return new SessionEnd(SessionEnd.Kind.TARGET_EXITED, "process " + pid + " exited");
        }
        return new SessionEnd(SessionEnd.Kind.AGENT_LEFT, "the agent in process " + pid + " ended the session: " + reason);
    }

    private SessionEnd endOfLink(String what) {
        if (detachRequested.get()) {
            return new SessionEnd(SessionEnd.Kind.DETACHED, "detached from process " + pid);
        }
        if (!isTargetAlive()) {
            return new SessionEnd(SessionEnd.Kind.TARGET_EXITED, "process " + pid + " exited");
        }
        return new SessionEnd(SessionEnd.Kind.LINK_LOST, what + " while process " + pid + " is still running");
    }

    /** A dump asked for and not delivered will not come any more: say why, in the user's words. */
    private void failHeapDumpRequests(SessionEnd sessionEnd) {
        String why = sessionEnd.kind() == SessionEnd.Kind.TARGET_EXITED
                ? "process " + pid + " exited before its heap dump was written"
                : "no heap dump: " + sessionEnd.message();
        for (Long requestId : List.copyOf(heapDumpRequests.keySet())) {
            CompletableFuture<HeapDumpReady> answer = heapDumpRequests.remove(requestId);
            if (answer != null) {
                answer.completeExceptionally(new IOException(why));
            }
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // Closing a link that is already broken: nothing left to release.
        }
    }

    /**
     * Whether the target still runs. A link that just broke usually means the target is exiting, and
     * its process can take a moment to disappear, so this waits briefly for that.
     */
    private boolean isTargetAlive() {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return false;
        }
        try {
            handle.get().onExit().get(TARGET_EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException stillRunning) {
            return handle.get().isAlive();
        } catch (ExecutionException e) {
            return handle.get().isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return handle.get().isAlive();
        }
    }
}
