package dev.leakinspector.agent;

import java.util.concurrent.ThreadFactory;

/**
 * Creates the agent's threads: daemons (they never keep the target alive) named
 * {@code leak-inspector-*} (so they are recognisable in the target's thread dumps), whose uncaught
 * exceptions go to the agent log instead of the target's default handler. Thread-safe.
 */
final class AgentThreads {
    static final String PREFIX = "leak-inspector-";

    private AgentThreads() {
    }

    static Thread newThread(String name, Runnable body) {
        Thread thread = new Thread(body, PREFIX + name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, error) -> AgentLog.warn(t.getName() + " failed: " + error));
        return thread;
    }

    static ThreadFactory factory(String name) {
        return body -> newThread(name, body);
    }
}
