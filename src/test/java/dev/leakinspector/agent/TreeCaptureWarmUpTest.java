package dev.leakinspector.agent;

import dev.leakinspector.protocol.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up runs the real capture path and leaves nothing behind: no watch, no message, no thread, and the
 * session's own watcher untouched. Real watchers and their threads; nothing mocked.
 */
class TreeCaptureWarmUpTest {
    @Test
    void runsTheCapturePathAndLeavesNoWatchNoMessageAndNoThreadBehind() {
        List<Message> sent = Collections.synchronizedList(new ArrayList<>());
        Watcher throwaway = new Watcher(3_600_000, new GcRequester(false), sent::add);
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

        int captures = TreeCaptureWarmUp.run(throwaway);

        assertTrue(captures > 0, "no capture was made");
        // Every watch made is counted there (tops on this thread, their children by the walk); stop() leaves the
        // count: it shows that the capture path really ran, not only that it returned early.
        assertTrue(throwaway.pendingWatches() >= captures,
                throwaway.pendingWatches() + " watches made for " + captures + " captures");
        assertEquals(0, throwaway.liveWatches(), "watches left in the table");
        assertTrue(throwaway.arrivalsTaken(), "captures left waiting for a watcher thread");
        assertEquals(List.of(), sent, "a warm-up must send nothing");
        List<String> leftRunning = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .filter(thread -> thread.getName().startsWith(AgentThreads.PREFIX))
                .map(Thread::getName)
                .toList();
        assertEquals(List.of(), leftRunning, "agent threads left running");
    }

    @Test
    void neverTouchesTheSessionsWatcher() {
        List<Message> sent = Collections.synchronizedList(new ArrayList<>());
        Watcher session = new Watcher(2_000, new GcRequester(false), sent::add);
        session.start();
        try {
            TreeCaptureWarmUp.run();

            assertEquals(0, session.liveWatches());
            assertEquals(0, session.pendingWatches());
            assertEquals(List.of(), sent);
        } finally {
            session.stop();
        }
    }
}
