package dev.leakinspector.session;

import dev.leakinspector.protocol.ObjectDeallocated;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed's bounded backlog, with real threads: a sender waits while a drainer makes room and loses nothing;
 * nobody draining, a thread that drains, or an interrupt never keeps a sender waiting longer than the feed's wait.
 */
class SessionFeedTest {
    private static final int LIMIT = 100;
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Sends {@code count} reports with watch ids from 1 on a new thread, which it returns started. */
    private static Thread sender(SessionFeed feed, int count, AtomicReference<Throwable> failure) {
        Thread thread = new Thread(() -> {
            try {
                for (int i = 1; i <= count; i++) {
                    feed.onMessage(SessionModelTest.leak(i, "com.acme.Page" + (i % 7)));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "test-sender");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the sender should wait, but is " + thread.getState());
            Thread.sleep(1);
        }
    }

    @Test
    void aSenderWaitsForTheDrainsOnceTheBacklogIsFullAndLosesNothing() throws Exception {
        SessionModel model = new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED);
        SessionFeed feed = new SessionFeed(() -> { }, LIMIT, MINUTE_NANOS);
        feed.drainInto(model, 0); // this thread drains from now on
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread sender = sender(feed, 1_000, failure);

        awaitWaiting(sender);
        assertEquals(LIMIT, feed.backlog(), "the sender stops at the limit, however far the drains are behind");
        assertEquals(LIMIT / 2, feed.drainInto(model, LIMIT / 2));
        int maxBacklog = 0;
        while (sender.isAlive() || feed.backlog() > 0) {
            maxBacklog = Math.max(maxBacklog, feed.backlog());
            feed.drainInto(model, 7);
        }
        assertEquals(null, failure.get());
        assertTrue(maxBacklog <= LIMIT, "backlog " + maxBacklog);
        assertEquals(1_000, model.rows().size(), "every report arrived");
        for (int i = 0; i < 1_000; i++) {
            assertEquals(i + 1, model.rows().get(i).watchId(), "in the order sent");
        }
    }

    @Test
    void withNobodyDrainingASenderWaitsOnceAndThenQueuesEverything() throws Exception {
        long wait = TimeUnit.MILLISECONDS.toNanos(500);
        SessionFeed feed = new SessionFeed(() -> { }, LIMIT, wait);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        Thread sender = sender(feed, 1_000, failure);
        sender.join(TimeUnit.SECONDS.toMillis(20));
        long took = System.nanoTime() - start;
        assertEquals(null, failure.get());
        assertEquals(1_000, feed.backlog(), "nothing is dropped when no window drains (yet)");
        assertTrue(took >= wait, "the sender waited for a drain first");
        assertTrue(took < 10 * wait, "and once only: " + took / 1_000_000 + " ms");

        // A drain brings the bound back: the next sender waits again once the backlog is over it.
        SessionModel model = new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED);
        assertEquals(1_000, feed.drainInto(model, 1_000));
        Thread again = new Thread(() -> {
            for (int i = 1_001; i <= 1_000 + LIMIT + 1; i++) {
                feed.onMessage(SessionModelTest.leak(i, "x.Y"));
            }
        }, "test-sender-2");
        again.setDaemon(true);
        again.start();
        awaitWaiting(again);
        assertEquals(LIMIT, feed.backlog());
        again.join(TimeUnit.SECONDS.toMillis(20));
        assertEquals(LIMIT + 1, feed.backlog());
    }

    @Test
    void theDrainingThreadNeverWaitsForItself() {
        SessionModel model = new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED);
        long wait = TimeUnit.SECONDS.toNanos(5);
        SessionFeed feed = new SessionFeed(() -> { }, LIMIT, wait);
        feed.drainInto(model, 1);
        long start = System.nanoTime();
        for (int i = 1; i <= 3 * LIMIT; i++) {
            feed.onMessage(new ObjectDeallocated(i, 10)); // e.g. a conclusion recorded on the UI thread
        }
        assertTrue(System.nanoTime() - start < wait / 2, "the thread that drains did not wait for a drain");
        assertEquals(3 * LIMIT, feed.backlog());
    }

    @Test
    void anInterruptedSenderStopsWaitingKeepsTheMessageAndTheInterrupt() throws Exception {
        SessionModel model = new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED);
        SessionFeed feed = new SessionFeed(() -> { }, LIMIT, MINUTE_NANOS);
        feed.drainInto(model, 0);
        AtomicReference<Boolean> interruptKept = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            for (int i = 1; i <= LIMIT + 1; i++) {
                feed.onMessage(SessionModelTest.leak(i, "x.Y"));
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
        }, "test-sender");
        sender.setDaemon(true);
        sender.start();
        awaitWaiting(sender);
        sender.interrupt();
        sender.join(TimeUnit.SECONDS.toMillis(20));
        assertEquals(Boolean.TRUE, interruptKept.get());
        assertEquals(LIMIT + 1, feed.backlog());
        feed.drainInto(model, 2 * LIMIT);
        assertEquals(LIMIT + 1, model.rows().size());
    }
}
