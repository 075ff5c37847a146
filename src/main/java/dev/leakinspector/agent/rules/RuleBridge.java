package dev.leakinspector.agent.rules;

import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;

/**
 * The one class that rule advice, inlined into the target's own classes, calls: it must be public
 * and resolvable from the target class's loader (the agent jar is on the system class path). It
 * hands the object to the session's {@link WatchSink}, which holds it only weakly, and does nothing
 * while no session is connected, so advice that outlives a session by a moment is harmless.
 *
 * <p>Threading: {@link #methodExited} runs on whatever target thread returned from a rule's method;
 * it never blocks and never throws. {@link #connect}/{@link #disconnect} may be called from any thread.
 */
public final class RuleBridge {
    private static volatile WatchSink sink;

    private RuleBridge() {
    }

    /**
     * Called by the advice when a rule's method returns. Not for anyone else.
     *
     * @param watched the object the rule names (this, the return value or an argument); null is ignored
     * @param trigger the rule's trigger text, a constant in the advice ({@code rule com.acme.Session#close:this})
     */
    public static void methodExited(Object watched, String trigger) {
        WatchSink current = sink;
        if (current == null || watched == null) {
            return;
        }
        try {
            current.watch(watched, trigger, ViewStack.of(crumb(watched.getClass())), WatchSink.NOT_WATCHED);
        } catch (Throwable error) {
            // The advice also suppresses, but the target must not even pay for an exception's unwinding there.
            try {
                current.reportError(trigger, error);
            } catch (Throwable ignored) {
                // Nothing more we can do without harming the target.
            }
        }
    }

    /**
     * The view stack of a rule-watched object: one crumb, the simple name of the object's own class.
     * A rule fires outside any window, so there is no path to show; the runtime class (not the rule's
     * class) because for {@code return} and {@code argN} the watched object is often of another type.
     */
    static String crumb(Class<?> type) {
        String simple = type.getSimpleName();
        if (!simple.isEmpty()) {
            return simple;
        }
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    static synchronized void connect(WatchSink newSink) {
        sink = newSink;
    }

    /** Disconnects {@code oldSink} if it is still the connected one (a newer session's stays). */
    static synchronized void disconnect(WatchSink oldSink) {
        if (sink == oldSink) {
            sink = null;
        }
    }
}
