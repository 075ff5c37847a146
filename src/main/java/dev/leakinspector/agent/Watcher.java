package dev.leakinspector.agent;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Watches objects that should die and reports those that do not (LeakCanary's object watcher, with
 * MLeaksFinder's grace period and ancestor dedup).
 *
 * <p>Each watch is a {@link WatchedReference} on one reference queue. When a watch's grace period
 * is over, the due watches of that moment get one GC between them, then a recheck; survivors are
 * reported as {@link LeakSuspected}, except those with a surviving ancestor, which are counted
 * under it, and those a toolkit displays right then ({@link DisplayCheck}: nothing on screen is a
 * leak). A reported object that is collected later is retracted with {@link ObjectDeallocated}; one
 * displayed again (a trigger says so, or the periodic display check finds it) with
 * {@link ObjectReused}. While reported objects are alive the watcher rechecks them with a GC at
 * growing intervals (2 s doubling to 60 s), so a late release is noticed even in an idle program.
 *
 * <p>Verdicts: a report carries its watch's own verdict (a closed window or a rule watch is a leak, a
 * detached view or hidden window only retained), raised to a leak when its kind accumulates
 * ({@link Accumulation}); standing reports of a kind that starts to accumulate are escalated with
 * {@link VerdictChanged}, and go back to retained once the program shows an instance of their kind again (a
 * cache). A report says whether a GC ran after its grace period, and if not, why.
 *
 * <p>Threading: {@link #watch}, {@link #cancelTree}, the other sink calls and the setters are called
 * from any thread (triggers call them on UI threads) and never block; everything else runs on the
 * watcher's own daemon thread. The watcher holds watched objects only through weak references.
 */
public final class Watcher implements WatchSink {
    /** Upper bound on live watches, so a runaway trigger cannot exhaust the target's memory. */
    static final int MAX_LIVE_WATCHES = 250_000;
    /** Watches that fall due this soon after the first one share its GC. */
    private static final long BATCH_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /**
     * A batch waits for a watch about to fall due, up to this long after its first one fell due, so that both share
     * one GC: windows closed a third of a second apart are checked two by two, not one per GC budget.
     */
    private static final long MAX_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(400);
    private static final long FIRST_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long MAX_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long MAX_WAIT_MILLIS = 100;
    /**
     * A forced GC stops the whole target, so the watcher forces at most one per this interval on average: a token
     * bucket that earns one GC per interval and holds at most {@link #GC_BURST}. Watches that fall due meanwhile
     * share the next one. A storm of thousands of detached nodes then costs a few GCs instead of one per batch; two
     * batches a moment apart (two windows closed one after the other) get one each without the second waiting a
     * whole interval, and over any minute there are no more forced GCs than with a fixed spacing (plus the one
     * saved up).
     */
    private static final long MIN_GC_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final int GC_BURST = 2;
    /** How often to ask the toolkit again whether it still holds a deferred survivor (no GC for that). */
    private static final long HELD_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Ids are unique for the life of the JVM, across sessions, so a heap dump never shows two alike. */
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    /** Bounds the periodic display check of reported objects (one UI-thread task, constant work per object). */
    private static final int MAX_DISPLAY_CHECKS = 2000;

    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final WatchTable watches = new WatchTable();
    /** Watches made on other threads: a {@link WatchedReference}, or a tree's top with its subtree still to walk. */
    private final Queue<Object> arrivals = new ConcurrentLinkedQueue<>();
    private final Queue<Long> cancellations = new ConcurrentLinkedQueue<>();
    /** Watches whose object a trigger saw displayed again. */
    private final Queue<Long> reuses = new ConcurrentLinkedQueue<>();
    /** Watches of hidden objects that were then closed for good, with their new trigger. */
    private final Queue<Map.Entry<Long, String>> closures = new ConcurrentLinkedQueue<>();
    /** New instances displayed, as (class name, trigger, view stack) of the kind they belong to. */
    private final Queue<Object[]> displayedInstances = new ConcurrentLinkedQueue<>();
    /**
     * Standing reports by {@link WatchedReference#identity}, so that a trigger's {@link #watch} finds a
     * standing report of the same object without holding it. Written by the watcher thread, read by any.
     */
    private final Map<Integer, Set<WatchedReference>> standingByIdentity = new ConcurrentHashMap<>();
    private final List<DisplayCheck> displayChecks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Consumer<Message> events;
    private final GcRequester gc;
    private final AtomicLong droppedWatches = new AtomicLong();
    private final List<MomentaryHolders> momentaryHolders = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong reportedLeaks = new AtomicLong();
    private volatile long graceNanos;
    private volatile IgnoreRules ignoreRules = IgnoreRules.NONE;
    /** Watches not yet checked (arriving or in their grace period); a watch leaves it after its report is queued. */
    private final AtomicInteger uncheckedWatches = new AtomicInteger();
    private volatile boolean running;
    /** See {@link #originFor}. Any thread; a stale read only costs a new origin. */
    private volatile WatchOrigin lastOrigin;
    private Thread thread;

    // Owned by the watcher thread.
    private final PriorityQueue<WatchedReference> pending =
            new PriorityQueue<>(Comparator.comparingLong(WatchedReference::dueNanos));
    private final Set<WatchedReference> reportedAlive = new LinkedHashSet<>();
    private long recheckIntervalNanos = FIRST_RECHECK_NANOS;
    private long nextRecheckNanos = Long.MAX_VALUE;
    private boolean orphansPossible;
    private long nextGcAllowedNanos = Long.MIN_VALUE;
    /** The GC budget in nanoseconds earned: a GC costs {@link #MIN_GC_SPACING_NANOS}; at most {@link #GC_BURST} GCs' worth. */
    private long gcCreditNanos = GC_BURST * MIN_GC_SPACING_NANOS;
    private long gcCreditAtNanos = System.nanoTime();
    /** Due watches waiting for one about to fall due ({@link #MAX_GATHER_NANOS}), to share its GC. */
    private final List<WatchedReference> gathered = new ArrayList<>();
    /** How many of {@link #gathered} were checked for the first time (they leave {@link #uncheckedWatches} when reported). */
    private int gatheredFirstChecks;
    private long gatherUntilNanos;
    /** Survivors a toolkit holds for a moment, each with the survivors counted under it. */
    private final Map<WatchedReference, List<WatchedReference>> heldGroups = new LinkedHashMap<>();
    private long nextHeldCheckNanos = Long.MAX_VALUE;
    private final Accumulation accumulation = new Accumulation();

    /**
     * @param events where reports and retractions go; called on the watcher thread, must not block
     * @param gc how to ask for a collection
     */
    Watcher(long graceMillis, GcRequester gc, Consumer<Message> events) {
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
        this.gc = gc;
        this.events = events;
    }

    synchronized void start() {
        running = true;
        thread = AgentThreads.newThread("watcher", this::run);
        thread.start();
    }

    /** Stops the thread and forgets every watch. Safe from any thread; waits briefly for the thread. */
    void stop() {
        Thread watcherThread;
        synchronized (this) {
            running = false;
            watcherThread = thread;
        }
        if (watcherThread != null) {
            watcherThread.interrupt();
            if (watcherThread != Thread.currentThread()) {
                try {
                    watcherThread.join(TimeUnit.SECONDS.toMillis(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        watches.snapshot().forEach(Reference::clear);
        watches.clear();
        arrivals.clear();
        standingByIdentity.clear();
    }

    void setGraceMillis(long graceMillis) {
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
    }

    void setIgnoreRules(IgnoreRules rules) {
        this.ignoreRules = rules;
    }

    int liveWatches() {
        return watches.size();
    }

    int pendingWatches() {
        return uncheckedWatches.get();
    }

    /** Whether every watch made so far has reached the watcher thread's schedule. Any thread; for benchmarks. */
    boolean arrivalsTaken() {
        return arrivals.isEmpty();
    }

    long reportedLeaks() {
        return reportedLeaks.get();
    }

    long droppedWatches() {
        return droppedWatches.get();
    }

    @Override
    public long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId, Verdict verdict) {
        return watch(object, trigger, viewStack, parentWatchId, verdict == null ? Verdict.LEAK : verdict, true);
    }

    @Override
    public long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId) {
        return watch(object, trigger, viewStack, parentWatchId, Verdict.LEAK, false);
    }

    private long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId, Verdict verdict,
                       boolean wasDisplayed) {
        if (object == null || isIgnored(object.getClass())) {
            return NOT_WATCHED;
        }
        if (!running || watches.size() >= MAX_LIVE_WATCHES) {
            droppedWatches.incrementAndGet();
            return NOT_WATCHED;
        }
        if (parentWatchId == NOT_WATCHED) {
            WatchedReference standing = standingReportOf(object);
            if (standing != null) {
                if (!wasDisplayed) {
                    return standing.id; // a rule names an object already reported: one report per object
                }
                // Detached from a showing place again, so it was displayed again since its report.
                reuses.add(standing.id);
            }
        }
        WatchedReference parent = parentWatchId == NOT_WATCHED ? null : watches.get(parentWatchId);
        WatchOrigin origin = originFor(trigger, verdict, wasDisplayed);
        // The stack's last crumb is kept in the watch itself: the leaf ViewStack object is not kept.
        WatchedReference watch = new WatchedReference(object, queue, parent, origin, viewStack.parent(),
                viewStack.crumb());
        watch.id = NEXT_ID.getAndIncrement();
        watches.put(watch);
        uncheckedWatches.incrementAndGet();
        arrivals.add(watch);
        return watch.id;
    }

    /**
     * A tree in one capture, for the UI thread's sake: there only the top gets its weak reference; the subtree is
     * walked by the watcher thread soon after (within its poll interval, {@value #MAX_WAIT_MILLIS} ms), its watches
     * made there, and the crumbs below the top named only for survivors ({@link WatchedReference#nameCrumb}). A hidden window or a detached subtree is not
     * displayed, so the toolkit lets another thread read it; a read that fails (the program changes the tree at
     * that very moment, a hostile node) ends that branch of the walk and is reported.
     */
    @Override
    public long watchTree(Object top, String trigger, ViewStack above, String topCrumb, long parentWatchId,
                          Verdict verdict, TreeShape shape, int maxNodes) {
        if (top == null || isIgnored(top.getClass())) {
            return NOT_WATCHED;
        }
        if (!running || watches.size() >= MAX_LIVE_WATCHES) {
            droppedWatches.incrementAndGet();
            return NOT_WATCHED;
        }
        if (parentWatchId == NOT_WATCHED) {
            WatchedReference standing = standingReportOf(top);
            if (standing != null) {
                reuses.add(standing.id); // detached from a showing place again: displayed again since its report
            }
        }
        WatchedReference parent = parentWatchId == NOT_WATCHED ? null : watches.get(parentWatchId);
        WatchOrigin origin = new WatchOrigin(trigger, verdict == null ? Verdict.LEAK : verdict, true,
                System.currentTimeMillis(), System.nanoTime() + graceNanos, new CrumbNamer(shape));
        WatchedReference watch = new WatchedReference(top, queue, parent, origin, above, topCrumb);
        watch.id = NEXT_ID.getAndIncrement();
        watches.put(watch);
        uncheckedWatches.incrementAndGet();
        // The watcher thread picks it up within its poll interval. Not woken from here: a thread woken by the UI
        // thread tends to take the UI thread's core on a busy machine, right in the middle of the target's work.
        arrivals.add(new TreeToWalk(watch, shape, maxNodes));
        return watch.id;
    }

    /**
     * Names a tree capture's crumbs with its shape. A class, not a method reference in {@link #watchTree}: a toolkit
     * loads it ahead of time, so the UI thread's first capture does not link a lambda.
     */
    private record CrumbNamer(TreeShape shape) implements java.util.function.Function<Object, String> {
        @Override
        public String apply(Object node) {
            return shape.crumb(node);
        }
    }

    /** A tree captured by its top, to be walked by the watcher thread. */
    private record TreeToWalk(WatchedReference top, TreeShape shape, int maxNodes) {
    }

    /**
     * Watches everything below a captured top, each under its parent's watch, up to the bound; ignored nodes are
     * skipped with their subtrees. Watcher thread; the nodes are locals of this walk only.
     */
    private void walk(TreeToWalk tree) {
        Object top = tree.top().referent();
        if (top == null) {
            return; // collected already: nothing below it to watch either
        }
        Map<Class<?>, Boolean> ignoredTypes = new IdentityHashMap<>();
        int limit = Math.min(tree.maxNodes(), MAX_LIVE_WATCHES - watches.size());
        int watched = 1;
        java.util.ArrayDeque<Object> work = new java.util.ArrayDeque<>(); // (node, its parent's watch) pairs
        pushChildren(top, tree.top(), tree.shape(), work);
        top = null;
        while (!work.isEmpty() && watched < limit) {
            WatchedReference parentWatch = (WatchedReference) work.pop();
            Object node = work.pop();
            if (node == null || isIgnored(node.getClass(), ignoredTypes)) {
                continue;
            }
            WatchedReference watch = new WatchedReference(node, queue, parentWatch, tree.top().origin,
                    WatchedReference.FROM_PARENT, null);
            watch.id = NEXT_ID.getAndIncrement();
            watches.put(watch);
            uncheckedWatches.incrementAndGet();
            pending.add(watch);
            watched++;
            pushChildren(node, watch, tree.shape(), work);
        }
        if (!work.isEmpty()) {
            droppedWatches.addAndGet(work.size() / 2);
        }
    }

    /** Queues a node's children, the last one to be popped first. A node whose children cannot be read has none. */
    private void pushChildren(Object node, WatchedReference watch, TreeShape shape, java.util.ArrayDeque<Object> work) {
        List<?> children;
        try {
            children = new ArrayList<>(shape.children(node)); // one read: the list may change meanwhile
        } catch (RuntimeException | LinkageError e) {
            reportError(shape.toolkit() + ": reading a node's children", e);
            return;
        }
        for (Object child : children) {
            work.push(child);
            work.push(watch);
        }
    }

    /**
     * The origin of a watch made now: the last one made, if it has the same trigger and verdict and was made within
     * the same millisecond (a trigger watching many objects in one go), so those share it; else a new one.
     */
    private WatchOrigin originFor(String trigger, Verdict verdict, boolean wasDisplayed) {
        long nowMillis = System.currentTimeMillis();
        WatchOrigin last = lastOrigin;
        if (last != null && last.watchedAtMillis() == nowMillis && last.verdict() == verdict
                && last.wasDisplayed() == wasDisplayed && last.trigger().equals(trigger) && last.namer() == null) {
            return last;
        }
        WatchOrigin origin = new WatchOrigin(trigger, verdict, wasDisplayed, nowMillis, System.nanoTime() + graceNanos,
                null);
        lastOrigin = origin;
        return origin;
    }

    /** The standing report of this object, if it has one. Any thread; compares identities, keeps nothing. */
    private WatchedReference standingReportOf(Object object) {
        Set<WatchedReference> candidates = standingByIdentity.get(System.identityHashCode(object));
        if (candidates != null) {
            for (WatchedReference candidate : candidates) {
                if (candidate.refersTo(object)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    @Override
    public void cancelTree(long rootWatchId) {
        cancellations.add(rootWatchId);
    }

    @Override
    public void displayedAgain(long rootWatchId) {
        reuses.add(rootWatchId);
    }

    @Override
    public void closedForGood(long watchId, String trigger) {
        closures.add(Map.entry(watchId, trigger));
    }

    @Override
    public void instanceDisplayed(String className, String trigger, ViewStack viewStack) {
        displayedInstances.add(new Object[] {className, trigger, viewStack});
    }

    @Override
    public void addDisplayCheck(DisplayCheck check) {
        displayChecks.add(check);
    }

    @Override
    public void removeDisplayCheck(DisplayCheck check) {
        displayChecks.remove(check);
    }

    @Override
    public void addBetweenFrames(BetweenFrames uiThread) {
        gc.addUiThread(uiThread);
    }

    @Override
    public void removeBetweenFrames(BetweenFrames uiThread) {
        gc.removeUiThread(uiThread);
    }

    @Override
    public void addMomentaryHolders(MomentaryHolders holders) {
        momentaryHolders.add(holders);
    }

    @Override
    public void removeMomentaryHolders(MomentaryHolders holders) {
        momentaryHolders.remove(holders);
    }

    /** Whether objects of this class (and what they contain) are not to be watched. Any thread. */
    private boolean isIgnored(Class<?> type) {
        return ignoreRules.matches(type.getName());
    }

    /**
     * {@link #isIgnored} answered once per class of a capture: a glob match per node of a closed window is too slow.
     * Local to one capture, so no class is kept beyond it.
     */
    private boolean isIgnored(Class<?> type, Map<Class<?>, Boolean> answers) {
        Boolean ignored = answers.get(type);
        if (ignored == null) {
            ignored = isIgnored(type);
            answers.put(type, ignored);
        }
        return ignored;
    }

    @Override
    public void reportError(String context, Throwable error) {
        events.accept(new dev.leakinspector.protocol.AgentError(context, String.valueOf(error)));
    }

    private void run() {
        while (running) {
            try {
                Reference<?> collected = queue.remove(waitMillis());
                if (collected instanceof WatchedReference watch) {
                    onCollected(watch);
                }
                takeArrivals(); // first: what follows looks watches up by id, a tree's below its top too
                drainQueue();
                applyCancellations();
                applyReuses();
                applyClosures();
                applyDisplayedInstances();
                takeArrivals();
                checkDueWatches();
                recheckHeld();
                checkOrphans();
                recheckReported();
            } catch (InterruptedException e) {
                // stop() interrupts; the loop condition decides.
            } catch (Throwable error) {
                reportError("watcher", error);
            }
        }
    }

    private long waitMillis() {
        long now = System.nanoTime();
        // A check that needs a GC cannot come before the next GC is allowed: do not wake for it earlier.
        long next = reportedAlive.isEmpty() ? Long.MAX_VALUE : Math.max(nextRecheckNanos, nextGcAllowedNanos);
        next = Math.min(next, nextHeldCheckNanos);
        if (orphansPossible) {
            next = Math.min(next, Math.max(now, nextGcAllowedNanos));
        }
        WatchedReference first = pending.peek();
        if (!gathered.isEmpty()) {
            long checkAt = first != null && first.dueNanos() <= gatherUntilNanos ? first.dueNanos() : now;
            next = Math.min(next, Math.max(checkAt, nextGcAllowedNanos));
        } else if (first != null) {
            next = Math.min(next, Math.max(first.dueNanos() + BATCH_LINGER_NANOS, nextGcAllowedNanos));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(next - now);
        return Math.max(1, Math.min(MAX_WAIT_MILLIS, millis));
    }

    private void drainQueue() {
        Reference<?> collected;
        while ((collected = queue.poll()) != null) {
            if (collected instanceof WatchedReference watch) {
                onCollected(watch);
            }
        }
    }

    private void onCollected(WatchedReference watch) {
        watches.remove(watch.id);
        if (watch.state == WatchedReference.State.REPORTED && reportedAlive.remove(watch)) {
            endStanding(watch);
            events.accept(new ObjectDeallocated(watch.id, System.currentTimeMillis() - watch.watchedAtMillis()));
        }
        if (watch.state != WatchedReference.State.CANCELLED) {
            // Watches counted under this one may outlive it: they are then leaks of their own.
            orphansPossible = true;
        }
    }

    /** One pass over the live watches for every cancellation waiting, not one pass per cancelled tree. */
    private void applyCancellations() {
        Set<Long> trees = new HashSet<>();
        Long treeId;
        while ((treeId = cancellations.poll()) != null) {
            trees.add(treeId);
        }
        if (trees.isEmpty()) {
            return;
        }
        // A tree captured before its cancellation was queued is among the arrivals by now: take it first.
        takeArrivals();
        for (WatchedReference watch : watches.snapshot()) {
            if (watch.state == WatchedReference.State.PENDING && trees.contains(watch.tree().id)) {
                watch.state = WatchedReference.State.CANCELLED;
                watches.remove(watch.id);
                watch.clear();
            }
        }
    }

    /**
     * Watches displayed again: one in its grace period is dropped with its tree (in the one pass of the
     * cancellations: a storm of moved nodes must not cost a pass each), a reported one is retracted as reused.
     */
    private void applyReuses() {
        Long id;
        List<WatchedReference> reported = new ArrayList<>();
        while ((id = reuses.poll()) != null) {
            WatchedReference watch = watches.get(id);
            if (watch == null || watch.isCollected()) {
                continue;
            }
            if (watch.state == WatchedReference.State.REPORTED) {
                reported.add(watch);
            } else {
                cancellations.add(watch.tree().id);
            }
        }
        retractAsReused(reported);
        applyCancellations();
    }

    /** Ends the watches of objects displayed (again), with everything counted under them; reports are retracted. */
    private void retractAsReused(List<WatchedReference> displayed) {
        long now = System.currentTimeMillis();
        for (WatchedReference watch : displayed) {
            if (watch.state == WatchedReference.State.REPORTED) {
                events.accept(new ObjectReused(watch.id, now - watch.watchedAtMillis()));
                accumulation.reused(watch).forEach(events);
            }
        }
        endTrees(displayed);
    }

    /**
     * Cancels these watches and every watch below them or counted under them, in one pass over the live
     * watches: they are displayed with them, or part of what the program keeps on purpose. A standing report
     * among them stops counting.
     */
    private void endTrees(Collection<WatchedReference> tops) {
        if (tops.isEmpty()) {
            return;
        }
        Set<Long> topIds = new HashSet<>();
        tops.forEach(top -> topIds.add(top.id));
        List<WatchedReference> ending = new ArrayList<>(tops);
        for (WatchedReference watch : watches.snapshot()) {
            if (!topIds.contains(watch.id) && ((watch.countedUnder != null && topIds.contains(watch.countedUnder.id))
                    || hasAncestorAmong(watch, topIds))) {
                ending.add(watch);
            }
        }
        for (WatchedReference watch : ending) {
            if (watch.state == WatchedReference.State.REPORTED) {
                reportedAlive.remove(watch);
                endStanding(watch);
            }
            heldGroups.remove(watch);
            watch.state = WatchedReference.State.CANCELLED;
            watches.remove(watch.id);
            watch.clear();
        }
    }

    private boolean hasAncestorAmong(WatchedReference watch, Set<Long> ancestorIds) {
        WatchedReference ancestor = watch.parent;
        for (int depth = 0; ancestor != null && depth < 10_000; depth++) {
            if (ancestorIds.contains(ancestor.id)) {
                return true;
            }
            if (!watches.contains(ancestor)) {
                return false;
            }
            ancestor = ancestor.parent;
        }
        return false;
    }

    /** A report that no longer stands (collected or reused): no longer counted for its kind or found by identity. */
    private void endStanding(WatchedReference report) {
        accumulation.remove(report);
        if (report.report == null) {
            return;
        }
        int identity = report.report.identity;
        Set<WatchedReference> sameIdentity = standingByIdentity.get(identity);
        if (sameIdentity != null) {
            sameIdentity.remove(report);
            if (sameIdentity.isEmpty()) {
                standingByIdentity.remove(identity, sameIdentity);
            }
        }
    }

    /** Hidden objects closed for good: now leaks if they survive; a standing retained report is escalated. */
    private void applyClosures() {
        Map.Entry<Long, String> closure;
        while ((closure = closures.poll()) != null) {
            WatchedReference watch = watches.get(closure.getKey());
            if (watch == null || watch.state == WatchedReference.State.CANCELLED) {
                continue;
            }
            // An origin of its own: others may share the old one (and the schedule's order is unchanged: same due time).
            watch.origin = watch.origin.withVerdict(Verdict.LEAK);
            if (watch.state != WatchedReference.State.REPORTED) {
                watch.origin = watch.origin.withTrigger(closure.getValue());
            } else if (watch.reportedVerdict() == Verdict.RETAINED) {
                watch.setReportedVerdict(Verdict.LEAK);
                String name = watch.kind() == null ? watch.className : watch.kind().simpleName();
                events.accept(new VerdictChanged(watch.id, Verdict.LEAK, name + " still retained after " + closure.getValue()));
            }
        }
    }

    /** New instances displayed: the standing retained reports of their kinds accumulate. */
    private void applyDisplayedInstances() {
        Object[] instance;
        while ((instance = displayedInstances.poll()) != null) {
            WatchKind kind = WatchKind.of((String) instance[0], (String) instance[1], (ViewStack) instance[2]);
            accumulation.newInstanceDisplayed(kind).forEach(events);
        }
    }

    private void takeArrivals() {
        Object arrival;
        while ((arrival = arrivals.poll()) != null) {
            if (arrival instanceof WatchedReference watch) {
                pending.add(watch);
            } else {
                TreeToWalk tree = (TreeToWalk) arrival;
                pending.add(tree.top());
                try {
                    walk(tree);
                } catch (RuntimeException | LinkageError e) {
                    reportError(tree.shape().toolkit() + ": walking a tree", e);
                }
            }
        }
    }

    private void checkDueWatches() {
        WatchedReference first = pending.peek();
        long now = System.nanoTime();
        if (now < nextGcAllowedNanos) {
            return;
        }
        if (gathered.isEmpty()) {
            if (first == null || now < first.dueNanos() + BATCH_LINGER_NANOS) {
                return;
            }
            gatherUntilNanos = first.dueNanos() + MAX_GATHER_NANOS;
        } else if (first != null && first.dueNanos() <= gatherUntilNanos && now < first.dueNanos()) {
            return; // one about to fall due shares this batch's GC
        }
        while (!pending.isEmpty() && pending.peek().dueNanos() <= now) {
            WatchedReference watch = pending.poll();
            if (!watch.checkedOnce) {
                watch.checkedOnce = true;
                gatheredFirstChecks++;
            }
            gathered.add(watch);
        }
        WatchedReference next = pending.peek();
        if (next != null && next.dueNanos() <= gatherUntilNanos) {
            return;
        }
        List<WatchedReference> due = new ArrayList<>();
        for (WatchedReference watch : gathered) {
            if (watch.state == WatchedReference.State.PENDING && !watch.isCollected()) {
                due.add(watch);
            }
        }
        int checked = gatheredFirstChecks;
        gathered.clear();
        gatheredFirstChecks = 0;
        if (!due.isEmpty()) {
            releaseSoftCaches(due);
            boolean gcConfirmed = collectGarbage();
            List<WatchedReference> survivors = new ArrayList<>();
            for (WatchedReference watch : due) {
                if (!watch.isCollected()) {
                    survivors.add(watch);
                }
            }
            report(survivors, gcConfirmed, gc.skippedBecause());
            if (gcConfirmed) {
                reportOrphansOfOurGc();
            }
        }
        // Only now, after the reports are queued: a stats message saying "none unchecked" then
        // guarantees that every report about the watches it counted was sent before it.
        uncheckedWatches.addAndGet(-checked);
    }

    /** Lets each toolkit drop soft cache entries that keep due objects (see {@link MomentaryHolders#releaseSoftCaches}). */
    private void releaseSoftCaches(List<WatchedReference> due) {
        if (momentaryHolders.isEmpty()) {
            return;
        }
        Set<WatchedReference> dueSet = Collections.newSetFromMap(new IdentityHashMap<>());
        dueSet.addAll(due);
        List<WatchedReference> tops = new ArrayList<>();
        for (WatchedReference watch : due) {
            WatchedReference parent = watch.parent;
            if (parent == null || !dueSet.contains(parent)) {
                tops.add(watch);
            }
        }
        for (MomentaryHolders holders : momentaryHolders) {
            try {
                holders.releaseSoftCaches(tops);
            } catch (RuntimeException | LinkageError e) {
                reportError("releasing the toolkit's soft caches", e);
            }
        }
    }

    /** One forced GC, and when the next may come. */
    private boolean collectGarbage() {
        long before = System.nanoTime();
        long credit = Math.min(GC_BURST * MIN_GC_SPACING_NANOS, gcCreditNanos + (before - gcCreditAtNanos));
        boolean confirmed = gc.collect();
        gcCreditNanos = credit - MIN_GC_SPACING_NANOS; // >= 0: a GC is only forced when the credit allows it
        gcCreditAtNanos = before;
        // The next one when the credit has earned a whole GC again.
        nextGcAllowedNanos = gcCreditNanos >= MIN_GC_SPACING_NANOS ? Long.MIN_VALUE
                : before + (MIN_GC_SPACING_NANOS - gcCreditNanos);
        return confirmed;
    }

    /**
     * Reports the survivors that have no surviving ancestor and counts the others under theirs.
     * A new top that a toolkit holds only for a moment is deferred, with what it would count.
     */
    private void report(List<WatchedReference> survivors, boolean gcConfirmed, String gcSkippedBecause) {
        Map<WatchedReference, List<WatchedReference>> groups = new LinkedHashMap<>();
        Set<WatchedReference> inThisCheck = Collections.newSetFromMap(new IdentityHashMap<>());
        inThisCheck.addAll(survivors);
        for (WatchedReference watch : survivors) {
            WatchedReference top = topmostSurvivingAncestor(watch);
            if (top == null) {
                groups.computeIfAbsent(watch, key -> new ArrayList<>());
            } else if (inThisCheck.contains(top)) {
                groups.computeIfAbsent(top, key -> new ArrayList<>()).add(watch);
            } else {
                // Under an object reported (or still pending) earlier: counted there, not reported again.
                watch.state = WatchedReference.State.COUNTED;
                watch.countedUnder = top;
                watch.viewStack(); // named while alive: it is reported on its own if it outlives top
            }
        }
        // Nothing on screen is a leak: a top displayed now (moved into a showing view, shown again) ends here.
        Set<Long> displayed = displayedNow(new ArrayList<>(groups.keySet()));
        List<WatchedReference> onScreen = new ArrayList<>();
        for (var it = groups.keySet().iterator(); it.hasNext();) {
            WatchedReference top = it.next();
            if (displayed.contains(top.id)) {
                it.remove();
                onScreen.add(top);
            }
        }
        endTrees(onScreen);
        Set<Long> held = heldForAMoment(new ArrayList<>(groups.keySet()));
        long now = System.currentTimeMillis();
        List<WatchedReference> reporting = new ArrayList<>();
        Map<WatchedReference, ViewStack> stacks = new IdentityHashMap<>();
        for (Map.Entry<WatchedReference, List<WatchedReference>> group : groups.entrySet()) {
            WatchedReference top = group.getKey();
            if (held.contains(top.id) && defer(top, group.getValue())) {
                continue;
            }
            for (WatchedReference descendant : group.getValue()) {
                descendant.state = WatchedReference.State.COUNTED;
                descendant.countedUnder = top;
                descendant.viewStack(); // named while alive: it is reported on its own if it outlives top
            }
            top.state = WatchedReference.State.REPORTED;
            ViewStack stack = top.viewStack();
            top.report = new WatchedReference.Report();
            top.report.identity = top.referentIdentity();
            top.report.kind = WatchKind.of(top.className, top.trigger(), stack);
            stacks.put(top, stack);
            accumulation.add(top); // the whole batch counts before any verdict is decided
            reporting.add(top);
        }
        List<WatchKind> kinds = new ArrayList<>();
        for (WatchedReference top : reporting) {
            top.setReportedVerdict(accumulation.verdictOf(top));
            kinds.add(top.kind());
            reportedAlive.add(top);
            standingByIdentity.computeIfAbsent(top.report.identity, key -> ConcurrentHashMap.newKeySet()).add(top);
            reportedLeaks.incrementAndGet();
            events.accept(new LeakSuspected(top.id, top.className, top.trigger(), stacks.get(top).crumbs(),
                    groups.get(top).size(), top.watchedAtMillis(), now, gcConfirmed, top.reportedVerdict(),
                    gcConfirmed ? "" : gcSkippedBecause));
        }
        accumulation.escalate(kinds).forEach(events);
        if (!reporting.isEmpty()) {
            recheckIntervalNanos = FIRST_RECHECK_NANOS;
            nextRecheckNanos = System.nanoTime() + recheckIntervalNanos;
        }
    }

    /** Asks each toolkit which of these watches it displays now; never fails the report. */
    private Set<Long> displayedNow(List<WatchedReference> tops) {
        if (tops.isEmpty() || displayChecks.isEmpty()) {
            return Set.of();
        }
        Set<Long> displayed = new HashSet<>();
        for (DisplayCheck check : displayChecks) {
            try {
                displayed.addAll(check.displayedNow(tops));
            } catch (RuntimeException | LinkageError e) {
                reportError("asking the toolkit what it displays", e);
            }
        }
        return displayed;
    }

    /** Asks each toolkit which of these survivors it holds only for a moment; never fails the report. */
    private Set<Long> heldForAMoment(List<WatchedReference> tops) {
        if (tops.isEmpty() || momentaryHolders.isEmpty()) {
            return Set.of();
        }
        Set<Long> held = new java.util.HashSet<>();
        for (MomentaryHolders holders : momentaryHolders) {
            try {
                held.addAll(holders.heldForAMoment(tops));
            } catch (RuntimeException | LinkageError e) {
                reportError("asking the toolkit what it holds", e);
            }
        }
        return held;
    }

    /**
     * Sets a held top and its group aside: no GC is forced for them while the toolkit holds them;
     * {@link #recheckHeld} asks the toolkit again from time to time.
     */
    private boolean defer(WatchedReference top, List<WatchedReference> group) {
        if (top.state == WatchedReference.State.REPORTED) {
            return false; // an orphan check of a reported object: a report stays a report
        }
        top.state = WatchedReference.State.PENDING;
        heldGroups.put(top, group);
        if (nextHeldCheckNanos == Long.MAX_VALUE) {
            nextHeldCheckNanos = System.nanoTime() + HELD_RECHECK_NANOS;
        }
        return true;
    }

    /** Groups the toolkit no longer holds go back to the normal check, GC included; collected ones are forgotten. */
    private void recheckHeld() {
        if (heldGroups.isEmpty() || System.nanoTime() < nextHeldCheckNanos) {
            return;
        }
        // A collected top is never held again; its group (which may outlive it) is checked as usual.
        List<WatchedReference> alive = new ArrayList<>();
        for (WatchedReference top : heldGroups.keySet()) {
            if (!top.isCollected()) {
                alive.add(top);
            }
        }
        Set<Long> stillHeld = heldForAMoment(alive);
        long now = System.nanoTime();
        var groups = heldGroups.entrySet().iterator();
        while (groups.hasNext()) {
            var group = groups.next();
            if (group.getKey().isCollected() || !stillHeld.contains(group.getKey().id)) {
                groups.remove();
                for (WatchedReference watch : concat(group.getKey(), group.getValue())) {
                    watch.origin = watch.origin.withDue(now); // its own: others may share the old one
                    pending.add(watch);
                }
            }
        }
        nextHeldCheckNanos = heldGroups.isEmpty() ? Long.MAX_VALUE : now + HELD_RECHECK_NANOS;
    }

    private static List<WatchedReference> concat(WatchedReference top, List<WatchedReference> group) {
        List<WatchedReference> all = new ArrayList<>(group.size() + 1);
        all.add(top);
        all.addAll(group);
        return all;
    }

    private WatchedReference topmostSurvivingAncestor(WatchedReference watch) {
        WatchedReference top = null;
        WatchedReference ancestor = watch.parent;
        while (ancestor != null) {
            if (!watches.contains(ancestor) || ancestor.isCollected() || ancestor.state == WatchedReference.State.CANCELLED) {
                break;
            }
            top = ancestor;
            ancestor = ancestor.parent;
        }
        return top;
    }

    /** While reported objects are alive, rechecks them with a GC at growing intervals. */
    private void recheckReported() {
        long now = System.nanoTime();
        if (reportedAlive.isEmpty()) {
            nextRecheckNanos = Long.MAX_VALUE;
            return;
        }
        if (now < nextRecheckNanos || now < nextGcAllowedNanos) {
            return;
        }
        retractDisplayedReports();
        boolean gcConfirmed = collectGarbage();
        noticeCollectedReports();
        if (gcConfirmed) {
            reportOrphansOfOurGc();
        }
        recheckIntervalNanos = Math.min(MAX_RECHECK_NANOS, recheckIntervalNanos * 2);
        nextRecheckNanos = System.nanoTime() + recheckIntervalNanos;
    }

    /**
     * Reported objects the program displays again without a trigger noticing (it added them to a
     * container that was shown later, say) are retracted as reused. One UI-thread check per toolkit,
     * bounded, at the recheck intervals.
     */
    private void retractDisplayedReports() {
        if (displayChecks.isEmpty()) {
            return;
        }
        List<WatchedReference> reports = new ArrayList<>();
        for (WatchedReference report : reportedAlive) {
            if (reports.size() == MAX_DISPLAY_CHECKS) {
                break;
            }
            reports.add(report);
        }
        Set<Long> displayed = displayedNow(reports);
        reports.removeIf(report -> !displayed.contains(report.id));
        retractAsReused(reports);
    }

    /**
     * Counted watches whose ancestor (reported, or set aside while held) was collected while they
     * survive are leaks of their own. Looked for after collections, whoever's GC caused them; a GC
     * is forced only when there is such a watch to confirm.
     */
    private void checkOrphans() {
        if (!orphansPossible || System.nanoTime() < nextGcAllowedNanos) {
            return;
        }
        orphansPossible = false;
        List<WatchedReference> orphans = findOrphans();
        if (orphans.isEmpty()) {
            return;
        }
        boolean gcConfirmed = collectGarbage();
        drainQueue();
        orphans.removeIf(WatchedReference::isCollected);
        report(orphans, gcConfirmed, gc.skippedBecause());
    }

    /**
     * Right after a GC of ours that ran: orphans it left are confirmed by it (their ancestor went in that GC,
     * they did not), so they are reported without waiting for another one.
     */
    private void reportOrphansOfOurGc() {
        noticeCollectedReports();
        List<WatchedReference> orphans = findOrphans();
        if (!orphans.isEmpty()) {
            orphansPossible = false;
            report(orphans, true, "");
        }
    }

    /** Retracts the reports a GC just collected, without waiting for the reference queue. */
    private void noticeCollectedReports() {
        drainQueue();
        for (WatchedReference watch : new ArrayList<>(reportedAlive)) {
            if (watch.isCollected()) {
                onCollected(watch);
            }
        }
    }

    /** Counted watches, alive, whose ancestor they are counted under is gone. In watch order. */
    private List<WatchedReference> findOrphans() {
        List<WatchedReference> orphans = new ArrayList<>();
        for (WatchedReference watch : watches.snapshot()) {
            if (watch.state == WatchedReference.State.COUNTED && !watch.isCollected()) {
                WatchedReference ancestor = watch.countedUnder;
                if (ancestor == null || !watches.contains(ancestor) || ancestor.isCollected()) {
                    orphans.add(watch);
                }
            }
        }
        orphans.sort(Comparator.comparingLong(w -> w.id));
        return orphans;
    }
}
