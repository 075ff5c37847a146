package dev.leakinspector.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A UI thread for {@link GcRequester}'s tests: a real thread with a queue, as the FX and Swing threads are, that
 * counts the tasks the requester queues on it and can be kept in a frame (or hung) until the test lets it go.
 *
 * <p>Threading: the test's thread drives it; queued tasks run on its own thread. Closing lets every frame end and
 * stops the thread.
 */
final class TestUiThread implements BetweenFrames, AutoCloseable {
    private static final long TIMEOUT_SECONDS = 10;

    private final ExecutorService queue = Executors.newSingleThreadExecutor();
    private final CountDownLatch frameMayEnd = new CountDownLatch(1);
    private final AtomicBoolean frameEnded = new AtomicBoolean();
    private final AtomicInteger tasksQueued = new AtomicInteger();
    private final CountDownLatch firstTaskQueued = new CountDownLatch(1);
    private final Thread thread;

    TestUiThread() throws Exception {
        thread = queue.submit(Thread::currentThread).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Queues the requester's task, as {@code Platform.runLater} would. */
    @Override
    public void runBetweenFrames(Runnable task) {
        tasksQueued.incrementAndGet();
        queue.execute(task);
        firstTaskQueued.countDown();
    }

    /** Puts the UI thread in a frame that lasts until {@link #endFrame()} (or for ever: a hung UI thread). */
    TestUiThread inFrame() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        queue.execute(() -> {
            started.countDown();
            awaitQuietly(frameMayEnd);
            frameEnded.set(true);
        });
        started.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    void endFrame() {
        frameMayEnd.countDown();
    }

    boolean frameEnded() {
        return frameEnded.get();
    }

    /** Queues other work, as the toolkit queues a pulse. */
    void post(Runnable work) {
        queue.execute(work);
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    int tasksQueued() {
        return tasksQueued.get();
    }

    void awaitFirstTask() throws InterruptedException {
        if (!firstTaskQueued.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the requester queued no task on the UI thread");
        }
    }

    /** Waits until everything queued so far has run. */
    void awaitIdle() throws Exception {
        queue.submit(() -> { }).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        frameMayEnd.countDown();
        queue.shutdownNow();
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
