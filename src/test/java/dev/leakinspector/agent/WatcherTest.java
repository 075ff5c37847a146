package dev.leakinspector.agent;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
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
    void withoutGcReportsSayTheyAreNotConfirmedAndWhy() throws InterruptedException {
        watcher.stop();
        watcher = new Watcher(GRACE_MILLIS, new GcRequester("-XX:+DisableExplicitGC"), events::add);
        watcher.start();
        Object retained = new Object();
        watcher.watch(retained, "window hidden", STACK, WatchSink.NOT_WATCHED);

        LeakSuspected leak = nextLeak();
        assertFalse(leak.gcConfirmed());
        assertEquals("-XX:+DisableExplicitGC", leak.gcSkippedBecause());
        assertNotNull(retained);
    }

    @Test
    void aConfirmedReportSaysNothingAboutSkippedGcs() throws InterruptedException {
        Object retained = new Object();
        watcher.watch(retained, "window hidden", STACK, WatchSink.NOT_WATCHED);

        LeakSuspected leak = nextLeak();
        assertTrue(leak.gcConfirmed());
        assertEquals("", leak.gcSkippedBecause());
        assertNotNull(retained);
    }

    // ---- verdicts and accumulation ----

    @Test
    void aRuleWatchIsALeakAndADetachedViewOnlyRetained() throws InterruptedException {
        Object session = new Object();
        Object page = new StringBuilder("page");
        long sessionId = watcher.watch(session, "rule Session#close", STACK, WatchSink.NOT_WATCHED);
        assertEquals(Verdict.LEAK, nextLeak().verdict(), "a rule watch");
        long pageId = watcher.watch(page, "node removed", STACK.then("OrdersPage"), WatchSink.NOT_WATCHED, Verdict.RETAINED);

        LeakSuspected leak = nextLeak();
        assertEquals(pageId, leak.watchId());
        assertEquals(Verdict.RETAINED, leak.verdict(), "a single detached view may be a cache");
        assertNotEquals(sessionId, pageId);
        assertNotNull(session);
        assertNotNull(page);
    }

    @Test
    void aSecondRetainedInstanceOfOneKindEscalatesTheFirstAndIsALeakItself() throws InterruptedException {
        ViewStack slot = STACK.then("BorderPane");
        Object first = new OrdersPage();
        long firstId = watcher.watch(first, "node removed", slot.then("OrdersPage"), WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict());

        Object second = new OrdersPage();
        long secondId = watcher.watch(second, "node removed", slot.then("OrdersPage"), WatchSink.NOT_WATCHED, Verdict.RETAINED);
        LeakSuspected leak = nextLeak();
        assertEquals(secondId, leak.watchId());
        assertEquals(Verdict.LEAK, leak.verdict(), "two instances retained at once: accumulating");
        VerdictChanged escalation = assertInstanceOf(VerdictChanged.class, events.poll(10, TimeUnit.SECONDS));
        assertEquals(firstId, escalation.watchId());
        assertEquals(Verdict.LEAK, escalation.verdict());
        assertEquals("2 instances of OrdersPage retained", escalation.reason());

        Object third = new OrdersPage();
        watcher.watch(third, "node removed", slot.then("OrdersPage"), WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.LEAK, nextLeak().verdict(), "later ones of an accumulating kind are leaks at once");
        assertNotNull(first);
        assertNotNull(second);
        assertNotNull(third);
    }

    @Test
    void instancesRetainedTogetherInOneCheckAreLeaksWithoutEscalation() throws InterruptedException {
        ViewStack slot = STACK.then("BorderPane");
        Object first = new OrdersPage();
        Object second = new OrdersPage();
        watcher.watch(first, "node removed", slot.then("OrdersPage"), WatchSink.NOT_WATCHED, Verdict.RETAINED);
        watcher.watch(second, "node removed", slot.then("OrdersPage"), WatchSink.NOT_WATCHED, Verdict.RETAINED);

        assertEquals(Verdict.LEAK, nextLeak().verdict());
        assertEquals(Verdict.LEAK, nextLeak().verdict());
        assertSentinelComesNext();
        assertNotNull(first);
        assertNotNull(second);
    }

    /** A sample browser swaps pages of different classes into one slot and keeps the last of each: a bounded cache. */
    @Test
    void differentClassesSwappedOutOfTheSameSlotStayRetained() throws InterruptedException {
        ViewStack slot = STACK.then("BorderPane");
        Object orders = new OrdersPage();
        Object customers = new StringBuilder("CustomersPage");
        watcher.watch(orders, "node removed", slot.then("OrdersPage"), WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict());
        watcher.watch(customers, "node removed", slot.then("CustomersPage"), WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict());

        assertSentinelComesNext();
        assertNotNull(orders);
        assertNotNull(customers);
    }

    /**
     * A sample browser built of generic pages (one class for every sample) keeps the last page of each sample in
     * one slot: two pages look like a pile-up until the user returns to one. Then the kind is a cache: the other
     * report goes back to retained and later pages of the kind stay retained.
     */
    @Test
    void aKindTheProgramShowsAgainIsACacheAndItsEscalatedReportsGoBackToRetained() throws InterruptedException {
        ViewStack page = STACK.then("BorderPane").then("OrdersPage");
        Object first = new OrdersPage();
        Object second = new OrdersPage();
        long firstId = watcher.watch(first, "node removed", page, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict());
        long secondId = watcher.watch(second, "node removed", page, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.LEAK, nextLeak().verdict());
        assertEquals(firstId, assertInstanceOf(VerdictChanged.class, events.poll(10, TimeUnit.SECONDS)).watchId());

        watcher.displayedAgain(firstId);
        assertEquals(firstId, assertInstanceOf(ObjectReused.class, events.poll(10, TimeUnit.SECONDS)).watchId());
        VerdictChanged backToRetained = assertInstanceOf(VerdictChanged.class, events.poll(10, TimeUnit.SECONDS));
        assertEquals(secondId, backToRetained.watchId());
        assertEquals(Verdict.RETAINED, backToRetained.verdict());
        assertEquals("the program showed a OrdersPage again: a cache", backToRetained.reason());

        Object third = new OrdersPage();
        watcher.watch(third, "node removed", page, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict(), "a caching kind does not accumulate");
        assertNotNull(first);
        assertNotNull(second);
        assertNotNull(third);
    }

    @Test
    void theSameClassFromDifferentPlacesIsNotAccumulating() throws InterruptedException {
        Object left = new OrdersPage();
        Object right = new OrdersPage();
        watcher.watch(left, "node removed", STACK.then("SplitPane#left").then("OrdersPage"), WatchSink.NOT_WATCHED,
                Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict());
        watcher.watch(right, "node removed", STACK.then("SplitPane#right").then("OrdersPage"), WatchSink.NOT_WATCHED,
                Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict());
        assertNotNull(left);
        assertNotNull(right);
    }

    @Test
    void anInstanceThatWasCollectedNoLongerCountsForItsKind() throws InterruptedException {
        ViewStack page = STACK.then("BorderPane").then("OrdersPage");
        Object[] first = {new OrdersPage()};
        long firstId = watcher.watch(first[0], "node removed", page, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict());
        first[0] = null;
        assertEquals(firstId, assertInstanceOf(ObjectDeallocated.class, events.poll(10, TimeUnit.SECONDS)).watchId());

        Object second = new OrdersPage();
        watcher.watch(second, "node removed", page, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict(), "one at a time: a cache that lets go");
        assertNotNull(second);
    }

    /** Pattern 13: a new dialog is built and shown while the old, hidden one is still retained. */
    @Test
    void aNewInstanceDisplayedWhileAnOldOneIsRetainedEscalatesIt() throws InterruptedException {
        ViewStack dialog = ViewStack.of("JDialog \"Preferences\"");
        Object old = new OrdersPage();
        long oldId = watcher.watch(old, "window hidden", dialog, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict());

        watcher.instanceDisplayed(OrdersPage.class.getName(), "window hidden", ViewStack.of("JDialog \"About\""));
        watcher.instanceDisplayed(OrdersPage.class.getName(), "window hidden", dialog);
        VerdictChanged escalation = assertInstanceOf(VerdictChanged.class, events.poll(10, TimeUnit.SECONDS));
        assertEquals(oldId, escalation.watchId());
        assertEquals("a new OrdersPage was shown while 1 hidden one is retained", escalation.reason());
        assertNotNull(old);
    }

    @Test
    void aRetainedHiddenWindowClosedForGoodBecomesALeak() throws InterruptedException {
        Object hidden = new Object();
        long hiddenId = watcher.watch(hidden, "window hidden", ViewStack.of("JDialog"), WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(Verdict.RETAINED, nextLeak().verdict());

        watcher.closedForGood(hiddenId, "window disposed");
        VerdictChanged change = assertInstanceOf(VerdictChanged.class, events.poll(10, TimeUnit.SECONDS));
        assertEquals(hiddenId, change.watchId());
        assertEquals(Verdict.LEAK, change.verdict());

        Object disposedWhilePending = new Object();
        long pendingId = watcher.watch(disposedWhilePending, "window hidden", ViewStack.of("JFrame"), WatchSink.NOT_WATCHED,
                Verdict.RETAINED);
        watcher.closedForGood(pendingId, "window disposed");
        LeakSuspected leak = nextLeak();
        assertEquals(Verdict.LEAK, leak.verdict());
        assertEquals("window disposed", leak.trigger());
        assertNotNull(hidden);
        assertNotNull(disposedWhilePending);
    }

    // ---- nothing on screen; reused ----

    @Test
    void anObjectDisplayedWhenItWouldBeReportedIsNot() throws InterruptedException {
        Object shown = new Object();
        long shownId = watcher.watch(shown, "node removed", STACK, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        watcher.addDisplayCheck(watches -> displayed(watches, shown));

        assertSentinelComesNext();
        assertNoReportAbout(shownId);
        assertNotNull(shown);
    }

    @Test
    void aReportedObjectDisplayedAgainIsRetractedAsReusedAndItsWatchEnds() throws InterruptedException {
        Object page = new Object();
        long pageId = watcher.watch(page, "node removed", STACK, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        LeakSuspected leak = nextLeak();
        assertEquals(pageId, leak.watchId());

        watcher.displayedAgain(pageId);
        ObjectReused reused = assertInstanceOf(ObjectReused.class, events.poll(10, TimeUnit.SECONDS));
        assertEquals(pageId, reused.watchId());
        assertTrue(reused.afterMillis() >= leak.reportedAtMillis() - leak.watchedAtMillis());
        watcher.displayedAgain(pageId);
        assertSentinelComesNext();
        assertTrue(events.stream().noneMatch(ObjectReused.class::isInstance), "retracted once: " + events);
        assertNotNull(page);
    }

    @Test
    void aReportedObjectTheToolkitDisplaysAgainUnnoticedIsFoundByTheRecheck() throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean onScreen = new java.util.concurrent.atomic.AtomicBoolean();
        Object page = new Object();
        long pageId = watcher.watch(page, "node removed", STACK, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        watcher.addDisplayCheck(watches -> onScreen.get() ? displayed(watches, page) : java.util.Set.of());
        assertEquals(pageId, nextLeak().watchId());

        onScreen.set(true);
        ObjectReused reused = assertInstanceOf(ObjectReused.class, events.poll(10, TimeUnit.SECONDS));
        assertEquals(pageId, reused.watchId());
        assertNotNull(page);
    }

    /** The "reported a second time under a new id": never two standing reports for one object. */
    @Test
    void anObjectDetachedAgainWhileItsReportStandsRetractsTheOldReportFirst() throws InterruptedException {
        Object panel = new Object();
        long firstId = watcher.watch(panel, "component removed", STACK, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(firstId, nextLeak().watchId());

        long secondId = watcher.watch(panel, "component removed", STACK, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        assertEquals(firstId, assertInstanceOf(ObjectReused.class, events.poll(10, TimeUnit.SECONDS)).watchId(),
                "it was displayed again before it could be detached again");
        LeakSuspected again = nextLeak();
        assertEquals(secondId, again.watchId());
        assertEquals(Verdict.RETAINED, again.verdict(), "the old report no longer stands, so nothing accumulates");
        assertNotNull(panel);
    }

    @Test
    void aRuleNamingAnObjectAlreadyReportedDoesNotReportItAgain() throws InterruptedException {
        Object session = new Object();
        long id = watcher.watch(session, "rule Session#close", STACK, WatchSink.NOT_WATCHED);
        assertEquals(id, nextLeak().watchId());

        assertEquals(id, watcher.watch(session, "rule Session#close", STACK, WatchSink.NOT_WATCHED));
        assertSentinelComesNext();
        assertNotNull(session);
    }

    /** Pattern 12: children of a dropped view moved into a showing view are never reported, not even as orphans. */
    @Test
    void displayedDescendantsOfACollectedReportAreNotReported() throws InterruptedException {
        Object[] view = {new Object()};
        Object movedChild = new Object();
        Object droppedChild = new Object();
        long viewId = watcher.watch(view[0], "node removed", STACK, WatchSink.NOT_WATCHED, Verdict.RETAINED);
        long movedId = watcher.watch(movedChild, "node removed", STACK.then("Button"), viewId, Verdict.RETAINED);
        long droppedId = watcher.watch(droppedChild, "node removed", STACK.then("Label"), viewId, Verdict.RETAINED);
        LeakSuspected leak = nextLeak();
        assertEquals(viewId, leak.watchId());
        watcher.addDisplayCheck(watches -> displayed(watches, movedChild));

        view[0] = null;
        assertEquals(viewId, assertInstanceOf(ObjectDeallocated.class, events.poll(10, TimeUnit.SECONDS)).watchId());
        LeakSuspected orphan = nextLeak();
        assertEquals(droppedId, orphan.watchId(), "the child kept off screen outlives its view: reported");
        assertTrue(orphan.gcConfirmed(), "the GC that collected its view confirms it");
        assertSentinelComesNext();
        assertNoReportAbout(movedId);
        assertNotNull(movedChild);
        assertNotNull(droppedChild);
    }

    private static java.util.Set<Long> displayed(List<WatchedReference> watches, Object onScreen) {
        return DisplayCheck.displayedAmong(watches, object -> object == onScreen);
    }

    /** Watches a retained sentinel and expects its report as the next event: everything watched before it was checked. */
    private void assertSentinelComesNext() throws InterruptedException {
        Object sentinel = new Object();
        long sentinelId = watcher.watch(sentinel, "sentinel", ViewStack.of("Sentinel"), WatchSink.NOT_WATCHED);
        assertEquals(sentinelId, nextLeak().watchId());
        assertNotNull(sentinel);
    }

    /** A page class of its own, so that its kind is told apart from other test objects. */
    private static final class OrdersPage {
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
        WatchedReference reference = new WatchedReference(retained, null, null,
                new WatchOrigin("t", dev.leakinspector.protocol.Verdict.LEAK, false, 0, 0, null), STACK.parent(), STACK.crumb());

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
