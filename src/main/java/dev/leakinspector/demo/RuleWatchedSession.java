package dev.leakinspector.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Pattern 11's object: a session to a server with a lifecycle that only the program knows about,
 * ending in {@link #close()}. No window or toolkit event says it should die, so Leak Inspector only
 * watches it when told to, with the rule {@value #RULE}. Thread-safe.
 *
 * <p>The leak: every closed session is appended to a static "recently closed" history that nothing
 * ever trims, so closed sessions stay reachable forever (static list → session).
 */
public final class RuleWatchedSession {
    /** The watch rule that makes Leak Inspector watch a session once it is closed. */
    public static final String RULE = "dev.leakinspector.demo.RuleWatchedSession#close:this";

    /** Guarded by itself. The leak: kept "for diagnostics", never trimmed. */
    private static final List<RuleWatchedSession> RECENTLY_CLOSED = new ArrayList<>();

    private final String server;
    /** Stands for the buffers and caches a real session holds, so the leak has a cost. */
    private final byte[] buffer = new byte[64 * 1024];
    private int requests;
    private boolean open = true;

    public RuleWatchedSession(String server) {
        this.server = server;
    }

    /** Sends a request and answers with a line describing it. */
    public synchronized String request(String what) {
        if (!open) {
            throw new IllegalStateException("session to " + server + " is closed");
        }
        requests++;
        buffer[requests % buffer.length]++;
        return "request " + requests + " to " + server + ": " + what;
    }

    /** Ends the session. It should now be collectable, but the history keeps it. */
    public String close() {
        synchronized (this) {
            if (!open) {
                return "session to " + server + " was already closed";
            }
            open = false;
        }
        synchronized (RECENTLY_CLOSED) {
            RECENTLY_CLOSED.add(this);
        }
        return "closed session to " + server + " after " + requests + " request" + (requests == 1 ? "" : "s");
    }

    public synchronized boolean isOpen() {
        return open;
    }

    /** How many closed sessions the history keeps (tests check the leak is real). */
    static int recentlyClosedCount() {
        synchronized (RECENTLY_CLOSED) {
            return RECENTLY_CLOSED.size();
        }
    }
}
