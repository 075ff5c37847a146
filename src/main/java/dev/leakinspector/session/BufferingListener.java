package dev.leakinspector.session;

import dev.leakinspector.protocol.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a session's first messages until whoever shows them is ready. A live session starts reading
 * before {@link LiveSession#attach} returns, but the session file and the window need the agent's hello,
 * which only that return brings; this bridges the gap without losing or reordering anything.
 *
 * <p>Threading: thread-safe; events come from the reader thread, {@link #deliverTo} from any thread.
 */
public final class BufferingListener implements SessionListener {
    private final List<Object> held = new ArrayList<>();
    private SessionListener target;

    @Override
    public synchronized void onMessage(Message message) {
        if (target != null) {
            target.onMessage(message);
        } else {
            held.add(message);
        }
    }

    @Override
    public synchronized void onEnded(SessionEnd end) {
        if (target != null) {
            target.onEnded(end);
        } else {
            held.add(end);
        }
    }

    /** Replays what was held to {@code listener}, in order, and forwards everything after it. Call once. */
    public synchronized void deliverTo(SessionListener listener) {
        if (target != null) {
            throw new IllegalStateException("already delivering");
        }
        for (Object event : held) {
            if (event instanceof Message message) {
                listener.onMessage(message);
            } else {
                listener.onEnded((SessionEnd) event);
            }
        }
        held.clear();
        target = listener;
    }
}
