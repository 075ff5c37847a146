package dev.leakinspector.session;

import dev.leakinspector.protocol.Message;

/**
 * Receives what happens in a {@link LiveSession}. Called on the session's reader thread, in the
 * order the agent sent the messages; implementations must not block for long (hand over to a UI
 * thread if needed).
 */
public interface SessionListener {
    /** A message from the agent: stats, leak suspected, object deallocated, error. */
    void onMessage(Message message);

    /** Called exactly once, last. */
    void onEnded(SessionEnd end);
}
