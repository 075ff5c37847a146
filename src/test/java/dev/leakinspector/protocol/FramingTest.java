package dev.leakinspector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FramingTest {

    private static FrameReader reader(byte[] bytes) {
        return new FrameReader(new ByteArrayInputStream(bytes));
    }

    private static byte[] prefix(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    @Test
    void cleanEofBeforeAFrameIsNull() throws Exception {
        assertNull(reader(new byte[0]).read());

        FrameReader r = reader(MessageCodec.encodeFrame(new Detach("bye")));
        assertEquals(new Detach("bye"), r.read());
        assertNull(r.read());
        assertNull(r.read());
    }

    @Test
    void truncatedFrameIsEof() {
        byte[] frame = MessageCodec.encodeFrame(new ObjectDeallocated(1, 2));
        for (int cut = 1; cut < frame.length; cut++) {
            byte[] partial = Arrays.copyOf(frame, cut);
            assertThrows(EOFException.class, () -> reader(partial).read(), "cut at " + cut);
        }
    }

    @Test
    void lengthOutOfRangeIsAProtocolError() {
        for (int length : new int[] {0, -1, Integer.MIN_VALUE, Protocol.MAX_FRAME_BYTES + 1, Integer.MAX_VALUE}) {
            // Only the prefix is present: an EOFException would mean the reader tried to read the payload first.
            ProtocolException e = assertThrows(ProtocolException.class, () -> reader(prefix(length)).read());
            assertTrue(e.getMessage().contains(Integer.toString(length)), e.getMessage());
        }
    }

    @Test
    void oversizedLengthIsRejectedBeforeAllocating() throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter not available");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "per-thread allocation counter not supported");
        threads.setThreadAllocatedMemoryEnabled(true);

        // The prefix promises just over the limit and the stream actually holds that many bytes, so a reader
        // that allocated (or read) before checking would cost at least a megabyte here.
        byte[] stream = new byte[4 + Protocol.MAX_FRAME_BYTES + 1];
        ByteBuffer.wrap(stream).putInt(Protocol.MAX_FRAME_BYTES + 1);
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            assertThrows(ProtocolException.class, () -> reader(stream).read());
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        assertThrows(ProtocolException.class, () -> reader(stream).read());
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 64 * 1024, "rejecting an oversized frame allocated " + allocated + " bytes");
    }

    @Test
    void readsConsecutiveFramesAndLargestAllowedPayload() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        List<Message> sent = Samples.edgeCases();
        for (Message m : sent) {
            w.write(m);
        }
        FrameReader r = reader(out.toByteArray());
        for (Message m : sent) {
            assertEquals(m, r.read());
        }
        assertNull(r.read());
    }

    @Test
    void malformedPayloadInAFrameIsAProtocolError() {
        byte[] frame = ByteBuffer.allocate(6).putInt(2).put((byte) 99).put((byte) 0).array();
        ProtocolException e = assertThrows(ProtocolException.class, () -> reader(frame).read());
        assertTrue(e.getMessage().contains("unknown message type tag 99"), e.getMessage());
    }

    @Test
    void concurrentWritersNeverInterleaveFrames() throws Exception {
        int threads = 8;
        int perThread = 500;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        // Strings long enough that an unsynchronised write would be split.
                        w.write(new AgentError("thread " + id, i + ":" + "z".repeat(2000)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        FrameReader r = reader(out.toByteArray());
        Set<String> seen = new HashSet<>();
        Message m;
        while ((m = r.read()) != null) {
            AgentError e = (AgentError) m;
            assertTrue(seen.add(e.context() + "/" + e.message().substring(0, e.message().indexOf(':'))));
        }
        assertEquals(threads * perThread, seen.size());
    }

    @Test
    void oversizedMessageWritesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        assertThrows(IllegalArgumentException.class,
                () -> w.write(new Detach("d".repeat(Protocol.MAX_STRING_BYTES + 1))));
        assertEquals(0, out.size());
    }
}
