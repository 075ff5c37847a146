package dev.leakinspector.testing;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;

import java.time.Duration;
import java.util.List;

/**
 * The demo's pattern 1 (a listener on a long-lived model) in its own JVM, a live session attached to it, and the
 * agent's report of its leaked window ({@code Stage "1 Listener on a long-lived model"}): where the Retain Cycle
 * tests start. {@link #close()} detaches and ends the demo. Not thread-safe: one test uses it.
 */
public record PatternOneLeak(TargetProcess demo, LiveSession session, LeakSuspected leak) implements AutoCloseable {
    /** Starts the demo with script 1, attaches, and waits (each step within {@code timeout}) for the report. */
    public static PatternOneLeak start(Duration timeout) throws Exception {
        TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of(), "--script", "1");
        LiveSession session = null;
        try {
            demo.awaitLineStartingWith("DEMO ready", timeout);
            RecordingListener events = new RecordingListener();
            session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            LeakSuspected leak = events.await(LeakSuspected.class,
                    l -> !l.viewStack().isEmpty() && l.viewStack().get(0).startsWith("Stage \"1 "), timeout);
            return new PatternOneLeak(demo, session, leak);
        } catch (Exception | Error e) {
            if (session != null) {
                session.detach("test failed");
            }
            demo.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            session.detach("test finished");
        } finally {
            try {
                demo.close();
            } catch (InterruptedException e) {
                // interrupted while waiting for the demo to end (it was asked to): keep the interrupt for the caller
                Thread.currentThread().interrupt();
            }
        }
    }
}
