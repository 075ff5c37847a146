package dev.leakinspector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handshake over real loopback sockets; the client side is a plain socket, as the agent's will be. */
class LinkServerTest {
    private static final Duration LONG = Duration.ofSeconds(20);

    private ExecutorService background;
    private LinkServer server;

    @BeforeEach
    void open() throws IOException {
        background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "link-server-test");
            t.setDaemon(true);
            return t;
        });
        server = LinkServer.open();
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        background.shutdownNow();
    }

    /** A stand-in for the agent's end. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final FrameReader in;
        final FrameWriter out;

        Client(LinkServer server) throws IOException {
            socket = new Socket(server.host(), server.port());
            // Only a guard against a broken server hanging the test; every read below awaits a real event.
            socket.setSoTimeout((int) LONG.toMillis());
            in = new FrameReader(new BufferedInputStream(socket.getInputStream()));
            out = new FrameWriter(socket.getOutputStream());
        }

        /** Reads the server's Detach and then the end of the stream, as a rejected agent sees it. */
        String expectRejection() throws IOException {
            Message m = in.read();
            assertInstanceOf(Detach.class, m, "expected Detach, got " + m);
            assertNull(in.read(), "server should close after Detach");
            return ((Detach) m).reason();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Future<LinkConnection> acceptInBackground(Duration timeout) {
        return background.submit(() -> server.accept(timeout));
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.get(LONG.toSeconds(), TimeUnit.SECONDS);
    }

    private static Hello helloWith(AuthToken token) {
        return Samples.hello(token);
    }

    @Test
    void listensOnLoopbackWithAFreshToken() throws IOException {
        assertEquals("127.0.0.1", server.host());
        assertTrue(server.port() > 0);
        try (LinkServer other = LinkServer.open()) {
            assertFalse(other.token().matches(server.token()));
            assertTrue(other.port() != server.port());
        }
    }

    @Test
    void validHelloIsAcceptedAndTheLinkCarriesMessagesBothWays() throws Exception {
        Future<LinkConnection> accepted = acceptInBackground(LONG);
        try (Client agent = new Client(server)) {
            Hello hello = helloWith(server.token());
            agent.out.write(hello);
            LinkConnection link = await(accepted);
            try {
                assertEquals(hello, link.hello());
                assertTrue(link.isOpen());

                Configure configure = new Configure(2000, List.of("com.acme.*"), List.of());
                link.send(configure);
                assertEquals(configure, agent.in.read());

                Stats stats = new Stats(1, 2, 3, 4, 5, 6, 7);
                agent.out.write(stats);
                assertEquals(stats, link.read());

                agent.out.write(new Detach("target exiting"));
                agent.socket.shutdownOutput();
                assertEquals(new Detach("target exiting"), link.read());
                assertNull(link.read());
                assertFalse(link.isOpen());
            } finally {
                link.close();
            }
            link.close(); // idempotent
        }
    }

    @Test
    void wrongTokenIsDetachedAndALaterValidAgentIsAccepted() throws Exception {
        Future<LinkConnection> accepted = acceptInBackground(LONG);
        try (Client impostor = new Client(server)) {
            impostor.out.write(helloWith(AuthToken.random()));
            assertEquals("wrong token", impostor.expectRejection());
        }
        assertFalse(accepted.isDone(), "accept must keep waiting after a rejection");

        try (Client agent = new Client(server)) {
            agent.out.write(helloWith(server.token()));
            try (LinkConnection link = await(accepted)) {
                assertEquals(server.token(), link.hello().token());
            }
        }
    }

    @Test
    void wrongVersionIsDetachedNamingTheVersion() throws Exception {
        Future<LinkConnection> accepted = acceptInBackground(LONG);
        try (Client agent = new Client(server)) {
            agent.out.write(new Hello(Protocol.VERSION + 1, server.token(), 1, "", "", "", "", List.of(), false));
            String reason = agent.expectRejection();
            assertTrue(reason.contains("version " + (Protocol.VERSION + 1)), reason);
        }
        assertFalse(accepted.isDone());
    }

    @Test
    void firstFrameOtherThanHelloIsRejected() throws Exception {
        Future<LinkConnection> accepted = acceptInBackground(LONG);
        try (Client agent = new Client(server)) {
            agent.out.write(new Stats(1, 2, 3, 4, 5, 6, 7));
            String reason = agent.expectRejection();
            assertTrue(reason.contains("expected Hello") && reason.contains("Stats"), reason);
        }
        assertFalse(accepted.isDone());
    }

    @Test
    void garbageIsRejectedAsMalformed() throws Exception {
        Future<LinkConnection> accepted = acceptInBackground(LONG);
        try (Client agent = new Client(server)) {
            OutputStream raw = agent.socket.getOutputStream();
            raw.write(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
            raw.flush();
            String reason = agent.expectRejection();
            assertTrue(reason.startsWith("malformed hello") && reason.contains("frame length"), reason);
        }
        assertFalse(accepted.isDone());
    }

    @Test
    void silentClientIsDroppedAfterTheHelloTimeout() throws Exception {
        try (LinkServer quick = LinkServer.open(Duration.ofMillis(300))) {
            Future<LinkConnection> accepted = background.submit(() -> quick.accept(LONG));
            try (Socket silent = new Socket(quick.host(), quick.port())) {
                silent.setSoTimeout((int) LONG.toMillis());
                FrameReader in = new FrameReader(silent.getInputStream());
                assertEquals(new Detach("no hello within 300 ms"), in.read());
                assertNull(in.read());
            }
            try (Socket agent = new Socket(quick.host(), quick.port())) {
                new FrameWriter(agent.getOutputStream()).write(helloWith(quick.token()));
                try (LinkConnection link = await(accepted)) {
                    assertEquals(quick.token(), link.hello().token());
                }
            }
        }
    }

    /** Probe finding: 2-3 silent connections made the real agent wait 5 s each, until its own answer timeout. */
    @Test
    void silentClientsNeitherDelayNorEndTheRealAgent() throws Exception {
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                silent.add(new Socket(server.host(), server.port()));
            }
            long start = System.nanoTime();
            try (Client agent = new Client(server)) {
                agent.out.write(helloWith(server.token()));
                try (LinkConnection link = server.accept(LONG)) {
                    long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    // The silent clients still hold their connections: the agent did not wait for them.
                    assertTrue(tookMillis < LinkServer.DEFAULT_HELLO_TIMEOUT.toMillis(), "accept took " + tookMillis + " ms");
                    assertLinkWorks(agent, link);
                }
            }
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    /** The session goes on after the silent clients were turned away at their deadline. */
    @Test
    void silentClientsTurnedAwayLaterLeaveTheAcceptedLinkAlone() throws Exception {
        try (LinkServer quick = LinkServer.open(Duration.ofMillis(500))) {
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    silent.add(new Socket(quick.host(), quick.port()));
                }
                try (Client agent = new Client(quick)) {
                    agent.out.write(helloWith(quick.token()));
                    try (LinkConnection link = quick.accept(LONG)) {
                        for (Socket s : silent) {
                            s.setSoTimeout((int) LONG.toMillis());
                            assertEquals(new Detach("no hello within 500 ms"), new FrameReader(s.getInputStream()).read());
                        }
                        assertTrue(link.isOpen());
                        assertLinkWorks(agent, link);
                    }
                }
            } finally {
                for (Socket s : silent) {
                    s.close();
                }
            }
        }
    }

    /** Probe finding: 1,000 held connections made the attach fail after 21 s. */
    @Test
    void aThousandHeldConnectionsDoNotKeepTheRealAgentOut() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket s = new Socket();
                s.connect(new java.net.InetSocketAddress(server.host(), server.port()), (int) LONG.toMillis());
                held.add(s);
            }
            long start = System.nanoTime();
            try (Client agent = new Client(server)) {
                agent.out.write(helloWith(server.token()));
                try (LinkConnection link = server.accept(LONG)) {
                    long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    assertTrue(tookMillis < 3000, "accept took " + tookMillis + " ms");
                    assertLinkWorks(agent, link);
                }
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /** Beyond the bound, the oldest waiting connections are closed; the real agent still gets in. */
    @Test
    void connectionsBeyondTheBoundDropTheOldestWaitingOnes() throws Exception {
        try (LinkServer bounded = LinkServer.open(LONG, 4)) {
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    Socket s = new Socket(bounded.host(), bounded.port());
                    s.setSoTimeout((int) LONG.toMillis());
                    silent.add(s);
                }
                // The six oldest were dropped without a word, long before their 20 s deadline.
                for (Socket s : silent.subList(0, 6)) {
                    assertTrue(endsWithoutData(s), "an old waiting connection was not dropped");
                }
                try (Client agent = new Client(bounded)) {
                    agent.out.write(helloWith(bounded.token()));
                    try (LinkConnection link = bounded.accept(LONG)) {
                        assertLinkWorks(agent, link);
                    }
                }
            } finally {
                for (Socket s : silent) {
                    s.close();
                }
            }
        }
    }

    /**
     * Probe finding: a client sending a byte every 4 s blocked the attach as long as it kept sending. The
     * deadline is total: a client dripping a byte every 100 ms (each read well within any per-read timeout) is cut
     * off after the 3 s hello timeout all the same, and the real agent got in meanwhile.
     */
    @Test
    void aSlowDripClientIsCutOffAtTheTotalDeadlineAndNeverDelaysTheAgent() throws Exception {
        try (LinkServer quick = LinkServer.open(Duration.ofSeconds(3))) {
            try (Socket drip = new Socket(quick.host(), quick.port())) {
                drip.setSoTimeout((int) LONG.toMillis());
                byte[] helloFrame = MessageCodec.encodeFrame(helloWith(AuthToken.random()));
                Future<Integer> dripping = background.submit(() -> {
                    OutputStream out = drip.getOutputStream();
                    int sent = 0;
                    try {
                        for (; sent < helloFrame.length; sent++) {
                            out.write(helloFrame[sent]);
                            out.flush();
                            Thread.sleep(100); // the client under test is slow on purpose
                        }
                    } catch (IOException cutOff) {
                        // what we expect once the server gave up on it
                    }
                    return sent;
                });
                long start = System.nanoTime();
                try (Client agent = new Client(quick)) {
                    agent.out.write(helloWith(quick.token()));
                    try (LinkConnection link = quick.accept(LONG)) {
                        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500, "the agent waited");
                        assertLinkWorks(agent, link);
                    }
                }
                FrameReader in = new FrameReader(drip.getInputStream());
                assertEquals(new Detach("no hello within 3 s"), in.read());
                long cutOffMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                assertTrue(cutOffMillis < 8000, "cut off after " + cutOffMillis + " ms");
                assertTrue(helloFrame.length > 60, "the drip would take longer than the deadline");
                assertTrue(await(dripping) < helloFrame.length, "the drip was cut off before it finished");
            }
        }
    }

    @Test
    void wrongTokenClientsAtTheSameTimeAsTheAgentDoNotDisturbIt() throws Exception {
        List<Client> impostors = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                Client impostor = new Client(server);
                impostors.add(impostor);
                impostor.out.write(helloWith(AuthToken.random()));
            }
            try (Client agent = new Client(server)) {
                agent.out.write(helloWith(server.token()));
                try (LinkConnection link = server.accept(LONG)) {
                    for (Client impostor : impostors) {
                        assertEquals("wrong token", impostor.expectRejection());
                    }
                    assertEquals(server.token(), link.hello().token());
                    assertLinkWorks(agent, link);
                }
            }
        } finally {
            for (Client c : impostors) {
                c.close();
            }
        }
    }

    @Test
    void anOversizedHelloIsRefusedBeforeItIsBuffered() throws Exception {
        Future<LinkConnection> accepted = acceptInBackground(LONG);
        try (Client agent = new Client(server)) {
            OutputStream raw = agent.socket.getOutputStream();
            raw.write(ByteBuffer.allocate(4).putInt(Protocol.MAX_FRAME_BYTES).array());
            Future<?> flood = background.submit(() -> {
                try {
                    raw.write(new byte[Protocol.MAX_FRAME_BYTES]);
                } catch (IOException cutOff) {
                    // the server stopped reading and closed
                }
                return null;
            });
            String reason = agent.expectRejection();
            assertTrue(reason.startsWith("malformed hello") && reason.contains("larger"), reason);
            await(flood);
        }
        assertFalse(accepted.isDone());
    }

    private static boolean endsWithoutData(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static void assertLinkWorks(Client agent, LinkConnection link) throws IOException {
        Configure configure = new Configure(2000, List.of(), List.of());
        link.send(configure);
        assertEquals(configure, agent.in.read());
        Stats stats = new Stats(1, 2, 3, 4, 5, 6, 7);
        agent.out.write(stats);
        assertEquals(stats, link.read());
    }

    @Test
    void timeoutWithoutAgentSaysSo() {
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> server.accept(Duration.ofMillis(200)));
        assertEquals("no agent connected within 200 ms", e.getMessage());
    }

    @Test
    void timeoutNamesTheLastRejection() throws Exception {
        Future<LinkConnection> accepted = acceptInBackground(Duration.ofSeconds(2));
        try (Client impostor = new Client(server)) {
            impostor.out.write(helloWith(AuthToken.random()));
            impostor.expectRejection();
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(accepted));
        assertInstanceOf(SocketTimeoutException.class, e.getCause());
        assertEquals("no agent connected within 2 s (last rejected: wrong token)", e.getCause().getMessage());
    }

    @Test
    void closingTheServerEndsAWaitingAccept() throws Exception {
        Future<LinkConnection> accepted = acceptInBackground(LONG);
        server.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(accepted));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void closingAConnectionEndsABlockedRead() throws Exception {
        Future<LinkConnection> accepted = acceptInBackground(LONG);
        try (Client agent = new Client(server)) {
            agent.out.write(helloWith(server.token()));
            LinkConnection link = await(accepted);
            Future<Message> read = background.submit(link::read);
            link.close();
            assertNull(await(read));
            assertFalse(link.isOpen());
            assertNull(agent.in.read(), "the agent sees the end of the stream");
            assertThrows(IOException.class, () -> link.send(new Detach("too late")));
        }
    }
}
