package dev.leakinspector;

import dev.leakinspector.attach.AgentAttacher;
import dev.leakinspector.attach.AgentJar;
import dev.leakinspector.protocol.AgentOptions;
import dev.leakinspector.protocol.AuthToken;
import dev.leakinspector.protocol.Configure;
import dev.leakinspector.protocol.Detach;
import dev.leakinspector.protocol.FrameReader;
import dev.leakinspector.protocol.FrameWriter;
import dev.leakinspector.protocol.Hello;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.PlainTarget;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Leak Inspectors and one target: the agent loaded a second time takes over from the first session, and the
 * first one's Leak Inspector is told so at once, even when the takeover caught it in the middle of its handshake
 * (probe finding: one in 7 runs of two tools attaching at once waited 20 s and failed). And link trouble never
 * writes into the target's own standard error.
 */
class AgentTakeoverIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TAKEN_OVER = "another Leak Inspector session took over";

    private static TargetProcess startPlainTarget() throws Exception {
        TargetProcess target = TargetProcess.start(Jdks.current(), List.of(), PlainTarget.class.getName());
        target.awaitLineStartingWith("READY", TIMEOUT);
        return target;
    }

    /** Loads the agent pointing at a plain server socket of the test's, standing in for a Leak Inspector. */
    private static AuthToken loadAgentFor(TargetProcess target, ServerSocket server) throws Exception {
        AuthToken token = AuthToken.random();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("port", Integer.toString(server.getLocalPort()));
        options.put("token", token.toHex());
        new AgentAttacher().attach(target.pid(), AgentJar.locate(), AgentOptions.format(options));
        return token;
    }

    private static ServerSocket loopbackServer() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout((int) TIMEOUT.toMillis());
        return server;
    }

    private static String targetStderr(TargetProcess target) {
        String all = target.describe();
        return all.substring(all.indexOf("--- stderr ---"));
    }

    @Test
    void aSessionTakenOverInTheMiddleOfItsHandshakeIsToldWhy() throws Exception {
        try (TargetProcess target = startPlainTarget(); ServerSocket first = loopbackServer()) {
            AuthToken token = loadAgentFor(target, first);
            try (Socket link = first.accept()) {
                link.setSoTimeout((int) TIMEOUT.toMillis());
                FrameReader in = new FrameReader(new BufferedInputStream(link.getInputStream()));
                Message hello = in.read();
                assertInstanceOf(Hello.class, hello);
                assertTrue(token.matches(((Hello) hello).token()));

                // The first session waits for our answer; a second Leak Inspector attaches meanwhile.
                RecordingListener second = new RecordingListener();
                LiveSession secondSession = LiveSession.attach(target.pid(), SessionSettings.defaults(), second);
                try {
                    new FrameWriter(link.getOutputStream()).write(new Configure(2000, List.of(), List.of()));
                    assertEquals(new Detach(TAKEN_OVER), in.read(), "the first session is told why it ends");
                    assertNull(in.read());
                    second.await(Stats.class, stats -> true, TIMEOUT);
                    assertTrue(second.end().isEmpty(), "the second session goes on");
                } finally {
                    secondSession.detach("test finished");
                }
            }
            target.send("agent-threads");
            assertEquals("AGENT THREADS none", target.awaitLineStartingWith("AGENT THREADS", TIMEOUT));
            assertFalse(targetStderr(target).contains("[leak-inspector agent]"), targetStderr(target));
        }
    }

    /**
     * Probe finding: "[leak-inspector agent] link … lost" appeared in the target's own standard error. Also: the
     * agent gives up after its fifth dropped connection.
     */
    @Test
    void aLinkResetOrRefusedDuringTheHandshakeWritesNothingIntoTheTargetsStderr() throws Exception {
        try (TargetProcess target = startPlainTarget(); ServerSocket server = loopbackServer()) {
            loadAgentFor(target, server);
            // A connection dropped before any answer is tried again a few times (a crowded port drops the oldest).
            for (int attempt = 1; attempt <= 5; attempt++) {
                try (Socket link = server.accept()) {
                    assertInstanceOf(Hello.class, new FrameReader(link.getInputStream()).read(), "attempt " + attempt);
                    link.setSoLinger(true, 0); // close with a reset: the agent reads "Connection reset"
                }
            }
            target.send("agent-threads");
            assertEquals("AGENT THREADS none", target.awaitLineStartingWith("AGENT THREADS", TIMEOUT));

            loadAgentFor(target, server);
            try (Socket link = server.accept()) {
                assertInstanceOf(Hello.class, new FrameReader(link.getInputStream()).read());
                new FrameWriter(link.getOutputStream()).write(new Detach("wrong token"));
            }
            target.send("agent-threads");
            assertEquals("AGENT THREADS none", target.awaitLine(
                    line -> line.startsWith("AGENT THREADS") && target.stdoutLines().stream()
                            .filter(l -> l.startsWith("AGENT THREADS")).count() == 2, TIMEOUT));
            assertFalse(targetStderr(target).contains("[leak-inspector agent]"), targetStderr(target));
        }
    }

    /** Both tools attach at the same moment, several times over: each time one ends at once with the reason. */
    @Test
    void twoToolsAttachingAtOnceEndWithOneTakingOverAtOnce() throws Exception {
        ExecutorService tools = Executors.newFixedThreadPool(2);
        try (TargetProcess target = startPlainTarget()) {
            for (int round = 0; round < 5; round++) {
                RecordingListener a = new RecordingListener();
                RecordingListener b = new RecordingListener();
                long start = System.nanoTime();
                Future<LiveSession> first = tools.submit(() -> LiveSession.attach(target.pid(), SessionSettings.defaults(), a));
                Future<LiveSession> second = tools.submit(() -> LiveSession.attach(target.pid(), SessionSettings.defaults(), b));
                LiveSession sessionA = first.get(15, TimeUnit.SECONDS);
                LiveSession sessionB = second.get(15, TimeUnit.SECONDS);
                CompletableFuture<RecordingListener> firstToEnd = CompletableFuture.anyOf(
                        CompletableFuture.supplyAsync(() -> awaitEnd(a), tools),
                        CompletableFuture.supplyAsync(() -> awaitEnd(b), tools)).thenApply(RecordingListener.class::cast);
                RecordingListener loser = firstToEnd.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                RecordingListener survivor = loser == a ? b : a;
                SessionEnd end = loser.end().orElseThrow();
                assertEquals(SessionEnd.Kind.AGENT_LEFT, end.kind(), "round " + round + ": " + end);
                assertTrue(end.message().endsWith(TAKEN_OVER), "round " + round + ": " + end.message());
                assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "round " + round + " took too long");
                survivor.await(Stats.class, stats -> true, TIMEOUT);
                assertTrue(survivor.end().isEmpty(), "round " + round + ": the survivor goes on");
                (survivor == a ? sessionA : sessionB).detach("round finished");
                assertEquals(SessionEnd.Kind.DETACHED, survivor.awaitEnd(TIMEOUT).kind());
            }
        } finally {
            tools.shutdownNow();
        }
    }

    private static RecordingListener awaitEnd(RecordingListener listener) {
        try {
            listener.awaitEnd(TIMEOUT);
            return listener;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
