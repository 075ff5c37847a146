package dev.leakinspector.app;

import dev.leakinspector.testing.TargetSide;

import java.util.ArrayList;
import java.util.List;

/**
 * A program for the app's Launch… test, without any UI toolkit and silent (it shares the test JVM's standard streams,
 * which the test framework uses): once the agent watches, it closes one {@link Session} and keeps it, a leak that
 * {@link #RULE} reports; then it waits until it is stopped.
 */
public final class LaunchedTarget {
    /** The watch rule that makes Leak Inspector watch a session once it is closed. */
    static final String RULE = Session.class.getName() + "#close:this";

    private static final List<Object> KEPT = new ArrayList<>();

    private LaunchedTarget() {
    }

    /** What the program keeps by mistake: closed, and still in a list. */
    static final class Session {
        void close() {
            // Nothing to release: being closed is what makes the rule watch it.
        }
    }

    public static void main(String[] args) throws Exception {
        TargetSide.awaitAgentWatching();
        Session session = new Session();
        session.close();
        KEPT.add(session);
        Thread.currentThread().join(); // until the test stops the program
    }
}
