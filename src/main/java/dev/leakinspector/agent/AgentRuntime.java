package dev.leakinspector.agent;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent's one instance per JVM. Loading the agent again (a second attach) re-enters here on the
 * already-loaded class: the running session, if any, is stopped and told why (its Leak Inspector ends its
 * session with "another Leak Inspector session took over", even when the old session had not finished
 * connecting), and a new one connects to the new Leak Inspector process, so there is never a second copy
 * of the agent.
 *
 * <p>A session that stops forgets itself here: after a detach no static field of the agent reaches the
 * session, its watches or anything they name (the agent lives inside someone else's program and must not
 * become a leak in it).
 *
 * <p>Loaded without options ({@code -javaagent:leak-inspector-agent.jar}, as a test JVM is started for the JUnit
 * extension's watch rules), the agent connects to nothing and starts nothing: it only keeps the
 * {@link Instrumentation} for {@link InProcessWatcher#installRules}, quietly.
 *
 * <p>Threading: {@link #start} is serialised; a session's stop may come from any thread at any time.
 */
final class AgentRuntime {
    private static final AtomicReference<AgentSession> CURRENT = new AtomicReference<>();
    /** The JVM's instrumentation, from the first load of the agent; it stays valid for the JVM's life. */
    private static volatile Instrumentation instrumentation;

    private AgentRuntime() {
    }

    static synchronized void start(String options, Instrumentation instrumentation) {
        System.setProperty(AgentVersion.VERSION_PROPERTY, AgentVersion.current());
        if (AgentRuntime.instrumentation == null) {
            AgentRuntime.instrumentation = instrumentation;
        }
        if (options == null || options.isBlank()) {
            // Instrumentation only: nothing to connect to, and nothing is wrong.
            return;
        }
        AgentConfig config = AgentConfig.parse(options);
        if (!config.canConnect()) {
            AgentLog.warn("not started: " + String.join("; ", config.problems()));
            return;
        }
        AgentSession previous = CURRENT.get();
        if (previous != null) {
            previous.stop("another Leak Inspector session took over");
        }
        AgentSession session = new AgentSession(config, instrumentation, AgentRuntime::forget);
        CURRENT.set(session);
        session.start();
    }

    /** The instrumentation the agent was loaded with, or null when it was not loaded into this JVM. */
    static Instrumentation instrumentation() {
        return instrumentation;
    }

    /**
     * Called by a session once it has stopped. Lock-free on purpose: a session stops on its own threads too,
     * while {@link #start} may hold this class's lock waiting for that same session to stop.
     */
    private static void forget(AgentSession stopped) {
        CURRENT.compareAndSet(stopped, null);
    }
}
