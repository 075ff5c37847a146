package dev.leakinspector.agent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a GC request counts as confirmed, what a report says when none ran, and when a request is made. */
class GcRequesterTest {
    private static final long TIMEOUT_SECONDS = 10;

    @Test
    void aRealGcOnThisJvmIsConfirmed() {
        GcRequester requester = new GcRequester((String) null);

        assertTrue(requester.collect(), "this JVM runs requested GCs (no -XX:+DisableExplicitGC in the test JVM)");
        assertEquals("", requester.skippedBecause());
    }

    /** JDK 17 skips a requested full GC while a thread is in a JNI critical region: asking again confirms it. */
    @Test
    void aRequestThatRanNoCollectionIsRepeatedUntilOneRuns() {
        AtomicLong collections = new AtomicLong();
        AtomicInteger requests = new AtomicInteger();
        GcRequester requester = new GcRequester(null, () -> {
            if (requests.incrementAndGet() == 3) {
                collections.incrementAndGet();
            }
        }, collections::get);

        assertTrue(requester.collect());
        assertEquals(3, requests.get());
        assertEquals("", requester.skippedBecause());
    }

    @Test
    void requestsThatNeverRunAGcAreBoundedAndSaySo() {
        AtomicInteger requests = new AtomicInteger();
        GcRequester requester = new GcRequester(null, requests::incrementAndGet, () -> 7);
        long started = System.nanoTime();

        assertFalse(requester.collect());
        assertTrue(requests.get() > 1 && requests.get() <= 5, requests + " requests");
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "bounded");
        assertTrue(requester.skippedBecause().startsWith("the JVM ran none of 5 GC requests"), requester.skippedBecause());
    }

    @Test
    void aDisabledRequesterSaysWhyAndNeverAsks() {
        AtomicInteger requests = new AtomicInteger();
        GcRequester requester = new GcRequester("-XX:+DisableExplicitGC", requests::incrementAndGet, () -> 0);

        assertFalse(requester.collect());
        assertEquals(0, requests.get());
        assertEquals("-XX:+DisableExplicitGC", requester.skippedBecause());
    }

    /**
     * A UI thread is in the middle of a frame when the watcher wants a GC: the request waits until the frame's work
     * is done and the release queued behind it ran.
     */
    @Test
    void aGcIsRequestedOnlyOnceTheUiThreadIsBetweenFrames() throws Exception {
        try (TestUiThread ui = new TestUiThread().inFrame()) {
            AtomicLong collections = new AtomicLong();
            AtomicBoolean requestedInsideTheFrame = new AtomicBoolean();
            GcRequester requester = new GcRequester(null, () -> {
                requestedInsideTheFrame.compareAndSet(false, !ui.frameEnded());
                collections.incrementAndGet();
            }, collections::get);
            requester.addUiThread(ui);

            CompletableFuture<Boolean> collected = CompletableFuture.supplyAsync(requester::collect);
            ui.awaitFirstTask();
            assertEquals(0, collections.get(), "no GC while the UI thread is in its frame");
            ui.endFrame();

            assertTrue(collected.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertEquals(1, collections.get());
            assertFalse(requestedInsideTheFrame.get(), "the GC came after the frame's work");
        }
    }

    /**
     * A late UI thread has its next frame queued already when it runs the release (here queued while the frame in
     * progress was running): the GC waits for that frame's work too, then comes at once. The next frame lasts 20 ms,
     * or less if a GC request comes meanwhile (the old code asked as soon as the first frame was over).
     */
    @Test
    void aFrameQueuedBehindTheReleaseRunsBeforeTheGc() throws Exception {
        try (TestUiThread ui = new TestUiThread().inFrame()) {
            CountDownLatch gcRequested = new CountDownLatch(1);
            AtomicBoolean nextFrameEnded = new AtomicBoolean();
            AtomicLong collections = new AtomicLong();
            AtomicBoolean requestedInsideTheNextFrame = new AtomicBoolean();
            GcRequester requester = new GcRequester(null, () -> {
                requestedInsideTheNextFrame.compareAndSet(false, !nextFrameEnded.get());
                gcRequested.countDown();
                collections.incrementAndGet();
            }, collections::get);
            requester.addUiThread(ui);

            CompletableFuture<Boolean> collected = CompletableFuture.supplyAsync(requester::collect);
            ui.awaitFirstTask();
            ui.post(() -> { // the next pulse, posted while the first one ran late
                try {
                    gcRequested.await(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                nextFrameEnded.set(true);
            });
            ui.endFrame();

            assertTrue(collected.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertFalse(requestedInsideTheNextFrame.get(), "the GC came after the frame queued behind the release");
        }
    }

    /** A UI thread that is blocked (or just busy) holds a request up only briefly; the GC is then requested anyway. */
    @Test
    void aBlockedUiThreadDelaysTheRequestOnlyBriefly() throws Exception {
        try (TestUiThread ui = new TestUiThread().inFrame()) {
            AtomicLong collections = new AtomicLong();
            AtomicInteger requests = new AtomicInteger();
            GcRequester requester = new GcRequester(null, () -> {
                if (requests.incrementAndGet() == 2) {
                    collections.incrementAndGet(); // the first request ran none: the retry must not wait again
                }
            }, collections::get);
            requester.addUiThread(ui);
            long started = System.nanoTime();

            assertTrue(requester.collect());

            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(2, requests.get());
            assertTrue(waitedMillis >= GcRequester.BETWEEN_FRAMES_WAIT_MILLIS, waitedMillis + " ms");
            assertTrue(waitedMillis < GcRequester.BETWEEN_FRAMES_WAIT_MILLIS + 1000, waitedMillis + " ms: waited once, briefly");
        }
    }

    /**
     * With a collector that stops the world, the request is made on the UI thread itself, between two of its events:
     * not while it is in a frame, and not by the watcher.
     */
    @Test
    void aStopTheWorldGcIsRequestedOnTheUiThreadBetweenItsEvents() throws Exception {
        try (TestUiThread ui = new TestUiThread().inFrame()) {
            AtomicLong collections = new AtomicLong();
            AtomicBoolean requestedElsewhere = new AtomicBoolean();
            GcRequester requester = new GcRequester(null, () -> {
                requestedElsewhere.compareAndSet(false, !ui.isCurrent() || !ui.frameEnded());
                collections.incrementAndGet();
            }, collections::get, true);
            requester.addUiThread(ui);

            CompletableFuture<Boolean> collected = CompletableFuture.supplyAsync(requester::collect);
            ui.awaitFirstTask();
            assertEquals(0, collections.get(), "no GC while the UI thread is in its frame");
            ui.endFrame();

            assertTrue(collected.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertEquals(1, collections.get());
            assertFalse(requestedElsewhere.get(), "requested on the UI thread, after its frame");
        }
    }

    /**
     * A UI thread that does not come to the task in time gets no GC late: the watcher asks on its own, and the
     * task, when the UI thread finally runs it, does nothing.
     */
    @Test
    void aBusyUiThreadIsNotAskedLateTheWatcherAsksInstead() throws Exception {
        try (TestUiThread ui = new TestUiThread().inFrame()) {
            AtomicLong collections = new AtomicLong();
            AtomicInteger onUiThread = new AtomicInteger();
            GcRequester requester = new GcRequester(null, () -> {
                if (ui.isCurrent()) {
                    onUiThread.incrementAndGet();
                }
                collections.incrementAndGet();
            }, collections::get, true);
            requester.addUiThread(ui);

            assertTrue(requester.collect());
            ui.endFrame();
            ui.awaitIdle(); // the UI thread ran our late task

            assertEquals(1, collections.get(), "one GC, by the watcher");
            assertEquals(0, onUiThread.get());
        }
    }

    /**
     * A UI thread that stays hung after a task was given up on gets no second task queued behind the first: the next
     * collect asks at once, without waiting for it again.
     */
    @Test
    void aUiThreadStillHungGetsNoMoreTasksAndIsNotWaitedForAgain() throws Exception {
        try (TestUiThread ui = new TestUiThread().inFrame()) {
            AtomicLong collections = new AtomicLong();
            GcRequester requester = new GcRequester(null, collections::incrementAndGet, collections::get, true);
            requester.addUiThread(ui);

            assertTrue(requester.collect());
            long started = System.nanoTime();
            assertTrue(requester.collect());

            assertEquals(1, ui.tasksQueued(), "no second task behind the one the UI thread has not reached");
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < GcRequester.BETWEEN_FRAMES_WAIT_MILLIS,
                    "the hung UI thread is not waited for again");
            ui.endFrame();
            ui.awaitIdle(); // the UI thread reached the old task
            assertTrue(requester.collect());
            assertEquals(2, ui.tasksQueued(), "a UI thread that came back gets its requests again");
            assertEquals(3, collections.get());
        }
    }

    /** Detaching interrupts the watcher while it waits for the UI thread: that collect ends without a GC. */
    @Test
    void anInterruptWhileWaitingForTheUiThreadEndsTheCollectWithoutAGc() throws Exception {
        for (boolean onUiThread : new boolean[] {true, false}) {
            AtomicLong collections = new AtomicLong();
            CountDownLatch queued = new CountDownLatch(1);
            GcRequester requester = new GcRequester(null, collections::incrementAndGet, collections::get, onUiThread);
            requester.addUiThread(neverRun -> queued.countDown()); // a hung UI thread: its tasks never run
            CompletableFuture<Boolean> collected = new CompletableFuture<>();
            Thread watcher = new Thread(() -> collected.complete(requester.collect()));
            watcher.start();
            assertTrue(queued.await(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            watcher.interrupt();

            assertFalse(collected.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), "on the UI thread: " + onUiThread);
            assertEquals(0, collections.get(), "no GC requested once stopping (on the UI thread: " + onUiThread + ")");
        }
    }

    @Test
    void thisJvmsCollectorStopsTheWorldForARequestedGc() {
        assertTrue(ExplicitGc.stopsTheWorld(), "the tests run on G1 without -XX:+ExplicitGCInvokesConcurrent");
    }

    /** From JDK 21, G1's requested GC waits for JNI critical regions: never on a UI thread there. */
    @Test
    void aGcIsRequestedOnAUiThreadOnlyWhereTheRequestNeverWaitsForCriticalRegions() {
        assertTrue(ExplicitGc.mayRequestOnUiThread(17, true));
        assertTrue(ExplicitGc.mayRequestOnUiThread(19, true));
        assertFalse(ExplicitGc.mayRequestOnUiThread(20, true));
        assertFalse(ExplicitGc.mayRequestOnUiThread(21, true));
        assertFalse(ExplicitGc.mayRequestOnUiThread(17, false), "a concurrent collector");
    }

    /** A toolkit that is gone (its queue throws) and one removed at detach are not waited for. */
    @Test
    void aGoneOrRemovedUiThreadIsNotWaitedFor() {
        AtomicLong collections = new AtomicLong();
        GcRequester requester = new GcRequester(null, collections::incrementAndGet, collections::get);
        BetweenFrames neverRuns = release -> { };
        requester.addUiThread(release -> {
            throw new IllegalStateException("Toolkit has exited");
        });
        requester.addUiThread(neverRuns);
        requester.removeUiThread(neverRuns);
        long started = System.nanoTime();

        assertTrue(requester.collect());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < GcRequester.BETWEEN_FRAMES_WAIT_MILLIS,
                "not waited for");
    }
}
