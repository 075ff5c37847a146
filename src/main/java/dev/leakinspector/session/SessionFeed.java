package dev.leakinspector.session;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands a live session's messages from its reader thread to the thread that owns the {@link SessionModel},
 * in batches: the first message after a drain asks {@code scheduleDrain} once (in the app, one
 * {@code Platform.runLater}), and that drain applies everything queued meanwhile. A burst of thousands of
 * messages therefore costs one UI update, not thousands.
 *
 * <p>The backlog is bounded while someone drains: from {@link #BACKLOG_LIMIT} events on, the sender waits until
 * drains have taken half of them. The reader thread then stops reading the socket, and the agent's own bounded queue holds what
 * comes meanwhile, instead of our decoding a burst of 100,000 reports into objects that wait for the UI and that
 * every young GC copies meanwhile, on two cores the UI thread needs. Nothing is ever dropped here: a sender waits
 * at most {@link #DRAIN_WAIT_NANOS}; when no drain came in that time (no window drains yet, it was closed, or its
 * thread is held up) the drainer counts as away and senders stop waiting until the next drain, so the agent is
 * never held up longer than that, and the backlog then grows as it must.
 *
 * <p>Threading: {@link #onMessage}/{@link #onEnded} from any thread (the reader thread; a message given on the
 * thread that drains never waits); {@link #drainInto} only on the model's thread.
 */
public final class SessionFeed implements SessionListener {
    /**
     * Events waiting at most before a sender waits for a drain: a few drains' worth (the app applies up to 5,000
     * per drain), so a drain always finds work, while what waits stays small for the GC.
     */
    public static final int BACKLOG_LIMIT = 10_000;
    /**
     * How long a sender waits at most for a drain to make room. Longer than a slow pulse on a loaded machine, and
     * short enough for the agent's queue (8,192 events) to hold what it sends meanwhile.
     */
    static final long DRAIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    /** Events in {@link #queue} ({@code size()} walks it). */
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable scheduleDrain;
    private final int backlogLimit;
    private final long drainWaitNanos;
    /** Waiting reports share their repeated strings, so a long backlog costs the GC less. */
    private final SharedStrings sharedStrings = new SharedStrings();
    /** Senders wait on it for room; a drain notifies it while {@link #senderWaiting}. */
    private final Object room = new Object();
    private volatile boolean senderWaiting;
    /** No drain came while a sender waited: senders do not wait again until the next drain. */
    private volatile boolean drainerAway;
    /** The thread of the last drain: it never waits for itself. */
    private volatile Thread drainThread;

    /** @param scheduleDrain asks the model's thread to call {@link #drainInto} soon; must not block */
    public SessionFeed(Runnable scheduleDrain) {
        this(scheduleDrain, BACKLOG_LIMIT, DRAIN_WAIT_NANOS);
    }

    SessionFeed(Runnable scheduleDrain, int backlogLimit, long drainWaitNanos) {
        this.scheduleDrain = scheduleDrain;
        this.backlogLimit = backlogLimit;
        this.drainWaitNanos = drainWaitNanos;
    }

    /** Queues {@code message}; waits first while the backlog is full and a drain is making room (see the class). */
    @Override
    public void onMessage(Message message) {
        awaitRoom();
        enqueue(message instanceof LeakSuspected leak ? sharedStrings.share(leak) : message);
    }

    @Override
    public void onEnded(SessionEnd end) {
        enqueue(end);
    }

    private void enqueue(Object event) {
        queue.add(event);
        backlog.incrementAndGet();
        if (drainScheduled.compareAndSet(false, true)) {
            scheduleDrain.run();
        }
    }

    private void awaitRoom() {
        if (backlog.get() < backlogLimit || drainerAway || Thread.currentThread() == drainThread) {
            return;
        }
        synchronized (room) {
            // Set before the backlog is read again: a drain that empties it after that read sees the flag and
            // notifies (both volatile), so the wake-up is never missed.
            senderWaiting = true;
            try {
                long deadline = System.nanoTime() + drainWaitNanos;
                while (backlog.get() > resumeBelow() && !drainerAway) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        drainerAway = true;
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(room, left);
                }
            } catch (InterruptedException e) {
                // Told to stop (the session is closing): queue the message without waiting, keep the interrupt.
                Thread.currentThread().interrupt();
            } finally {
                senderWaiting = false;
            }
        }
    }

    /**
     * Applies up to {@code max} queued events to {@code model} and returns how many it applied. When more
     * remain, another drain is scheduled, so one long burst is spread over several UI pulses.
     */
    public int drainInto(SessionModel model, int max) {
        drainThread = Thread.currentThread();
        // Cleared before polling: an event queued while we drain schedules the next drain itself.
        drainScheduled.set(false);
        int applied = 0;
        Object event;
        while (applied < max && (event = queue.poll()) != null) {
            if (event instanceof Message message) {
                model.apply(message);
            } else {
                model.end((SessionEnd) event);
            }
            applied++;
        }
        int left = backlog.addAndGet(-applied);
        drainerAway = false;
        if (senderWaiting && left <= resumeBelow()) {
            synchronized (room) {
                room.notifyAll();
            }
        }
        if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            scheduleDrain.run();
        }
        return applied;
    }

    /**
     * A waiting sender resumes once the backlog is down to half the limit, so it queues a chunk at a time rather
     * than being woken for every few events a drain takes.
     */
    private int resumeBelow() {
        return backlogLimit / 2;
    }

    /** Events waiting for the next drain. */
    public int backlog() {
        return backlog.get();
    }
}
