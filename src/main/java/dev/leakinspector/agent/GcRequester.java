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
 * frame late by the whole pause. So while a toolkit is bound, requests are timed to its UI thread. When a
 * requested GC stops the world anyway and never waits for JNI critical regions (G1, Parallel and Serial on JDK 17
 * to 19; {@link ExplicitGc#mayRequestOnUiThread()}), the request is made on the UI thread itself, as a task queued
 * there ({@link UiThreadGc}): it comes between two of its events, never inside a frame, and stops the UI thread no
 * longer than the pause would. Otherwise (a concurrent collector, a later JDK, or two toolkits) the watcher waits
 * until each UI thread has run a release queued behind the frame in progress ({@link BetweenFrames}) and asks at
 * once. Either wait is short ({@value #BETWEEN_FRAMES_WAIT_MILLIS} ms for the UI thread to come to it): a busy or
 * blocked UI thread never holds the watcher up for long, the watcher then asks on its own, and while a task it
 * gave up on has not been reached, it queues no more. An interrupt ({@code stop()}) ends a collect without a
 * request.
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
    private final boolean requestOnUiThread;
    /** The last task given up on while the UI thread did not come to it; watcher thread only. */
    private UiThreadGc unanswered;
    private String skippedBecause;

    /** A requester that may ask for GCs ({@code enabled}), or that never does, with no reason given. */
    GcRequester(boolean enabled) {
        this(enabled ? null : "GC requests are off");
    }

    /** @param disabledBecause why the agent must not ask for GCs (e.g. "-XX:+DisableExplicitGC"), or null when it may */
    GcRequester(String disabledBecause) {
        this(disabledBecause, System::gc, GcRequester::totalCollectionCount, ExplicitGc.mayRequestOnUiThread());
    }

    /** For tests: what a request does, and how collections are counted; requests never made on a UI thread. */
    GcRequester(String disabledBecause, Runnable requestGc, LongSupplier collectionCount) {
        this(disabledBecause, requestGc, collectionCount, false);
    }

    /**
     * @param requestOnUiThread whether a request may be made on the UI thread, between its events: only when a
     *     requested GC stops every thread anyway and never waits for JNI critical regions
     *     (see {@link ExplicitGc#mayRequestOnUiThread()})
     */
    GcRequester(String disabledBecause, Runnable requestGc, LongSupplier collectionCount, boolean requestOnUiThread) {
        this.disabledBecause = disabledBecause;
        this.requestGc = requestGc;
        this.collectionCount = collectionCount;
        this.requestOnUiThread = requestOnUiThread;
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
            Attempt attempt = waitForUi ? requestBetweenFrames() : Attempt.UI_BUSY;
            waitForUi = attempt != Attempt.UI_BUSY;
            if (Thread.currentThread().isInterrupted()) {
                skippedBecause = "the agent is stopping";
                return false; // stop() interrupted the wait for the UI thread: no new GC once detaching has begun
            }
            if (attempt == Attempt.UI_BUSY || attempt == Attempt.NOT_MADE) {
                attempt = requestHere();
            }
            if (attempt == Attempt.COLLECTED) {
                skippedBecause = "";
                return true;
            }
        }
        skippedBecause = "the JVM ran none of " + RETRY_PAUSES_MILLIS.length + " GC requests within "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                + " ms (a thread in a JNI critical region holds GCs off)";
        return false;
    }

    /** How one request went. */
    private enum Attempt {
        /** A collection ran. */
        COLLECTED,
        /** The request was made and ran none (the GC locker). */
        SKIPPED,
        /** Not made yet: the UI threads are between frames now, or there are none. */
        NOT_MADE,
        /** Not made yet: a UI thread did not come to our task in time. */
        UI_BUSY
    }

    /** Makes the request on this (the watcher's) thread. */
    private Attempt requestHere() {
        long before = collectionCount.getAsLong();
        requestGc.run();
        return collectionCount.getAsLong() > before ? Attempt.COLLECTED : Attempt.SKIPPED;
    }

    /**
     * With one UI thread and a GC that stops the world, makes the request on that thread, between two of its
     * events (see {@link UiThreadGc}); else waits until every UI thread is between frames and leaves the request to
     * the caller. {@link Attempt#UI_BUSY} when a UI thread did not come to it in time.
     */
    private Attempt requestBetweenFrames() {
        List<BetweenFrames> threads = List.copyOf(uiThreads);
        if (threads.size() == 1 && requestOnUiThread) {
            if (unanswered != null && !unanswered.wasReached()) {
                return Attempt.UI_BUSY; // still hung since a task was given up on: queue no more behind it
            }
            UiThreadGc onUiThread = new UiThreadGc(requestGc, collectionCount);
            try {
                threads.get(0).runBetweenFrames(onUiThread);
            } catch (RuntimeException | LinkageError toolkitGone) {
                return Attempt.NOT_MADE;
            }
            Boolean collected = onUiThread.await(BETWEEN_FRAMES_WAIT_MILLIS);
            unanswered = collected == null ? onUiThread : null;
            return collected == null ? Attempt.UI_BUSY : collected ? Attempt.COLLECTED : Attempt.SKIPPED;
        }
        return awaitUiThreadsBetweenFrames() ? Attempt.NOT_MADE : Attempt.UI_BUSY;
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
