package dev.leakinspector.testing;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records everything a live session delivers and lets a test wait for a particular message or the
 * end (no sleeping). Thread-safe: the session's reader thread records, the test thread waits.
 */
public final class RecordingListener implements SessionListener {
    private final List<Message> messages = new ArrayList<>();
    private SessionEnd end;

    @Override
    public synchronized void onMessage(Message message) {
        messages.add(message);
        notifyAll();
    }

    @Override
    public synchronized void onEnded(SessionEnd sessionEnd) {
        end = sessionEnd;
        notifyAll();
    }

    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    public List<LeakSuspected> leaks() {
        return messages().stream().filter(LeakSuspected.class::isInstance).map(LeakSuspected.class::cast).toList();
    }

    public List<ObjectDeallocated> deallocations() {
        return messages().stream().filter(ObjectDeallocated.class::isInstance).map(ObjectDeallocated.class::cast).toList();
    }

    /** Waits for a message of the type that matches, including messages that came before the call. */
    public <T extends Message> T await(Class<T> type, Predicate<T> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            int checked = 0;
            while (true) {
                for (; checked < messages.size(); checked++) {
                    Message message = messages.get(checked);
                    if (type.isInstance(message) && matches.test(type.cast(message))) {
                        return type.cast(message);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || end != null) {
                    throw new AssertionError("no matching " + type.getSimpleName() + " within " + timeout
                            + (end != null ? " (session ended: " + end + ")" : "") + "; received: " + messages);
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /**
     * Waits until the agent says that nothing watched before {@code sinceMillis} is still in its
     * grace period: every report about such watches has then been received.
     */
    public Stats awaitAllChecked(long sinceMillis, Duration timeout) throws InterruptedException {
        return await(Stats.class, stats -> stats.pendingWatches() == 0 && stats.timestampMillis() > sinceMillis, timeout);
    }

    /** Waits for the session to end. */
    public synchronized SessionEnd awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (end == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the session did not end within " + timeout);
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return end;
    }

    public synchronized Optional<SessionEnd> end() {
        return Optional.ofNullable(end);
    }
}
