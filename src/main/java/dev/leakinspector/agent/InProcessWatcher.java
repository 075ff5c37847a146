package dev.leakinspector.agent;

import dev.leakinspector.agent.rules.RuleInstaller;
import dev.leakinspector.protocol.Message;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A {@link Watcher} for use inside the program that is watched, with no agent, no socket and no instrumentation:
 * the JUnit extension starts one per test and hands it to the toolkit triggers ({@code FxTriggers},
 * {@code SwingTrigger}) as their {@link WatchSink}. It reports to {@code events} exactly what an agent session
 * sends over its link ({@code LeakSuspected}, {@code VerdictChanged}, {@code ObjectReused},
 * {@code ObjectDeallocated}, {@code AgentError}).
 *
 * <p>GC requests are on unless the JVM ignores them ({@code -XX:+DisableExplicitGC}); the built-in ignores apply
 * as in the agent. Watch rules ({@link #installRules}) need the agent's instrumentation: only when the agent was
 * loaded into this JVM ({@code -javaagent:}, or loaded dynamically), see {@link #rulesAvailable()}.
 *
 * <p>Threading: as {@link Watcher}; {@link #installRules} from one thread at a time, never a UI thread;
 * {@link #close()} from any thread, idempotent. The owner closes it.
 */
public final class InProcessWatcher implements AutoCloseable {
    private final Watcher watcher;
    /** Guarded by this: the rules installed for this watcher and the thread that retransforms for them. */
    private RuleInstaller rules;
    private ExecutorService retransformer;
    private boolean closed;

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

    /** Whether the agent was loaded into this JVM, so that {@link #installRules} can work. */
    public static boolean rulesAvailable() {
        return AgentRuntime.instrumentation() != null;
    }

    /**
     * Watches, through this watcher, what the watch rules name (e.g. {@code com.acme.Session#close:this}), until
     * {@link #close()} takes the rules out of the classes again. A second call replaces the rules.
     *
     * @return one message per problem (a malformed rule, one that could not be installed); the others are installed
     * @throws IllegalStateException when the agent was not loaded into this JVM ({@link #rulesAvailable()})
     */
    public synchronized List<String> installRules(List<String> specs) {
        Instrumentation instrumentation = AgentRuntime.instrumentation();
        if (instrumentation == null) {
            throw new IllegalStateException("the Leak Inspector agent is not loaded into this JVM");
        }
        if (closed) {
            return List.of();
        }
        if (rules == null) {
            retransformer = Executors.newSingleThreadExecutor(AgentThreads.factory("rules"));
            rules = new RuleInstaller(instrumentation, watcher, retransformer);
        }
        return rules.update(specs);
    }

    /**
     * Takes the rules out of the classes (restoring them), stops the watcher thread and forgets every watch (their
     * weak references are cleared).
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (rules != null) {
                // While the watcher still runs: restoring the classes may report a problem through it.
                rules.close();
                retransformer.shutdownNow();
                rules = null;
                retransformer = null;
            }
        }
        watcher.stop();
    }
}
