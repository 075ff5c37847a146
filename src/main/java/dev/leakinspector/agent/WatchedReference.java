package dev.leakinspector.agent;

import dev.leakinspector.protocol.Verdict;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.function.Predicate;

/**
 * A weak reference to one watched object, with what the user needs to know about it. The heap
 * engine finds a watched object in a heap dump by this class's {@code id} field and follows its
 * {@code referent}: keep both names.
 *
 * <p>{@link #get()} refuses: handing out the referent would create a strong reference and could
 * resurrect an object that is about to be collected. Use {@link #refersTo(Object) refersTo(null)}
 * to ask whether it was collected, or {@link #referentSatisfies} to test it on a UI thread. The
 * mutable fields ({@link #state}, {@link #countedUnder}, {@link #trigger}, {@link #verdict},
 * {@link #reportedVerdict}, …) are owned by the {@link Watcher}'s thread; the others are immutable.
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
        /** Reused within the grace period (or the session ended), displayed when it was due, or retracted as reused. */
        CANCELLED
    }

    final long id;
    final long parentId;
    final long treeId;
    final String className;
    /** What made it due to die; changed once when a hidden window is disposed later. Watcher thread after construction. */
    String trigger;
    final ViewStack viewStack;
    /** How sure its report on its own would be (before accumulation); see {@link WatchSink#watch}. Watcher thread. */
    Verdict verdict;
    /** The verdict its report carries now (set when reported, raised by escalation). Watcher thread. */
    Verdict reportedVerdict;
    /** Whether the object was displayed until its trigger (a UI trigger), not named by a rule. */
    final boolean wasDisplayed;
    /** {@link System#identityHashCode} of the referent: finds a standing report of the same object without a reference. */
    final int identity;
    /** Its kind for accumulation, computed when it is reported. Watcher thread. */
    WatchKind kind;
    final long watchedAtMillis;
    /** When the grace period ends; moved later when the watch is deferred. Watcher thread after construction. */
    long dueNanos;
    State state = State.PENDING;
    long countedUnder;
    /** Whether its first check after the grace period has happened. Watcher thread only. */
    boolean checkedOnce;

    WatchedReference(Object referent, ReferenceQueue<Object> queue, long id, long parentId, long treeId,
                     String trigger, ViewStack viewStack, long watchedAtMillis, long dueNanos) {
        this(referent, queue, id, parentId, treeId, trigger, viewStack, watchedAtMillis, dueNanos, Verdict.LEAK, false);
    }

    WatchedReference(Object referent, ReferenceQueue<Object> queue, long id, long parentId, long treeId,
                     String trigger, ViewStack viewStack, long watchedAtMillis, long dueNanos, Verdict verdict,
                     boolean wasDisplayed) {
        super(referent, queue);
        this.verdict = verdict;
        this.wasDisplayed = wasDisplayed;
        this.identity = System.identityHashCode(referent);
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

    /**
     * Runs {@code test} on the referent, if it was not collected, and returns its answer (false when collected).
     * For toolkit checks on the toolkit's own thread ({@link DisplayCheck}): the referent is a local of this call
     * only, so no strong reference outlives it. {@code test} must not store its argument.
     */
    public boolean referentSatisfies(Predicate<Object> test) {
        Object referent = super.get();
        return referent != null && test.test(referent);
    }

    boolean isCollected() {
        return refersTo(null);
    }
}
