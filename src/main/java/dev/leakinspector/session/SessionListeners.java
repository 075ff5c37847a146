package dev.leakinspector.session;

import dev.leakinspector.protocol.Message;

import java.util.List;

/**
 * A {@link SessionListener} that passes everything to several listeners in order, e.g. the session file
 * first (so nothing shown is unsaved) and then the UI's feed. Immutable; called on the reader thread.
 */
public record SessionListeners(List<SessionListener> listeners) implements SessionListener {
    public SessionListeners {
        listeners = List.copyOf(listeners);
    }

    public static SessionListener of(SessionListener... listeners) {
        return new SessionListeners(List.of(listeners));
    }

    @Override
    public void onMessage(Message message) {
        for (SessionListener listener : listeners) {
            listener.onMessage(message);
        }
    }

    @Override
    public void onEnded(SessionEnd end) {
        for (SessionListener listener : listeners) {
            listener.onEnded(end);
        }
    }
}
