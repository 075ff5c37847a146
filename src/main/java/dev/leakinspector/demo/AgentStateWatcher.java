package dev.leakinspector.demo;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for Leak Inspector's agent to say it is watching, by polling the system property
 * {@value #PROPERTY} every 50 ms on a daemon thread, and runs a callback once (on that thread).
 * Polling is the only way: the property is another program's state and has no change event.
 */
final class AgentStateWatcher {
    static final String PROPERTY = "leakinspector.agent.state";
    static final String WATCHING = "watching";
    static final long POLL_MILLIS = 50;

    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("demo-agent-wait"));

    /** Starts polling; {@code onWatching} runs once, on the polling thread, then polling stops. */
    void start(Runnable onWatching) {
        poller.scheduleWithFixedDelay(() -> {
            if (WATCHING.equals(System.getProperty(PROPERTY))) {
                // shutdown() before the callback: the periodic task is not run again, whatever the callback does.
                poller.shutdown();
                onWatching.run();
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops polling without running the callback. */
    void stop() {
        poller.shutdownNow();
    }
}
