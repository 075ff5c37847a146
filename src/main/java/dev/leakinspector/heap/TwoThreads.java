package dev.leakinspector.heap;

import java.util.concurrent.CancellationException;

/**
 * Runs the two halves of one piece of engine work at once: one on a short-lived daemon helper thread, the other on the
 * calling thread. Returns when both are done, so whatever the helper wrote is visible to the caller (the join). A
 * failure of either half is thrown on the calling thread, the calling thread's own first: a {@link RuntimeException}
 * or {@link Error} as it is, anything else wrapped in an {@link IllegalStateException}. Interrupted while it waits
 * for the helper, the calling thread keeps its interrupt and gets a {@link CancellationException}, as a cancelled
 * analysis does. Stateless.
 */
final class TwoThreads {
    private TwoThreads() {
    }

    /**
     * @param helperName the helper thread's name ({@code leak-inspector-heap-…}), as a thread dump shows it
     * @param doing      what the work is, for the interrupt's message ("while " + doing)
     * @param aside      the helper's half
     * @param here       the calling thread's half
     */
    static void run(String helperName, String doing, Runnable aside, Runnable here) {
        Throwable[] failure = new Throwable[1];
        Thread helper = new Thread(() -> {
            try {
                aside.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, helperName);
        helper.setDaemon(true);
        helper.start();
        try {
            here.run();
        } finally {
            try {
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while " + doing);
            }
        }
        if (failure[0] instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure[0] instanceof Error error) {
            throw error;
        } else if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
    }
}
