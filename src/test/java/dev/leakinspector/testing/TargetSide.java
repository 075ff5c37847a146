package dev.leakinspector.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * What the test target programs ({@link PlainTarget}, {@link FxTarget}) share: answering a command
 * on standard output, and waiting for the agent's threads to end. Runs inside the target JVM.
 */
final class TargetSide {
    private TargetSide() {
    }

    /** Prints one answer line and flushes it: the test waits for it. */
    static void reply(String line) {
        System.out.println(line);
        System.out.flush();
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
