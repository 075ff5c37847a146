package dev.leakinspector.agent;

import dev.leakinspector.agent.rules.RuleInstaller;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.Configure;
import dev.leakinspector.protocol.Detach;
import dev.leakinspector.protocol.FrameReader;
import dev.leakinspector.protocol.FrameWriter;
import dev.leakinspector.protocol.HeapDumpRequest;
import dev.leakinspector.protocol.Hello;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.Protocol;
import dev.leakinspector.protocol.ProtocolException;
import dev.leakinspector.protocol.Stats;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One connection of the agent to one Leak Inspector process, from connect to detach: it owns the
 * socket, the sender, the watcher, the stats timer and the toolkit triggers, and {@link #stop}
 * undoes all of it, leaving no agent thread, listener or transformer behind.
 *
 * <p>A session stopped before its handshake finished (a second attach right after the first) still completes
 * the handshake and then says {@link Detach} with the reason, so its Leak Inspector process learns at once that
 * it was taken over instead of waiting for an agent that never comes.
 *
 * <p>Threading: {@link #start()} returns at once; the connection runs on the
 * {@code leak-inspector-link} thread. {@link #stop} may be called from any thread, any number of times; the
 * {@code onStopped} callback runs once, on the stopping thread, without any of the session's locks held.
 */
final class AgentSession {
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final int ANSWER_TIMEOUT_MILLIS = 10_000;
    /** How often the agent connects again when our process dropped it without a word (see {@link #handshake}). */
    private static final int HANDSHAKE_ATTEMPTS = 5;
    private static final long STATS_PERIOD_MILLIS = 1000;

    private final AgentConfig config;
    private final Instrumentation instrumentation;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Consumer<AgentSession> onStopped;
    /** Why the session was stopped, for the Detach the link thread still owes when it was mid-handshake. */
    private volatile String stopReason;
    /**
     * Guards creating and stopping the session's parts, so that a stop() racing with the start
     * (a second attach, the target exiting) finds and stops every part that exists. Never held
     * while waiting for the target or the network, only for our own threads to end.
     */
    private final Object lifecycle = new Object();
    private final Thread linkThread;
    private final Thread shutdownHook;
    private volatile Socket socket;
    private volatile EventSender sender;
    private volatile Watcher watcher;
    private volatile ScheduledExecutorService scheduler;
    private volatile ToolkitBinder toolkits;
    private ExecutorService heapDumps;
    private volatile RuleInstaller rules;

    /** @param onStopped told once the session has stopped, so that nothing keeps it afterwards */
    AgentSession(AgentConfig config, Instrumentation instrumentation, Consumer<AgentSession> onStopped) {
        this.config = config;
        this.instrumentation = instrumentation;
        this.onStopped = onStopped;
        this.linkThread = AgentThreads.newThread("link", this::run);
        this.shutdownHook = AgentThreads.newThread("shutdown", () -> stop("target exiting"));
    }

    void start() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        linkThread.start();
    }

    private void run() {
        try {
            // Even when already stopped (a second attach right after the first): the handshake below is how
            // the first Leak Inspector learns that it was taken over.
            Handshake handshake = handshake();
            FrameWriter writer = handshake.writer();
            FrameReader reader = handshake.reader();
            Message answer = handshake.answer();
            if (answer instanceof Detach detach) {
                AgentLog.link("Leak Inspector refused the connection: " + detach.reason());
                stop(null);
                return;
            }
            if (!(answer instanceof Configure configure)) {
                AgentLog.link("Leak Inspector answered with " + answer + " instead of a configuration");
                stop(null);
                return;
            }
            boolean takenOver;
            synchronized (lifecycle) {
                takenOver = stopped.get();
                if (!takenOver) {
                    sender = new EventSender(writer, e -> stop(null));
                    sender.start();
                }
            }
            if (takenOver) {
                sayGoodbye(writer);
                return;
            }
            // Bad options are told, not fatal: the session goes on with the defaults for them.
            config.problems().forEach(problem -> sender.offer(new AgentError("options", problem)));
            startWatching(configure);
            readRequests(reader);
            stop(null);
        } catch (IOException e) {
            if (!stopped.get()) {
                AgentLog.link("link to Leak Inspector lost: " + e.getMessage());
            }
            stop(null);
        } catch (Throwable error) {
            AgentLog.warn("agent session failed: " + error);
            stop(null);
        } finally {
            // Every way out of here is a stopped session; while the handshake ran, the socket was ours to close.
            closeQuietly(socket);
        }
    }

    /** A connection whose hello was sent; {@code answer} is null when our process closed it without one. */
    private record Handshake(FrameWriter writer, FrameReader reader, Message answer) {
    }

    /**
     * Connects, sends the hello and reads the answer. A connection closed without a word before any answer means
     * our process dropped it among a crowd of other local clients on its port (it keeps only so many waiting for
     * their hello, and drops the oldest), so the agent connects again at once, a few times within the answer
     * timeout; so does a connect that fails with a reset rather than a refusal. A refused connect, a timeout or any
     * answer end the attempts.
     */
    private Handshake handshake() throws IOException {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT_MILLIS * 1_000_000L;
        for (int attempt = 1; ; attempt++) {
            socket = new Socket();
            boolean lastAttempt = attempt == HANDSHAKE_ATTEMPTS;
            try {
                // Inside the try: a connection our process accepted and reset at once can fail the connect itself
                // ("Connection reset by peer"), or setting an option, before a byte was sent.
                socket.connect(new InetSocketAddress(config.host(), config.port()), CONNECT_TIMEOUT_MILLIS);
                socket.setTcpNoDelay(true);
                FrameWriter writer = new FrameWriter(new BufferedOutputStream(socket.getOutputStream()));
                FrameReader reader = new FrameReader(new BufferedInputStream(socket.getInputStream()));
                writer.write(hello());
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                Message answer = reader.read();
                if (answer != null || lastAttempt || System.nanoTime() >= deadline) {
                    socket.setSoTimeout(0);
                    return new Handshake(writer, reader, answer);
                }
            } catch (ConnectException | SocketTimeoutException | ProtocolException notDropped) {
                // Refused (nobody listens), too slow, or a wrong answer: trying again would not help.
                throw notDropped;
            } catch (IOException dropped) {
                if (lastAttempt || System.nanoTime() >= deadline) {
                    throw dropped;
                }
            }
            closeQuietly(socket);
        }
    }

    /** The session was stopped while it connected: tell our process why, then leave. */
    private void sayGoodbye(FrameWriter writer) {
        try {
            String reason = stopReason;
            writer.write(new Detach(reason == null ? "detached" : reason));
            socket.shutdownOutput();
        } catch (IOException e) {
            AgentLog.link("could not tell Leak Inspector that the session was taken over: " + e.getMessage());
        }
    }

    private Hello hello() {
        String command = System.getProperty("sun.java.command", "");
        String mainClass = command.isBlank() ? "" : command.strip().split("\\s+")[0];
        return new Hello(Protocol.VERSION, config.token(), ProcessHandle.current().pid(),
                System.getProperty("java.version", ""), System.getProperty("java.vm.name", ""), mainClass,
                AgentVersion.current(), ToolkitBinder.loadedToolkits(instrumentation), ExplicitGc.isDisabled());
    }

    /** Creates and starts everything under the lifecycle lock, so a concurrent stop() finds all of it. */
    private void startWatching(Configure configure) {
        synchronized (lifecycle) {
            if (!stopped.get()) {
                startWatchingLocked(configure);
            }
        }
    }

    private void startWatchingLocked(Configure configure) {
        scheduler = Executors.newSingleThreadScheduledExecutor(AgentThreads.factory("scheduler"));
        // With -XX:+DisableExplicitGC a request does nothing, and a GC the program ran at that moment
        // must not pass for ours.
        String noGcBecause = !config.gcEnabled() ? "the agent option gc=false"
                : ExplicitGc.isDisabled() ? "-XX:+DisableExplicitGC" : null;
        watcher = new Watcher(config.graceMillis(), new GcRequester(noGcBecause), sender::offer);
        watcher.start();
        // Before the toolkits, whose start announces "watching": a program waiting for that (the demo)
        // must find its rule classes advised. The configure's ignore globs and rules are the ones that
        // count (our process sends the same as in the options); nothing is watched before it is applied.
        rules = new RuleInstaller(instrumentation, watcher, scheduler);
        apply(configure);
        toolkits = new ToolkitBinder(instrumentation, watcher, scheduler);
        toolkits.start(() -> {
            if (!stopped.get()) {
                AgentVersion.announceState("watching");
            }
        });
        scheduler.scheduleAtFixedRate(this::sendStats, 0, STATS_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void apply(Configure configure) {
        watcher.setGraceMillis(configure.graceMillis());
        watcher.setIgnoreRules(IgnoreRules.withBuiltIns(configure.ignoreGlobs()));
        RuleInstaller currentRules = rules;
        if (currentRules != null) {
            currentRules.update(configure.watchRules()).forEach(problem -> sender.offer(new AgentError("rules", problem)));
        }
    }

    private void readRequests(FrameReader reader) throws IOException {
        Message request;
        while ((request = reader.read()) != null) {
            if (request instanceof Configure configure) {
                apply(configure);
            } else if (request instanceof Detach) {
                return;
            } else if (request instanceof HeapDumpRequest dump) {
                // Never on this thread: the link must keep reading (a detach, say) while the target dumps.
                heapDumps().execute(() -> sender.offer(HeapDumper.dump(dump)));
            } else {
                sender.offer(new AgentError("link", "unexpected request " + request.getClass().getSimpleName()));
            }
        }
    }

    /** The heap-dump thread, created on the first request. */
    private synchronized ExecutorService heapDumps() {
        if (heapDumps == null) {
            heapDumps = Executors.newSingleThreadExecutor(AgentThreads.factory("heapdump"));
        }
        return heapDumps;
    }

    private void sendStats() {
        try {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            Watcher currentWatcher = watcher;
            sender.offer(new Stats(System.currentTimeMillis(), heap.getUsed(), heap.getMax(),
                    currentWatcher.liveWatches(), currentWatcher.pendingWatches(), currentWatcher.reportedLeaks(),
                    sender.dropped() + currentWatcher.droppedWatches()));
        } catch (Throwable error) {
            AgentLog.warn("stats failed: " + error);
        }
    }

    /**
     * Ends the session: tells our process why (when {@code reason} is not null and the link is up),
     * removes triggers and transformer, forgets every watch, stops every agent thread.
     */
    void stop(String reason) {
        boolean stoppedNow;
        synchronized (lifecycle) {
            stoppedNow = stopLocked(reason);
        }
        if (stoppedNow) {
            onStopped.accept(this);
        }
    }

    /** @return whether this call stopped the session (false when it was stopped already) */
    private boolean stopLocked(String reason) {
        if (stopped.get()) {
            return false;
        }
        // Before the flag: the link thread reads it once it sees the flag.
        stopReason = reason;
        stopped.set(true);
        AgentVersion.announceState("detached");
        closeQuietly(toolkits);
        // While the watcher still runs: restoring the classes may report a problem through it.
        closeQuietly(rules);
        if (scheduler != null) {
            scheduler.shutdownNow();
            awaitTermination(scheduler);
        }
        if (watcher != null) {
            watcher.stop();
        }
        synchronized (this) {
            if (heapDumps != null) {
                // A dump under way finishes on its own (the JVM cannot stop one); nothing new starts.
                heapDumps.shutdown();
            }
        }
        if (sender != null) {
            sender.finish(new Detach(reason == null ? "detached" : reason), 500);
            closeQuietly(socket);
        } else if (Thread.currentThread() == linkThread || !linkThread.isAlive()) {
            closeQuietly(socket);
        }
        // Otherwise the link thread is mid-handshake: it says goodbye with the reason and closes the socket.
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting; the hook is running or about to, and will find us stopped.
            }
        }
        if (Thread.currentThread() != linkThread) {
            linkThread.interrupt();
        }
        return true;
    }

    private static void awaitTermination(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            AgentLog.warn("could not close " + closeable.getClass().getSimpleName() + ": " + e);
        }
    }
}
