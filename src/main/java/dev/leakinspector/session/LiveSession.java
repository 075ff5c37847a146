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
 * A session with one target JVM: attaches our agent (or starts the program with it, {@link #launch}), accepts its
 * connection on loopback, and hands every message to a {@link SessionListener} until the session ends. Owns the
 * link; {@link #detach} or the end of the target releases it. A program it started is not stopped by a detach: its
 * owner decides ({@link #launched()}).
 *
 * <p>Threading: {@link #attach} and {@link #launch} block until the agent has connected (call them off any UI thread);
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
    /** The program this session started with {@link #launch}, else null (attached). */
    private final LaunchedProgram launched;
    private final AtomicBoolean detachRequested = new AtomicBoolean();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Map<Long, CompletableFuture<HeapDumpReady>> heapDumpRequests = new ConcurrentHashMap<>();
    private final AtomicLong nextHeapDumpRequest = new AtomicLong(1);
    private volatile SessionEnd end;

    private LiveSession(long pid, Hello hello, AttachResult attachResult, LinkConnection connection,
                        SessionListener listener, LaunchedProgram launched) {
        this.pid = pid;
        this.launched = launched;
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
            AttachResult result = new AgentAttacher().attach(pid, agentJar, agentOptions(server, settings));
            LinkConnection connection = server.accept(settings.connectTimeout());
            configure(connection, settings);
            LiveSession session = new LiveSession(pid, connection.hello(), result, connection, listener, null);
            session.startReading();
            return session;
        }
    }

    /**
     * Starts {@code command} with our agent loaded from its first moment (see {@link LaunchedProgram}) and waits for
     * the agent to connect. {@code started} gets the program's process the moment it runs, before the agent
     * connected (to pass its output on, or to stop it on a signal). Blocks: call it off any UI thread.
     *
     * <p>The session ends when the program exits ({@link SessionEnd.Kind#TARGET_EXITED}, with its exit code in the
     * message). {@link #detach} leaves the program running; {@link #launched()} can stop it.
     *
     * @param output where the program's standard output goes; its standard input and error are ours
     * @throws IOException with a one-line reason when the agent jar cannot be prepared, the program cannot be
     *     started, or it exits (or its agent stays silent) before the agent connected; the program is stopped then
     */
    public static LiveSession launch(ProgramCommand command, SessionSettings settings, SessionListener listener,
                                     ProcessBuilder.Redirect output, java.util.function.Consumer<Process> started)
            throws IOException {
        Path agentJar = AgentJar.verifiedCopy(AgentJar.locate());
        try (LinkServer server = LinkServer.open()) {
            LaunchedProgram program = LaunchedProgram.start(command, agentJar, agentOptions(server, settings), output);
            try {
                started.accept(program.process());
                // An accept that waits for a program that is gone would only end with its timeout. Not at once: the
                // hello of a program that exits right after its agent connected may still be on its way.
                program.process().onExit().thenRunAsync(() -> closeQuietly(server),
                        CompletableFuture.delayedExecutor(EXITED_HELLO_GRACE.toMillis(), TimeUnit.MILLISECONDS));
                LinkConnection connection;
                try {
                    // JVM start-up on a busy machine can be slow; premain runs before the program's main.
                    connection = server.accept(settings.connectTimeout().compareTo(LAUNCH_CONNECT_TIMEOUT) > 0
                            ? settings.connectTimeout() : LAUNCH_CONNECT_TIMEOUT);
                } catch (IOException e) {
                    if (!program.process().isAlive()) {
                        throw new IOException("process " + program.pid() + " exited with code "
                                + program.process().exitValue() + " before its agent connected (see its output)", e);
                    }
                    throw new IOException("the agent in process " + program.pid() + " did not connect: "
                            + e.getMessage() + "; stopped the program", e);
                }
                program.forgetAgentOptions();
                configure(connection, settings);
                Hello hello = connection.hello();
                LiveSession session = new LiveSession(program.pid(), hello,
                        new AttachResult(program.pid(), hello.javaVersion(), hello.vmName(), false), connection,
                        listener, program);
                session.startReading();
                return session;
            } catch (IOException | RuntimeException e) {
                program.stop(STOP_GRACE);
                throw e;
            }
        }
    }

    /** How long a launched program gets to end on its own when it is stopped, before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration LAUNCH_CONNECT_TIMEOUT = Duration.ofSeconds(60);
    /** How long a hello may still arrive after the launched program exited. */
    private static final Duration EXITED_HELLO_GRACE = Duration.ofSeconds(2);

    private static String agentOptions(LinkServer server, SessionSettings settings) {
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
        return AgentOptions.format(options);
    }

    private static void configure(LinkConnection connection, SessionSettings settings) throws IOException {
        try {
            connection.send(new Configure(settings.graceMillis(), settings.ignoreGlobs(), settings.watchRules()));
        } catch (IOException e) {
            connection.close();
            throw e;
        }
    }

    private static void closeQuietly(LinkServer server) {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing only to wake the accept up.
        }
    }

    /** The program this session started ({@link #launch}); empty for a session that attached to a running JVM. */
    public Optional<LaunchedProgram> launched() {
        return Optional.ofNullable(launched);
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
            return new SessionEnd(SessionEnd.Kind.TARGET_EXITED, exited());
        }
        return new SessionEnd(SessionEnd.Kind.AGENT_LEFT, "the agent in process " + pid + " ended the session: " + reason);
    }

    private SessionEnd endOfLink(String what) {
        if (detachRequested.get()) {
            return new SessionEnd(SessionEnd.Kind.DETACHED, "detached from process " + pid);
        }
        if (!isTargetAlive()) {
            return new SessionEnd(SessionEnd.Kind.TARGET_EXITED, exited());
        }
        return new SessionEnd(SessionEnd.Kind.LINK_LOST, what + " while process " + pid + " is still running");
    }

    /** "process N exited", with its exit code when this session started it and it ends within a moment. */
    private String exited() {
        if (launched != null) {
            try {
                if (launched.process().waitFor(TARGET_EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    launched.forgetAgentOptions();
                    return "process " + pid + " exited with code " + launched.process().exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return "process " + pid + " exited";
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
