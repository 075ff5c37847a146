package dev.leakinspector.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What the test target programs ({@link PlainTarget}, {@link FxTarget}, the Swing targets) share: answering a
 * command on standard output, waiting for the agent to watch, and waiting for the agent's threads to end. Runs
 * inside the target JVM.
 */
public final class TargetSide {
    private TargetSide() {
    }

    /** Prints one answer line and flushes it: the test waits for it. */
    public static void reply(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Waits (up to 30 s) until the agent says it is watching; its last state, or null if it never said one. */
    public static String awaitAgentWatching() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String state = System.getProperty("leakinspector.agent.state");
        while (!"watching".equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(20); // a system property set by the agent: there is no event to wait for
            state = System.getProperty("leakinspector.agent.state");
        }
        return state;
    }

    /** Joins (up to 5 s each) every {@code leak-inspector-*} thread; the names of those still alive, or "none". */
    static String agentThreadsAfterJoining() throws InterruptedException {
        List<String> alive = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("leak-inspector-")) {
                thread.join(5000);
                if (thread.isAlive()) {
                    alive.add(thread.getName());
                }
            }
        }
        return alive.isEmpty() ? "none" : String.join(",", alive);
    }
}
