package dev.leakinspector.session;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands a live session's messages from its reader thread to the thread that owns the {@link SessionModel},
 * in batches: the first message after a drain asks {@code scheduleDrain} once (in the app, one
 * {@code Platform.runLater}), and that drain applies everything queued meanwhile. A burst of thousands of
 * messages therefore costs one UI update, not thousands.
 *
 * <p>Threading: {@link #onMessage}/{@link #onEnded} from any thread (the reader thread); {@link #drainInto}
 * only on the model's thread.
 */
public final class SessionFeed implements SessionListener {
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable scheduleDrain;
    /** Waiting reports share their repeated strings, so a long backlog costs the GC less. */
    private final SharedStrings sharedStrings = new SharedStrings();

    /** @param scheduleDrain asks the model's thread to call {@link #drainInto} soon; must not block */
    public SessionFeed(Runnable scheduleDrain) {
        this.scheduleDrain = scheduleDrain;
    }

    @Override
    public void onMessage(Message message) {
        enqueue(message instanceof LeakSuspected leak ? sharedStrings.share(leak) : message);
    }

    @Override
    public void onEnded(SessionEnd end) {
        enqueue(end);
    }

    private void enqueue(Object event) {
        queue.add(event);
        if (drainScheduled.compareAndSet(false, true)) {
            scheduleDrain.run();
        }
    }

    /**
     * Applies up to {@code max} queued events to {@code model} and returns how many it applied. When more
     * remain, another drain is scheduled, so one long burst is spread over several UI pulses.
     */
    public int drainInto(SessionModel model, int max) {
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
        if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            scheduleDrain.run();
        }
        return applied;
    }

    /** Events waiting for the next drain. */
    public int backlog() {
        return queue.size();
    }
}
