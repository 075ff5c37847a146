package dev.leakinspector.agent;

import dev.leakinspector.protocol.Message;

import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link Watcher} for use inside the program that is watched, with no agent, no socket and no instrumentation:
 * the JUnit extension starts one per test and hands it to the toolkit triggers ({@code FxTriggers},
 * {@code SwingTrigger}) as their {@link WatchSink}. It reports to {@code events} exactly what an agent session
 * sends over its link ({@code LeakSuspected}, {@code VerdictChanged}, {@code ObjectReused},
 * {@code ObjectDeallocated}, {@code AgentError}).
 *
 * <p>GC requests are on unless the JVM ignores them ({@code -XX:+DisableExplicitGC}); the built-in ignores apply
 * as in the agent. Watch rules need instrumentation and are not available here.
 *
 * <p>Threading: as {@link Watcher}; {@link #close()} from any thread, idempotent. The owner closes it.
 */
public final class InProcessWatcher implements AutoCloseable {
    private final Watcher watcher;

    private InProcessWatcher(Watcher watcher) {
        this.watcher = watcher;
    }

    /**
     * Starts a watcher thread.
     *
     * @param ignoreGlobs class-name globs never watched (with the built-in ones)
     * @param events told on the watcher thread; must not block
     */
    public static InProcessWatcher start(long graceMillis, List<String> ignoreGlobs, Consumer<Message> events) {
        String noGcBecause = ExplicitGc.isDisabled() ? "-XX:+DisableExplicitGC" : null;
        Watcher watcher = new Watcher(graceMillis, new GcRequester(noGcBecause), events);
        watcher.setIgnoreRules(IgnoreRules.withBuiltIns(ignoreGlobs));
        watcher.start();
        return new InProcessWatcher(watcher);
    }

    /** Where triggers send what they see. */
    public WatchSink sink() {
        return watcher;
    }

    /**
     * Watches not checked yet (arriving or in their grace period). Zero means every report about the watches made
     * so far has been given to the event consumer.
     */
    public int uncheckedWatches() {
        return watcher.pendingWatches();
    }

    /** Stops the watcher thread and forgets every watch (their weak references are cleared). */
    @Override
    public void close() {
        watcher.stop();
    }
}
