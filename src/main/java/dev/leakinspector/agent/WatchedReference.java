package dev.leakinspector.agent;

import dev.leakinspector.protocol.Verdict;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A weak reference to one watched object, with what the user needs to know about it. The heap
 * engine finds a watched object in a heap dump by this class's {@code id} field and follows its
 * {@code referent}: keep both names.
 *
 * <p>Compact, because a closed window makes one per node (about 70 bytes with compressed pointers): what the
 * watches of one capture share is in their {@link WatchOrigin}; the parent is a reference to its watch, not an
 * id; the view stack is the stack above it (shared with its siblings) and its own crumb, which a tree capture
 * leaves to be named later ({@link #nameCrumb}); what only a report needs is in a {@link Report} made when it is
 * reported.
 *
 * <p>{@link #get()} refuses: handing out the referent would create a strong reference and could
 * resurrect an object that is about to be collected. Use {@link #refersTo(Object) refersTo(null)}
 * to ask whether it was collected, or {@link #referentSatisfies} to test it on a UI thread. The
 * mutable fields are owned by the {@link Watcher}'s thread once the watch has arrived there; {@code id} is
 * set before the watch is published.
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

    /** Marks a watch whose stack above it is its parent watch's whole stack, materialized later. */
    static final ViewStack FROM_PARENT = ViewStack.of("");

    /** Set once, before the watch is published to other threads (a tree capture numbers its watches at the end). */
    long id;
    /** The watch of the object it belonged to when watched, or null. */
    final WatchedReference parent;
    final String className;
    /** Trigger, verdict, times. Replaced (never mutated) by the watcher thread. */
    WatchOrigin origin;
    /** The stack above this object: shared, {@link #FROM_PARENT}, or null for a stack of its own crumb only. */
    ViewStack above;
    /** Its own crumb; null until {@link #nameCrumb} names it (tree captures). Watcher thread after publication. */
    String crumb;
    State state = State.PENDING;
    /** The watch it is counted under (state {@link State#COUNTED}). Watcher thread. */
    WatchedReference countedUnder;
    /** Made when it is reported. Watcher thread. */
    Report report;
    /** Whether its first check after the grace period has happened. Watcher thread only. */
    boolean checkedOnce;

    /** What a reported watch needs beyond a pending one. Watcher thread. */
    static final class Report {
        /** Its kind for accumulation. */
        WatchKind kind;
        /** The verdict its report carries now (set when reported, raised by escalation). */
        Verdict reportedVerdict;
        /** {@link System#identityHashCode} of the referent: finds a standing report of the same object without a reference. */
        int identity;
    }

    WatchedReference(Object referent, ReferenceQueue<Object> queue, WatchedReference parent, WatchOrigin origin,
                     ViewStack above, String crumb) {
        super(referent, queue);
        this.parent = parent;
        this.className = referent.getClass().getName();
        this.origin = origin;
        this.above = above;
        this.crumb = crumb;
    }

    /** The watch's id: the agent's reports and the heap engine know the object by it. */
    public long id() {
        return id;
    }

    long parentId() {
        return parent == null ? WatchSink.NOT_WATCHED : parent.id;
    }

    /** The top of the tree it was watched in: cancelling that tree cancels it. */
    WatchedReference tree() {
        WatchedReference top = this;
        for (int depth = 0; top.parent != null && depth < 100_000; depth++) {
            top = top.parent;
        }
        return top;
    }

    String trigger() {
        return origin.trigger();
    }

    Verdict verdict() {
        return origin.verdict();
    }

    long watchedAtMillis() {
        return origin.watchedAtMillis();
    }

    long dueNanos() {
        return origin.dueNanos();
    }

    WatchKind kind() {
        return report == null ? null : report.kind;
    }

    Verdict reportedVerdict() {
        return report == null ? null : report.reportedVerdict;
    }

    void setReportedVerdict(Verdict verdict) {
        report.reportedVerdict = verdict;
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

    /**
     * The referent, for the watcher thread's walk of a captured tree only: the caller keeps it in a local for the
     * walk and never stores it. Null when collected.
     */
    Object referent() {
        return super.get();
    }

    /** The referent's identity hash, or 0 when it was collected. The referent is a local of this call only. */
    int referentIdentity() {
        Object referent = super.get();
        return referent == null ? 0 : System.identityHashCode(referent);
    }

    /**
     * Names the crumb of a tree capture's watch from its referent with its origin's namer, once; the class's simple
     * name when the referent is gone or the namer fails. Watcher thread; the referent is a local of this call only.
     */
    String nameCrumb() {
        if (crumb == null) {
            Function<Object, String> namer = origin.namer();
            Object referent = super.get();
            String named = null;
            if (referent != null && namer != null) {
                try {
                    named = namer.apply(referent);
                } catch (RuntimeException | LinkageError misbehavingObject) {
                    // An object whose own code throws when read: named by its class only.
                }
            }
            crumb = named != null ? named : simpleName(className);
        }
        return crumb;
    }

    /**
     * Its whole view stack, materializing the stacks of its ancestors first (iteratively: scene graphs can be deep).
     * Watcher thread.
     */
    ViewStack viewStack() {
        java.util.ArrayDeque<WatchedReference> chain = new java.util.ArrayDeque<>();
        for (WatchedReference level = this; level != null && level.above == FROM_PARENT; level = level.parent) {
            chain.push(level);
        }
        // The topmost in the chain inherits from a parent whose stack is known (or from none).
        while (!chain.isEmpty()) {
            WatchedReference level = chain.pop();
            level.above = level.parent == null ? null : level.parent.viewStack();
        }
        String own = nameCrumb();
        return above == null ? ViewStack.of(own) : above.then(own);
    }

    private static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    boolean isCollected() {
        return refersTo(null);
    }
}
