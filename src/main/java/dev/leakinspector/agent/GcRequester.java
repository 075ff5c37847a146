package dev.leakinspector.agent;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Asks the JVM for a full collection and tells whether one really ran, and if not, why: with
 * {@code -XX:+DisableExplicitGC} (or {@code gc=false}) {@link System#gc()} does nothing, and reports
 * must then say they are not confirmed by a GC.
 *
 * <p>A request can also come to nothing on a JVM that allows it: on JDK 17 a full GC requested while
 * another thread is inside a JNI critical region (the GC locker; Java2D and JavaFX rendering enter
 * such regions all the time) is silently skipped, and {@link System#gc()} returns without a
 * collection. That is why busy GUI programs got reports "not confirmed by a GC" without
 * {@code -XX:+DisableExplicitGC}. The requester therefore asks again a few times with short pauses
 * (at most about half a second in all) until the collection counts show that one ran.
 *
 * <p>A GC stops the whole target, its UI thread too: one that starts in the middle of a frame's work makes that
 * frame late by the whole pause. So while a toolkit is bound, each request waits until the UI thread has run a
 * release queued just before ({@link BetweenFrames}), i.e. has finished the frame in progress, and is made at once
 * then, between two frames. The wait is short ({@value #BETWEEN_FRAMES_WAIT_MILLIS} ms at most): a busy or blocked
 * UI thread never holds the watcher up for long, and the request is then made anyway.
 *
 * <p>{@link #collect()} is called only from the watcher thread; the UI threads are added and removed on any.
 */
final class GcRequester {
    /** Pauses between requests that ran no collection; their sum bounds how long the watcher waits. */
    private static final long[] RETRY_PAUSES_MILLIS = {0, 20, 50, 100, 300};
    /**
     * How long a request waits for the UI threads to be between frames. A frame's work rarely takes longer; a UI
     * thread that does is busy with the program's own work, and the GC would stop it anyway.
     */
    static final long BETWEEN_FRAMES_WAIT_MILLIS = 100;

    private final String disabledBecause;
    private final Runnable requestGc;
    private final LongSupplier collectionCount;
    private final List<BetweenFrames> uiThreads = new CopyOnWriteArrayList<>();
    private String skippedBecause;

    /** A requester that may ask for GCs ({@code enabled}), or that never does, with no reason given. */
    GcRequester(boolean enabled) {
        this(enabled ? null : "GC requests are off");
    }

    /** @param disabledBecause why the agent must not ask for GCs (e.g. "-XX:+DisableExplicitGC"), or null when it may */
    GcRequester(String disabledBecause) {
        this(disabledBecause, System::gc, GcRequester::totalCollectionCount);
    }

    /** For tests: what a request does, and how collections are counted. */
    GcRequester(String disabledBecause, Runnable requestGc, LongSupplier collectionCount) {
        this.disabledBecause = disabledBecause;
        this.requestGc = requestGc;
        this.collectionCount = collectionCount;
        this.skippedBecause = disabledBecause == null ? "" : disabledBecause;
    }

    /**
     * Runs one GC if allowed. Weak references to unreachable objects are cleared by the time this
     * returns (clearing is part of the collection; only their enqueueing is asynchronous).
     *
     * @return whether a collection is known to have run; if not, {@link #skippedBecause()} says why
     */
    boolean collect() {
        if (disabledBecause != null) {
            skippedBecause = disabledBecause;
            return false;
        }
        long started = System.nanoTime();
        boolean waitForUi = true;
        for (long pause : RETRY_PAUSES_MILLIS) {
            if (pause > 0 && !sleep(pause)) {
                break;
            }
            // A UI thread that kept the watcher waiting once is busy: the retries do not wait for it again.
            waitForUi = waitForUi && awaitUiThreadsBetweenFrames();
            long before = collectionCount.getAsLong();
            requestGc.run();
            if (collectionCount.getAsLong() > before) {
                skippedBecause = "";
                return true;
            }
        }
        skippedBecause = "the JVM ran none of " + RETRY_PAUSES_MILLIS.length + " GC requests within "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                + " ms (a thread in a JNI critical region holds GCs off)";
        return false;
    }

    /** From now on, requests wait until this UI thread is between frames. Any thread. */
    void addUiThread(BetweenFrames uiThread) {
        uiThreads.add(uiThread);
    }

    /** Requests no longer wait for this UI thread. Any thread; a release it still has queued stays harmless. */
    void removeUiThread(BetweenFrames uiThread) {
        uiThreads.remove(uiThread);
    }

    /**
     * Queues a release on every UI thread and waits until all have run, at most {@link #BETWEEN_FRAMES_WAIT_MILLIS}.
     * The release only queues itself once more ({@link #queueAgain}) and then counts a latch down: on the UI thread
     * it wakes the watcher and nothing else, and one that runs after the wait gave up (or after the session ended)
     * does nothing that matters.
     *
     * @return false when a UI thread did not run its release in time (busy or blocked)
     */
    private boolean awaitUiThreadsBetweenFrames() {
        List<BetweenFrames> threads = List.copyOf(uiThreads);
        if (threads.isEmpty()) {
            return true;
        }
        CountDownLatch released = new CountDownLatch(threads.size());
        for (BetweenFrames uiThread : threads) {
            try {
                uiThread.runBetweenFrames(() -> queueAgain(uiThread, released));
            } catch (RuntimeException | LinkageError toolkitGone) {
                released.countDown(); // nothing to wait for
            }
        }
        try {
            return released.await(BETWEEN_FRAMES_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop() interrupts: the request that follows ends the collect
            return false;
        }
    }

    /**
     * The first release, on the UI thread: the frame in progress is over, but a pulse may have been queued behind
     * our release meanwhile (the UI thread was late, a GC held it up). Queued once more, the release runs after that
     * pulse, or at once when none is queued. UI thread: never blocks, never throws.
     */
    private static void queueAgain(BetweenFrames uiThread, CountDownLatch released) {
        try {
            uiThread.runBetweenFrames(released::countDown);
        } catch (Throwable toolkitGone) {
            released.countDown();
        }
    }

    /** Why the last {@link #collect()} ran no GC; "" when it did. */
    String skippedBecause() {
        return skippedBecause;
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop() interrupts: give up at once
            return false;
        }
    }

    private static long totalCollectionCount() {
        long count = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
        }
        return count;
    }
}
