package dev.leakinspector.agent.swing;

import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.protocol.Verdict;

import java.util.ArrayList;
import java.util.List;

/** A {@link WatchSink} that records what a trigger asks of it. Single-threaded tests only. */
final class RecordingSink implements WatchSink {
    /** One {@link #watch} call. The test keeps the object strongly on purpose: it only inspects. */
    record Watch(long id, Object object, String trigger, ViewStack viewStack, long parentId, Verdict verdict) {
    }

    final List<Watch> watches = new ArrayList<>();
    final List<Long> cancelled = new ArrayList<>();
    final List<Long> displayedAgain = new ArrayList<>();
    final List<String> closedForGood = new ArrayList<>();
    final List<String> instancesDisplayed = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    private long nextId = 1;

    @Override
    public long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId, Verdict verdict) {
        long id = nextId++;
        watches.add(new Watch(id, object, trigger, viewStack, parentWatchId, verdict));
        return id;
    }

    @Override
    public long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId) {
        return watch(object, trigger, viewStack, parentWatchId, Verdict.LEAK);
    }

    @Override
    public void displayedAgain(long rootWatchId) {
        displayedAgain.add(rootWatchId);
    }

    @Override
    public void closedForGood(long watchId, String trigger) {
        closedForGood.add(watchId + " " + trigger);
    }

    @Override
    public void instanceDisplayed(String className, String trigger, ViewStack viewStack) {
        instancesDisplayed.add(className + " " + trigger + " " + viewStack);
    }

    @Override
    public void cancelTree(long rootWatchId) {
        cancelled.add(rootWatchId);
    }

    @Override
    public void reportError(String context, Throwable error) {
        errors.add(error);
    }

    Watch watchOf(Object object) {
        return watches.stream().filter(w -> w.object() == object).findFirst().orElseThrow();
    }
}
