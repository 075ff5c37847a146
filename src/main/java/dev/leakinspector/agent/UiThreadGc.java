package dev.leakinspector.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One GC request made on a UI thread, between two of its events, for {@link GcRequester}: a GC that stops the
 * world stops the UI thread wherever it is, and one asked for by the watcher thread lands wherever the UI thread
 * happens to be, at the start of a frame's work as often as not when the UI thread is busy (there is then no gap
 * between frames to aim at). Asked for by the UI thread itself between its events it can never land inside a
 * frame, and it stops the UI thread no longer than it would have anyway: only as long as the pause.
 *
 * <p>Made only when {@link ExplicitGc#mayRequestOnUiThread()}: with a concurrent collector the calling thread
 * would wait for a whole concurrent cycle that the program otherwise runs alongside, and on JDKs whose request
 * waits for JNI critical regions to be left the UI thread would wait for them too.
 *
 * <p>Threading: {@link #run()} on the UI thread; {@link #await} on the watcher thread, which gives up after a
 * short wait. Whichever comes first decides: a task the watcher gave up on does nothing when it runs later (also
 * after the session ended), and one already running is waited for to the end of its GC. Never throws into the UI
 * thread; refers to no watched object.
 */
final class UiThreadGc implements Runnable {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int ABANDONED = 2;

    private final Runnable requestGc;
    private final LongSupplier collectionCount;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean collected;
    /** The UI thread came to this task (whether it then requested the GC or found it given up on). */
    private volatile boolean reached;

    UiThreadGc(Runnable requestGc, LongSupplier collectionCount) {
        this.requestGc = requestGc;
        this.collectionCount = collectionCount;
    }

    /** UI thread. */
    @Override
    public void run() {
        reached = true;
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return; // the watcher gave up waiting and asked on its own: no second GC
        }
        try {
            long before = collectionCount.getAsLong();
            requestGc.run();
            collected = collectionCount.getAsLong() > before;
        } catch (Throwable error) {
            collected = false; // counted as a request that ran no GC; the watcher asks again
        } finally {
            done.countDown();
        }
    }

    /** Whether the UI thread has come to this task: one given up on and not reached yet means it is still busy. */
    boolean wasReached() {
        return reached;
    }

    /**
     * Watcher thread: waits up to {@code startMillis} for the UI thread to start the request, then for as long as
     * its GC takes (GCs of big heaps take seconds; asking again meanwhile would only add a second one).
     *
     * @return whether a collection ran, or null when the UI thread did not start it in time (it never will)
     */
    Boolean await(long startMillis) {
        try {
            if (!done.await(startMillis, TimeUnit.MILLISECONDS) && state.compareAndSet(QUEUED, ABANDONED)) {
                return null;
            }
            done.await();
            return collected;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return state.compareAndSet(QUEUED, ABANDONED) ? null : Boolean.FALSE;
        }
    }
}
