package dev.leakinspector.agent;

/**
 * The only place the agent writes to the target's own output: one line on standard error, for
 * problems it cannot send over the link (no link yet, or the link is gone). Thread-safe.
 */
final class AgentLog {
    private AgentLog() {
    }

    static void warn(String message) {
        try {
            System.err.println("[leak-inspector agent] " + message);
        } catch (Throwable ignored) {
            // Standard error closed or broken: nothing more we can do without harming the target.
        }
    }
}
