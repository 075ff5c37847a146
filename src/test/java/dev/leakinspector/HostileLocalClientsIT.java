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
import dev.leakinspector.protocol.LinkConnection;
import dev.leakinspector.protocol.LinkServer;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.PlainTarget;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Probe finding 3, end to end: while our process waits for its agent, other local clients crowd its port (silent
 * connections, a thousand held ones, one dripping a byte at a time, impostors with a wrong token). The real agent,
 * loaded into a real target, still connects at once, and its session outlives every one of those clients' deadlines
 * (the agent gives up on an unanswered hello after 10 s; the silent clients used to make it wait that long).
 */
class HostileLocalClientsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theRealAgentConnectsPromptlyThroughACrowdOfHostileClientsAndItsSessionGoesOn() throws Exception {
        ExecutorService drip = Executors.newSingleThreadExecutor();
        List<Socket> hostile = new ArrayList<>();
        try (TargetProcess target = TargetProcess.start(Jdks.current(), List.of(), PlainTarget.class.getName());
             LinkServer server = LinkServer.open()) {
            target.awaitLineStartingWith("READY", TIMEOUT);
            // First the thousand held ones; the newest waiting connections are the others below.
            for (int i = 0; i < 1000; i++) {
                hostile.add(connect(server));
            }
            for (int i = 0; i < 3; i++) {
                hostile.add(connect(server));
            }
            for (int i = 0; i < 5; i++) {
                Socket impostor = connect(server);
                new FrameWriter(impostor.getOutputStream()).write(new Hello(2, AuthToken.random(), 1, "", "", "", "",
                        List.of(), false));
                hostile.add(impostor);
            }
            Socket dripping = connect(server);
            hostile.add(dripping);
            drip.submit(() -> {
                OutputStream out = dripping.getOutputStream();
                try {
                    for (int i = 0; i < 100; i++) {
                        out.write(0);
                        out.flush();
                        Thread.sleep(500); // slow on purpose: that is the attack
                    }
                } catch (IOException cutOff) {
                    // the server gave up on it, as it should
                }
                return null;
            });

            long start = System.nanoTime();
            Map<String, String> options = new LinkedHashMap<>();
            options.put("port", Integer.toString(server.port()));
            options.put("token", server.token().toHex());
            new AgentAttacher().attach(target.pid(), AgentJar.locate(), AgentOptions.format(options));
            try (LinkConnection link = server.accept(TIMEOUT)) {
                long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertTrue(tookMillis < LinkServer.DEFAULT_HELLO_TIMEOUT.toMillis(), "the agent got in after " + tookMillis + " ms");
                link.send(new Configure(2000, List.of(), List.of()));
                awaitStats(link);

                // Past every hostile client's deadline, and past the agent's own 10 s wait for an answer.
                dripping.setSoTimeout((int) TIMEOUT.toMillis());
                assertInstanceOf(Detach.class, new FrameReader(dripping.getInputStream()).read(), "the drip was cut off");
                long sinceStart = System.nanoTime();
                while (Duration.ofNanos(System.nanoTime() - sinceStart).toSeconds() < 11) {
                    awaitStats(link); // one a second: the link is alive throughout
                }
                assertTrue(link.isOpen());
                link.send(new Detach("test finished"));
            }
            target.send("agent-threads");
            assertEquals("AGENT THREADS none", target.awaitLineStartingWith("AGENT THREADS", TIMEOUT));
            String all = target.describe();
            assertFalse(all.substring(all.indexOf("--- stderr ---")).contains("[leak-inspector agent]"), all);
        } finally {
            drip.shutdownNow();
            for (Socket s : hostile) {
                s.close();
            }
        }
    }

    /**
     * Under a flood of connections our process may drop even the real agent's before reading its hello (it keeps
     * only the newest few waiting): the agent then connects again instead of giving up.
     */
    @Test
    void anAgentDroppedWithoutAWordBeforeItsHelloWasReadConnectsAgain() throws Exception {
        try (TargetProcess target = TargetProcess.start(Jdks.current(), List.of(), PlainTarget.class.getName());
             ServerSocket server = new ServerSocket()) {
            target.awaitLineStartingWith("READY", TIMEOUT);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.setSoTimeout((int) TIMEOUT.toMillis());
            AuthToken token = AuthToken.random();
            Map<String, String> options = new LinkedHashMap<>();
            options.put("port", Integer.toString(server.getLocalPort()));
            options.put("token", token.toHex());
            new AgentAttacher().attach(target.pid(), AgentJar.locate(), AgentOptions.format(options));
            try (Socket dropped = server.accept()) {
                dropped.setSoLinger(true, 0); // dropped the way a crowded server drops: a reset
            }
            try (Socket second = server.accept()) {
                second.setSoTimeout((int) TIMEOUT.toMillis());
                FrameReader in = new FrameReader(new BufferedInputStream(second.getInputStream()));
                Message hello = in.read();
                assertInstanceOf(Hello.class, hello);
                assertTrue(token.matches(((Hello) hello).token()));
                FrameWriter out = new FrameWriter(second.getOutputStream());
                out.write(new Configure(2000, List.of(), List.of()));
                Message m;
                do {
                    m = in.read();
                    assertTrue(m != null, "the agent left");
                } while (!(m instanceof Stats));
                out.write(new Detach("test finished"));
            }
            target.send("agent-threads");
            assertEquals("AGENT THREADS none", target.awaitLineStartingWith("AGENT THREADS", TIMEOUT));
        }
    }

    private static Socket connect(LinkServer server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(server.host(), server.port()), (int) TIMEOUT.toMillis());
        return s;
    }

    private static void awaitStats(LinkConnection link) throws IOException {
        Message m;
        do {
            m = link.read();
            assertTrue(m != null, "the link ended");
        } while (!(m instanceof Stats));
    }
}
