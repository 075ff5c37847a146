package dev.leakinspector.agent;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A weak reference to one watched object, with what the user needs to know about it. The heap
 * engine finds a watched object in a heap dump by this class's {@code id} field and follows its
 * {@code referent}: keep both names.
 *
 * <p>{@link #get()} refuses: handing out the referent would create a strong reference and could
 * resurrect an object that is about to be collected. Use {@link #refersTo(Object) refersTo(null)}
 * to ask whether it was collected. Fields other than {@link #state} and {@link #countedUnder} are
 * immutable; those two are owned by the {@link Watcher}'s thread.
 */
public final class WatchedReference extends WeakReference<Object> {
    /** Lifecycle of a watch, advanced only by the watcher thread. */
    enum State {
        /** Within its grace period. */
        PENDING,
        /** Survived the grace period and a GC; reported to the user. */
        REPORTED,
        /** Survived, but an ancestor that also survived was reported in its place. */
        COUNTED,
        /** Reused within the grace period (or the session ended); will never be reported. */
        CANCELLED
    }

    final long id;
    final long parentId;
    final long treeId;
    final String className;
    final String trigger;
    final ViewStack viewStack;
    final long watchedAtMillis;
    /** When the grace period ends; moved later when the watch is deferred. Watcher thread after construction. */
    long dueNanos;
    State state = State.PENDING;
    long countedUnder;
    /** Whether its first check after the grace period has happened. Watcher thread only. */
    boolean checkedOnce;

    WatchedReference(Object referent, ReferenceQueue<Object> queue, long id, long parentId, long treeId,
                     String trigger, ViewStack viewStack, long watchedAtMillis, long dueNanos) {
        super(referent, queue);
        this.id = id;
        this.parentId = parentId;
        this.treeId = treeId;
        this.className = referent.getClass().getName();
        this.trigger = trigger;
        this.viewStack = viewStack;
        this.watchedAtMillis = watchedAtMillis;
        this.dueNanos = dueNanos;
    }

    /** The watch's id: the agent's reports and the heap engine know the object by it. */
    public long id() {
        return id;
    }

    /** Always throws: reading the referent would make it strongly reachable again. */
    @Override
    public Object get() {
        throw new UnsupportedOperationException("a watched object is never handed out; use refersTo(null)");
    }

    boolean isCollected() {
        return refersTo(null);
    }
}
