package dev.leakinspector.agent;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * How the watcher spends forced GCs on watches that fall due a moment apart (two windows closed one after the
 * other): they share one GC instead of the second waiting for the next one allowed. Real GCs, counted.
 */
class GcBatchingTest {
    private static final long GRACE_MILLIS = 300;
    private static final ViewStack STACK = ViewStack.of("Stage \"Test\"");

    private final AtomicInteger gcs = new AtomicInteger();
    private final BlockingQueue<Message> events = new LinkedBlockingQueue<>();
    private final Watcher watcher = new Watcher(GRACE_MILLIS, new GcRequester(null, () -> {
        gcs.incrementAndGet();
        System.gc();
    }, GcRequesterTotal::count), events::add);

    GcBatchingTest() {
        watcher.start();
    }

    @AfterEach
    void stop() {
        watcher.stop();
    }

    /** The JVM's collection count, as the real requester reads it. */
    private static final class GcRequesterTotal {
        static long count() {
            long count = 0;
            for (var collector : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, collector.getCollectionCount());
            }
            return count;
        }
    }

    @Test
    void twoWatchesAQuarterSecondApartShareOneGc() throws InterruptedException {
        Object first = new Object();
        Object second = new Object();
        long firstId = watcher.watch(first, "window hidden", STACK, WatchSink.NOT_WATCHED);
        Thread.sleep(250); // the scenario: the second window closes a quarter of a second after the first
        long secondId = watcher.watch(second, "window hidden", STACK, WatchSink.NOT_WATCHED);

        assertEquals(firstId, nextLeak().watchId());
        assertEquals(secondId, nextLeak().watchId());
        assertEquals(1, gcs.get(), "one GC for both; before, the first went alone and the second waited 1.5 s for another");
        assertNotNull(first);
        assertNotNull(second);
    }

    private LeakSuspected nextLeak() throws InterruptedException {
        Message next = events.poll(10, TimeUnit.SECONDS);
        return assertInstanceOf(LeakSuspected.class, next, "expected a report, got " + next);
    }
}
