package dev.leakinspector.agent;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 * under it. A reported object that is collected later is retracted with {@link ObjectDeallocated}.
 * While reported objects are alive the watcher rechecks them with a GC at growing intervals
 * (2 s doubling to 60 s), so a late release is noticed even in an idle program.
 *
 * <p>Threading: {@link #watch}, {@link #cancelTree}, {@link #isIgnored} and the setters are called
 * from any thread (triggers call them on UI threads) and never block; everything else runs on the
 * watcher's own daemon thread. The watcher holds watched objects only through weak references.
 */
public final class Watcher implements WatchSink {
    /** Upper bound on live watches, so a runaway trigger cannot exhaust the target's memory. */
    static final int MAX_LIVE_WATCHES = 250_000;
    /** Watches that fall due this soon after the first one share its GC. */
    private static final long BATCH_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long FIRST_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long MAX_RECHECK_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long MAX_WAIT_MILLIS = 100;
    /**
     * A forced GC stops the whole target, so the watcher spaces them: the next one waits at least
     * this long, and at least {@link #GC_SPACING_FACTOR} times as long as the last one took. Watches
     * that fall due meanwhile share the next GC. Keeps a storm of detached nodes from turning into
     * a storm of full GCs, at the cost of reporting a little later.
     */
    private static final long MIN_GC_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    private static final long GC_SPACING_FACTOR = 5;
    /** Ids are unique for the life of the JVM, across sessions, so a heap dump never shows two alike. */
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final Map<Long, WatchedReference> watches = new ConcurrentHashMap<>();
    private final Queue<WatchedReference> arrivals = new ConcurrentLinkedQueue<>();
    private final Queue<Long> cancellations = new ConcurrentLinkedQueue<>();
    private final Consumer<Message> events;
    private final GcRequester gc;
    private final AtomicLong droppedWatches = new AtomicLong();
    private final AtomicLong reportedLeaks = new AtomicLong();
    private volatile long graceNanos;
    private volatile IgnoreRules ignoreRules = IgnoreRules.NONE;
    /** Watches not yet checked (arriving or in their grace period); a watch leaves it after its report is queued. */
    private final AtomicInteger uncheckedWatches = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;

    // Owned by the watcher thread.
    private final PriorityQueue<WatchedReference> pending =
            new PriorityQueue<>(Comparator.comparingLong((WatchedReference w) -> w.dueNanos));
    private final Set<WatchedReference> reportedAlive = new LinkedHashSet<>();
    private long recheckIntervalNanos = FIRST_RECHECK_NANOS;
    private long nextRecheckNanos = Long.MAX_VALUE;
    private boolean orphansPossible;
    private long nextGcAllowedNanos = Long.MIN_VALUE;

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
        watches.values().forEach(Reference::clear);
        watches.clear();
        arrivals.clear();
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

    long reportedLeaks() {
        return reportedLeaks.get();
    }

    long droppedWatches() {
        return droppedWatches.get();
    }

    @Override
    public long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId) {
        if (object == null || isIgnored(object.getClass().getName())) {
            return NOT_WATCHED;
        }
        if (!running || watches.size() >= MAX_LIVE_WATCHES) {
            droppedWatches.incrementAndGet();
            return NOT_WATCHED;
        }
        long id = NEXT_ID.getAndIncrement();
        WatchedReference parent = parentWatchId == NOT_WATCHED ? null : watches.get(parentWatchId);
        long treeId = parent == null ? id : parent.treeId;
        WatchedReference watch = new WatchedReference(object, queue, id, parent == null ? NOT_WATCHED : parentWatchId,
                treeId, trigger, viewStack, System.currentTimeMillis(), System.nanoTime() + graceNanos);
        watches.put(id, watch);
        uncheckedWatches.incrementAndGet();
        arrivals.add(watch);
        return id;
    }

    @Override
    public void cancelTree(long rootWatchId) {
        cancellations.add(rootWatchId);
    }

    @Override
    public boolean isIgnored(String className) {
        return ignoreRules.matches(className);
    }

    @Override
    public void reportError(String context, Throwable error) {
        events.accept(new dev.leakinspector.protocol.AgentError(context, String.valueOf(error)));
    }

    private void run() {
        while (running) {
            try {
                Reference<?> collected = queue.remove(waitMillis());
                if (collected != null) {
                    onCollected((WatchedReference) collected);
                }
                drainQueue();
                applyCancellations();
                takeArrivals();
                checkDueWatches();
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
        long next = nextRecheckNanos;
        WatchedReference first = pending.peek();
        if (first != null) {
            next = Math.min(next, Math.max(first.dueNanos + BATCH_LINGER_NANOS, nextGcAllowedNanos));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(next - now);
        return Math.max(1, Math.min(MAX_WAIT_MILLIS, millis));
    }

    private void drainQueue() {
        Reference<?> collected;
        while ((collected = queue.poll()) != null) {
            onCollected((WatchedReference) collected);
        }
    }

    private void onCollected(WatchedReference watch) {
        watches.remove(watch.id);
        if (watch.state == WatchedReference.State.REPORTED && reportedAlive.remove(watch)) {
            events.accept(new ObjectDeallocated(watch.id, System.currentTimeMillis() - watch.watchedAtMillis));
            orphansPossible = true;
        }
    }

    private void applyCancellations() {
        Long treeId;
        while ((treeId = cancellations.poll()) != null) {
            for (WatchedReference watch : watches.values()) {
                if (watch.treeId == treeId && watch.state == WatchedReference.State.PENDING) {
                    watch.state = WatchedReference.State.CANCELLED;
                    watches.remove(watch.id);
                    watch.clear();
                }
            }
        }
    }

    private void takeArrivals() {
        WatchedReference watch;
        while ((watch = arrivals.poll()) != null) {
            pending.add(watch);
        }
    }

    private void checkDueWatches() {
        WatchedReference first = pending.peek();
        long now = System.nanoTime();
        if (first == null || now < first.dueNanos + BATCH_LINGER_NANOS || now < nextGcAllowedNanos) {
            return;
        }
        List<WatchedReference> due = new ArrayList<>();
        int checked = 0;
        while (!pending.isEmpty() && pending.peek().dueNanos <= now) {
            WatchedReference watch = pending.poll();
            checked++;
            if (watch.state == WatchedReference.State.PENDING && !watch.isCollected()) {
                due.add(watch);
            }
        }
        if (!due.isEmpty()) {
            boolean gcConfirmed = collectGarbage();
            List<WatchedReference> survivors = new ArrayList<>();
            for (WatchedReference watch : due) {
                if (!watch.isCollected()) {
                    survivors.add(watch);
                }
            }
            report(survivors, gcConfirmed);
        }
        // Only now, after the reports are queued: a stats message saying "none unchecked" then
        // guarantees that every report about the watches it counted was sent before it.
        uncheckedWatches.addAndGet(-checked);
    }

    /** One forced GC, and when the next may come. */
    private boolean collectGarbage() {
        long start = System.nanoTime();
        boolean confirmed = gc.collect();
        long took = System.nanoTime() - start;
        nextGcAllowedNanos = System.nanoTime() + Math.max(MIN_GC_SPACING_NANOS, GC_SPACING_FACTOR * took);
        return confirmed;
    }

    /** Reports the survivors that have no surviving ancestor and counts the others under theirs. */
    private void report(List<WatchedReference> survivors, boolean gcConfirmed) {
        List<WatchedReference> tops = new ArrayList<>();
        Map<Long, Integer> descendants = new HashMap<>();
        for (WatchedReference watch : survivors) {
            WatchedReference top = topmostSurvivingAncestor(watch);
            if (top == null) {
                tops.add(watch);
            } else {
                watch.state = WatchedReference.State.COUNTED;
                watch.countedUnder = top.id;
                descendants.merge(top.id, 1, Integer::sum);
            }
        }
        long now = System.currentTimeMillis();
        for (WatchedReference top : tops) {
            top.state = WatchedReference.State.REPORTED;
            reportedAlive.add(top);
            reportedLeaks.incrementAndGet();
            events.accept(new LeakSuspected(top.id, top.className, top.trigger, top.viewStack.crumbs(),
                    descendants.getOrDefault(top.id, 0), top.watchedAtMillis, now, gcConfirmed));
        }
        if (!tops.isEmpty()) {
            recheckIntervalNanos = FIRST_RECHECK_NANOS;
            nextRecheckNanos = System.nanoTime() + recheckIntervalNanos;
        }
    }

    private WatchedReference topmostSurvivingAncestor(WatchedReference watch) {
        WatchedReference top = null;
        long ancestorId = watch.parentId;
        while (ancestorId != NOT_WATCHED) {
            WatchedReference ancestor = watches.get(ancestorId);
            if (ancestor == null || ancestor.isCollected() || ancestor.state == WatchedReference.State.CANCELLED) {
                break;
            }
            top = ancestor;
            ancestorId = ancestor.parentId;
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
        boolean gcConfirmed = collectGarbage();
        drainQueue();
        for (WatchedReference watch : new ArrayList<>(reportedAlive)) {
            if (watch.isCollected()) {
                onCollected(watch);
            }
        }
        if (orphansPossible) {
            orphansPossible = false;
            reportOrphans(gcConfirmed);
        }
        recheckIntervalNanos = Math.min(MAX_RECHECK_NANOS, recheckIntervalNanos * 2);
        nextRecheckNanos = System.nanoTime() + recheckIntervalNanos;
    }

    /** Counted watches whose reported ancestor was collected while they survive are leaks of their own. */
    private void reportOrphans(boolean gcConfirmed) {
        List<WatchedReference> orphans = new ArrayList<>();
        for (WatchedReference watch : watches.values()) {
            if (watch.state == WatchedReference.State.COUNTED && !watches.containsKey(watch.countedUnder)
                    && !watch.isCollected()) {
                orphans.add(watch);
            }
        }
        orphans.sort(Comparator.comparingLong(w -> w.id));
        report(orphans, gcConfirmed);
    }
}
