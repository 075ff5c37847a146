package dev.leakinspector.agent;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watcher in this JVM with real weak references and real GCs. A test that needs to know an
 * object was <em>not</em> reported watches a retained sentinel after it: the watcher checks watches
 * in due order, so once the sentinel's report arrives the earlier watch has been checked.
 */
class WatcherTest {
    private static final long GRACE_MILLIS = 100;
    private static final ViewStack STACK = ViewStack.of("Stage \"Test\"").then("Scene");

    private final BlockingQueue<Message> events = new LinkedBlockingQueue<>();
    private Watcher watcher = startWatcher(true);

    private Watcher startWatcher(boolean gcEnabled) {
        Watcher started = new Watcher(GRACE_MILLIS, new GcRequester(gcEnabled), events::add);
        started.start();
        return started;
    }

    @AfterEach
    void stopWatcher() {
        watcher.stop();
    }

    @Test
    void anObjectStillReachableAfterTheGracePeriodIsReportedWithItsViewStack() throws InterruptedException {
        Object retained = new StringBuilder("kept");
        long id = watcher.watch(retained, "window hidden", STACK, WatchSink.NOT_WATCHED);

        LeakSuspected leak = nextLeak();
        assertEquals(id, leak.watchId());
        assertEquals("java.lang.StringBuilder", leak.className());
        assertEquals("window hidden", leak.trigger());
        assertEquals(List.of("Stage \"Test\"", "Scene"), leak.viewStack());
        assertTrue(leak.gcConfirmed(), "a GC ran before the report");
        assertTrue(leak.reportedAtMillis() - leak.watchedAtMillis() >= GRACE_MILLIS, "not reported before the grace period");
        assertEquals(0, leak.descendants());
        assertNotNull(retained);
    }

    @Test
    void anObjectDroppedByItsOwnerIsCollectedAndNeverReported() throws InterruptedException {
        Object dropped = new Object();
        WeakReference<Object> probe = new WeakReference<>(dropped);
        long droppedId = watcher.watch(dropped, "window hidden", STACK, WatchSink.NOT_WATCHED);
        dropped = null;
        Object sentinel = new Object();
        long sentinelId = watcher.watch(sentinel, "sentinel", STACK, WatchSink.NOT_WATCHED);

        assertEquals(sentinelId, nextLeak().watchId());
        assertTrue(probe.refersTo(null), "the watcher kept no strong reference: the object was collected");
        assertNoReportAbout(droppedId);
        assertNotNull(sentinel);
    }

    @Test
    void aSurvivingDescendantIsCountedUnderItsSurvivingAncestor() throws InterruptedException {
        List<Object> window = new ArrayList<>();
        Object scene = new Object();
        Object node = new Object();
        window.add(scene);
        window.add(node);
        long windowId = watcher.watch(window, "window hidden", STACK, WatchSink.NOT_WATCHED);
        long sceneId = watcher.watch(scene, "window hidden", STACK, windowId);
        long nodeId = watcher.watch(node, "window hidden", STACK.then("BorderPane"), sceneId);
        Object sentinel = new Object();
        long sentinelId = watcher.watch(sentinel, "sentinel", STACK, WatchSink.NOT_WATCHED);

        LeakSuspected leak = nextLeak();
        assertEquals(windowId, leak.watchId());
        assertEquals(2, leak.descendants(), "scene and node counted under the window");
        assertEquals(sentinelId, nextLeak().watchId(), "one report for the whole window");
        assertNoReportAbout(sceneId);
        assertNoReportAbout(nodeId);
        assertNotNull(sentinel);
    }

    @Test
    void aCancelledTreeIsNotReported() throws InterruptedException {
        List<Object> window = new ArrayList<>();
        Object node = new Object();
        window.add(node);
        long windowId = watcher.watch(window, "window hidden", STACK, WatchSink.NOT_WATCHED);
        long nodeId = watcher.watch(node, "window hidden", STACK, windowId);
        watcher.cancelTree(windowId);
        Object sentinel = new Object();
        long sentinelId = watcher.watch(sentinel, "sentinel", STACK, WatchSink.NOT_WATCHED);

        assertEquals(sentinelId, nextLeak().watchId());
        assertNoReportAbout(windowId);
        assertNoReportAbout(nodeId);
        assertNotNull(window);
    }

    @Test
    void aReportedObjectCollectedLaterIsRetractedWithTheTimeItTook() throws InterruptedException {
        Object[] holder = {new Object()};
        long id = watcher.watch(holder[0], "window hidden", STACK, WatchSink.NOT_WATCHED);
        LeakSuspected leak = nextLeak();
        assertEquals(id, leak.watchId());

        holder[0] = null;
        Message next = events.poll(10, TimeUnit.SECONDS);
        ObjectDeallocated deallocated = assertInstanceOf(ObjectDeallocated.class, next, "retraction after the recheck GC");
        assertEquals(id, deallocated.watchId());
        assertTrue(deallocated.afterMillis() >= leak.reportedAtMillis() - leak.watchedAtMillis());
    }

    @Test
    void aDescendantThatOutlivesItsReportedAncestorIsThenReportedOnItsOwn() throws InterruptedException {
        Object[] window = {new Object()};
        Object node = new Object();
        long windowId = watcher.watch(window[0], "window hidden", STACK, WatchSink.NOT_WATCHED);
        long nodeId = watcher.watch(node, "window hidden", STACK.then("VBox#form"), windowId);
        assertEquals(windowId, nextLeak().watchId());

        window[0] = null;
        ObjectDeallocated deallocated = assertInstanceOf(ObjectDeallocated.class, events.poll(10, TimeUnit.SECONDS));
        assertEquals(windowId, deallocated.watchId());
        LeakSuspected orphan = nextLeak();
        assertEquals(nodeId, orphan.watchId());
        assertEquals(List.of("Stage \"Test\"", "Scene", "VBox#form"), orphan.viewStack());
        assertNotNull(node);
    }

    @Test
    void aSurvivorTheToolkitHoldsForAMomentWaitsAndIsReportedOnlyIfItOutlivesTheHold() throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean holding = new java.util.concurrent.atomic.AtomicBoolean(true);
        Object page = new Object();
        long pageId = watcher.watch(page, "node removed", STACK, WatchSink.NOT_WATCHED);
        watcher.addMomentaryHolders(survivors -> holding.get()
                ? survivors.stream().filter(s -> s.refersTo(page)).map(WatchedReference::id).collect(java.util.stream.Collectors.toSet())
                : java.util.Set.of());
        Object sentinel = new Object();
        long sentinelId = watcher.watch(sentinel, "sentinel", STACK, WatchSink.NOT_WATCHED);

        assertEquals(sentinelId, nextLeak().watchId());
        assertNoReportAbout(pageId);

        holding.set(false); // the toolkit lets go, but the program itself still keeps the page
        assertEquals(pageId, nextLeak().watchId());
        assertNotNull(page);
    }

    /**
     * A toolkit's soft cache (Swing's gradient images) keeps what it caches past a GC. The watcher
     * lets the toolkit drop it just before its GC, naming only the tops of the due trees: what only
     * the cache kept is then collected, what the program keeps is still reported.
     */
    @Test
    void softCachesAreReleasedBeforeTheGcSoWhatOnlyACacheKeptIsCollected() throws InterruptedException {
        List<java.lang.ref.SoftReference<Object>> cache = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<List<Long>> released = new java.util.concurrent.CopyOnWriteArrayList<>();
        watcher.addMomentaryHolders(new MomentaryHolders() {
            @Override
            public java.util.Set<Long> heldForAMoment(List<WatchedReference> survivors) {
                return java.util.Set.of();
            }

            @Override
            public void releaseSoftCaches(List<WatchedReference> due) {
                released.add(due.stream().map(WatchedReference::id).toList());
                cache.clear();
            }
        });
        Object kept = new Object();
        Object keptChild = new Object();
        long cachedId = watchOnlyCached(cache);
        long keptId = watcher.watch(kept, "window disposed", STACK, WatchSink.NOT_WATCHED);
        watcher.watch(keptChild, "window disposed", STACK, keptId);
        cache.add(new java.lang.ref.SoftReference<>(kept));

        LeakSuspected leak = nextLeak();
        assertEquals(keptId, leak.watchId());
        assertEquals(1, leak.descendants());
        assertNoReportAbout(cachedId);
        assertEquals(List.of(cachedId, keptId), released.get(0), "the tops of the due watches, in due order");
        assertNotNull(kept);
        assertNotNull(keptChild);
    }

    /** Watches an object that only {@code cache} keeps, softly. */
    private long watchOnlyCached(List<java.lang.ref.SoftReference<Object>> cache) {
        Object cached = new StringBuilder("cached");
        cache.add(new java.lang.ref.SoftReference<>(cached));
        return watcher.watch(cached, "window disposed", STACK, WatchSink.NOT_WATCHED);
    }

    @Test
    void aDescendantIsReportedWhenItsReportedAncestorIsCollectedByTheProgramsOwnGc() throws InterruptedException {
        Object[] window = {new Object()};
        Object node = new Object();
        long windowId = watcher.watch(window[0], "window hidden", STACK, WatchSink.NOT_WATCHED);
        long nodeId = watcher.watch(node, "window hidden", STACK.then("VBox"), windowId);
        assertEquals(windowId, nextLeak().watchId());

        window[0] = null;
        System.gc(); // the program's GC, before any recheck of the watcher's own
        ObjectDeallocated deallocated = assertInstanceOf(ObjectDeallocated.class, events.poll(10, TimeUnit.SECONDS));
        assertEquals(windowId, deallocated.watchId());
        assertEquals(nodeId, nextLeak().watchId(), "the node outlives its window: a leak of its own");
        assertNotNull(node);
    }

    @Test
    void aDescendantOfAHeldSurvivorIsCheckedWhenTheHeldOneIsCollected() throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean holding = new java.util.concurrent.atomic.AtomicBoolean(true);
        Object[] page = {new Object()};
        Object child = new Object();
        long pageId = watcher.watch(page[0], "node removed", STACK, WatchSink.NOT_WATCHED);
        long childId = watcher.watch(child, "node removed", STACK.then("Button"), pageId);
        watcher.addMomentaryHolders(survivors -> holding.get()
                ? survivors.stream().filter(w -> w.id() == pageId).map(WatchedReference::id)
                        .collect(java.util.stream.Collectors.toSet())
                : java.util.Set.of());
        Object sentinel = new Object();
        long sentinelId = watcher.watch(sentinel, "sentinel", STACK, WatchSink.NOT_WATCHED);
        assertEquals(sentinelId, nextLeak().watchId(), "the page's group was checked and set aside");

        page[0] = null; // the page goes (and the toolkit's hold with it); the child stays in a cache
        System.gc();
        assertEquals(childId, nextLeak().watchId());
        assertNotNull(child);
        assertNotNull(sentinel);
    }

    @Test
    void withoutGcReportsSayTheyAreNotConfirmed() throws InterruptedException {
        watcher.stop();
        watcher = startWatcher(false);
        Object retained = new Object();
        watcher.watch(retained, "window hidden", STACK, WatchSink.NOT_WATCHED);

        assertFalse(nextLeak().gcConfirmed());
        assertNotNull(retained);
    }

    @Test
    void ignoredClassesAreNotWatched() {
        watcher.setIgnoreRules(new IgnoreRules(List.of("java.lang.String*")));

        assertEquals(WatchSink.NOT_WATCHED, watcher.watch(new StringBuilder(), "t", STACK, WatchSink.NOT_WATCHED));
        assertNotEquals(WatchSink.NOT_WATCHED, watcher.watch(new Object(), "t", STACK, WatchSink.NOT_WATCHED));
    }

    @Test
    void aWatchedReferenceNeverHandsOutItsReferent() {
        Object retained = new Object();
        WatchedReference reference = new WatchedReference(retained, null, 1, 0, 1, "t", STACK, 0, 0);

        assertThrows(UnsupportedOperationException.class, reference::get);
        assertFalse(reference.isCollected());
    }

    @Test
    void afterStopNothingIsWatchedAndTheThreadIsGone() {
        watcher.watch(new Object(), "t", STACK, WatchSink.NOT_WATCHED);
        watcher.stop();

        assertEquals(0, watcher.liveWatches());
        assertEquals(WatchSink.NOT_WATCHED, watcher.watch(new Object(), "t", STACK, WatchSink.NOT_WATCHED));
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("leak-inspector-watcher")));
    }

    private LeakSuspected nextLeak() throws InterruptedException {
        Message next = events.poll(10, TimeUnit.SECONDS);
        return assertInstanceOf(LeakSuspected.class, next, "expected a report, got " + next);
    }

    private void assertNoReportAbout(long id) {
        assertTrue(events.stream().noneMatch(m -> m instanceof LeakSuspected leak && leak.watchId() == id),
                "watch " + id + " must not be reported: " + events);
    }
}
