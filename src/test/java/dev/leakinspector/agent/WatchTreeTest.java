package dev.leakinspector.agent;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tree captured in one call ({@link Watcher#watchTree}): one report for a surviving tree, crumbs below the top
 * named only when needed and from the objects themselves, no strong reference kept, and the id table it relies on.
 * Real weak references and real GCs.
 */
class WatchTreeTest {
    private static final long GRACE_MILLIS = 100;

    /** A toy toolkit tree: a node has a name and children. */
    static final class Node {
        final String name;
        final List<Node> children = new ArrayList<>();

        Node(String name, Node... children) {
            this.name = name;
            this.children.addAll(List.of(children));
        }
    }

    private final AtomicInteger crumbsNamed = new AtomicInteger();
    private final WatchSink.TreeShape shape = new WatchSink.TreeShape() {
        @Override
        public List<?> children(Object node) {
            return ((Node) node).children;
        }

        @Override
        public String crumb(Object node) {
            crumbsNamed.incrementAndGet();
            return "Node#" + ((Node) node).name;
        }
    };
    private final BlockingQueue<Message> events = new LinkedBlockingQueue<>();
    private final Watcher watcher = new Watcher(GRACE_MILLIS, new GcRequester(true), events::add);

    WatchTreeTest() {
        watcher.start();
    }

    @AfterEach
    void stopWatcher() {
        watcher.stop();
    }

    @Test
    void aSurvivingTreeIsOneReportAndNoCrumbIsNamedWhenItIsCaptured() throws InterruptedException {
        Node tree = new Node("root", new Node("a", new Node("a1"), new Node("a2")), new Node("b"));
        long id = watcher.watchTree(tree, "window hidden", ViewStack.of("Stage \"T\""), "Root", WatchSink.NOT_WATCHED,
                Verdict.LEAK, shape, 1000);

        assertEquals(0, crumbsNamed.get(), "capturing names nothing: the UI thread only walks");
        LeakSuspected leak = nextLeak();
        assertEquals(id, leak.watchId());
        assertEquals(List.of("Stage \"T\"", "Root"), leak.viewStack());
        assertEquals(4, leak.descendants());
        assertNotNull(tree);
    }

    @Test
    void aNodeThatOutlivesItsTreeIsReportedWithTheStackItHadWhenCaptured() throws InterruptedException {
        Node leaf = new Node("leaf");
        Node middle = new Node("middle", leaf);
        Node root = new Node("root", middle);
        WeakReference<Node> rootProbe = new WeakReference<>(root);
        watcher.watchTree(root, "node removed", ViewStack.of("Stage \"T\""), null, WatchSink.NOT_WATCHED,
                Verdict.RETAINED, shape, 1000);
        LeakSuspected first = nextLeak();
        assertEquals(List.of("Stage \"T\"", "Node#root"), first.viewStack());

        middle.children.clear(); // the program lets go of the tree but keeps the leaf
        middle = null;
        root = null;
        LeakSuspected orphan = nextLeak();
        assertTrue(rootProbe.refersTo(null));
        assertEquals(List.of("Stage \"T\"", "Node#root", "Node#middle", "Node#leaf"), orphan.viewStack(),
                "named while the whole chain was alive");
        assertNotNull(leaf);
    }

    @Test
    void aTreeDroppedInItsGracePeriodIsCollectedAndNeverNamed() throws InterruptedException {
        Node tree = new Node("root", new Node("a"), new Node("b"));
        WeakReference<Node> probe = new WeakReference<>(tree);
        watcher.watchTree(tree, "window hidden", null, "Root", WatchSink.NOT_WATCHED, Verdict.LEAK, shape, 1000);
        tree = null;
        Object sentinel = new Object();
        long sentinelId = watcher.watch(sentinel, "sentinel", ViewStack.of("S"), WatchSink.NOT_WATCHED);

        assertEquals(sentinelId, nextLeak().watchId());
        assertTrue(probe.refersTo(null), "no strong reference kept");
        assertEquals(0, crumbsNamed.get());
        assertNotNull(sentinel);
    }

    @Test
    void cancellingTheTopCancelsTheWholeTreeEvenRightAfterItsCapture() throws InterruptedException {
        Node tree = new Node("root", new Node("a", new Node("a1")));
        long id = watcher.watchTree(tree, "node removed", null, "Root", WatchSink.NOT_WATCHED, Verdict.RETAINED, shape,
                1000);
        watcher.cancelTree(id);
        Object sentinel = new Object();
        long sentinelId = watcher.watch(sentinel, "sentinel", ViewStack.of("S"), WatchSink.NOT_WATCHED);

        assertEquals(sentinelId, nextLeak().watchId(), "nothing of the cancelled tree is reported");
        assertNotNull(tree);
    }

    @Test
    void aNodeWhoseChildrenThrowWhenReadIsWatchedWithoutThem() throws InterruptedException {
        WatchSink.TreeShape hostile = new WatchSink.TreeShape() {
            @Override
            public List<?> children(Object node) {
                throw new IllegalStateException("hostile");
            }

            @Override
            public String crumb(Object node) {
                throw new IllegalStateException("hostile");
            }
        };
        Node tree = new Node("root", new Node("a"));
        long id = watcher.watchTree(tree, "window hidden", null, null, WatchSink.NOT_WATCHED, Verdict.LEAK, hostile, 10);

        assertNotEquals(WatchSink.NOT_WATCHED, id);
        LeakSuspected leak = nextLeak();
        assertEquals(List.of("Node"), leak.viewStack(), "a crumb that cannot be read is the class's simple name");
        assertEquals(0, leak.descendants());
        assertNotNull(tree);
    }

    @Test
    void theIdTableFindsKeepsAndForgetsWatchesThroughCollisionsAndGrowth() {
        WatchTable table = new WatchTable();
        List<WatchedReference> all = new ArrayList<>();
        WatchOrigin origin = new WatchOrigin("t", Verdict.LEAK, false, 0, 0, null);
        for (int i = 1; i <= 5000; i++) {
            WatchedReference watch = new WatchedReference(new Object(), null, null, origin, null, "c");
            watch.id = i * 1024L; // ids that share low bits
            table.put(watch);
            all.add(watch);
        }
        assertEquals(5000, table.size());
        for (int i = 0; i < all.size(); i += 2) {
            table.remove(all.get(i).id);
        }
        assertEquals(2500, table.size());
        for (int i = 0; i < all.size(); i++) {
            WatchedReference found = table.get(all.get(i).id);
            if (i % 2 == 0) {
                assertNull(found);
            } else {
                assertEquals(all.get(i), found);
            }
        }
        assertEquals(2500, table.snapshot().size());
    }

    private LeakSuspected nextLeak() throws InterruptedException {
        while (true) {
            Message message = events.poll(20, TimeUnit.SECONDS);
            assertNotNull(message, "no report within 20 s");
            if (message instanceof LeakSuspected leak) {
                return leak;
            }
            assertInstanceOf(Message.class, message);
        }
    }
}
