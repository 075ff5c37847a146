package dev.leakinspector.agent;

/**
 * The only place the agent writes to the target's own output, on standard error. The target's users did not
 * ask for us, so {@link #warn} is kept for what they may need to know (the agent could not start, a part of it
 * failed); what only concerns a Leak Inspector process, such as its link being refused, lost or never answered,
 * goes through {@link #link}, which stays silent unless the target runs with
 * {@code -Dleakinspector.agent.verbose=true}: our process tells its user about those, and a local client that
 * disturbs the link must not get lines written into someone else's program's log through us. Thread-safe.
 */
final class AgentLog {
    static final String VERBOSE_PROPERTY = "leakinspector.agent.verbose";

    private AgentLog() {
    }

    static void warn(String message) {
        print(message);
    }

    /** A link problem: our process learns of it on its own side; printed only when verbose. */
    static void link(String message) {
        if (Boolean.getBoolean(VERBOSE_PROPERTY)) {
            print(message);
        }
    }

    private static void print(String message) {
        try {
            System.err.println("[leak-inspector agent] " + message);
        } catch (Throwable ignored) {
            // Standard error closed or broken: nothing more we can do without harming the target.
        }
    }
}
