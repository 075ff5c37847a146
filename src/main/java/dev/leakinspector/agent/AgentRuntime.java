package dev.leakinspector.agent;

import java.lang.instrument.Instrumentation;

/**
 * The agent's one instance per JVM. Loading the agent again (a second attach) re-enters here on
 * the already-loaded class: the running session, if any, is stopped and a new one connects to the
 * new Leak Inspector process, so there is never a second copy of the agent. Thread-safe.
 */
final class AgentRuntime {
    private static AgentSession current;

    private AgentRuntime() {
    }

    static synchronized void start(String options, Instrumentation instrumentation) {
        System.setProperty(AgentVersion.VERSION_PROPERTY, AgentVersion.current());
        AgentConfig config = AgentConfig.parse(options);
        if (!config.canConnect()) {
            AgentLog.warn("not started: " + String.join("; ", config.problems()));
            return;
        }
        if (current != null) {
            current.stop("another Leak Inspector session took over");
        }
        current = new AgentSession(config, instrumentation);
        current.start();
    }
}
