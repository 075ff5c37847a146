package dev.leakinspector.agent.rules;

import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link RuleTarget}'s sink for the rule bridge: counts what advice hands on and keeps nothing.
 * A class of its own because it needs the agent's types, which the target only has once an agent
 * jar is attached. Thread-safe.
 */
final class CountingSink implements WatchSink {
    static final AtomicInteger RECORDED = new AtomicInteger();

    private CountingSink() {
    }

    static void connect() {
        RuleBridge.connect(new CountingSink());
    }

    @Override
    public long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId) {
        return RECORDED.incrementAndGet();
    }

    @Override
    public void cancelTree(long rootWatchId) {
    }

    @Override
    public void reportError(String context, Throwable error) {
    }
}
