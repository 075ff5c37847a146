package dev.leakinspector.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's entry point, named in the agent jar's manifest. Deliberately tiny: it hands off to
 * {@link AgentRuntime} and lets no {@link Throwable} escape, because it runs inside someone else's
 * program (on the JVM's attach listener thread, or on the main thread for {@code -javaagent}).
 */
public final class AgentMain {
    private AgentMain() {
    }

    /** Called when the agent is loaded into a running JVM through the Attach API. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        startSafely(options, instrumentation);
    }

    /** Called when the target was started with {@code -javaagent:leak-inspector-agent.jar=options}. */
    public static void premain(String options, Instrumentation instrumentation) {
        startSafely(options, instrumentation);
    }

    private static void startSafely(String options, Instrumentation instrumentation) {
        try {
            AgentRuntime.start(options, instrumentation);
        } catch (Throwable error) {
            AgentLog.warn("could not start: " + error);
        }
    }
}
