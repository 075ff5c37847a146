package dev.leakinspector.heap;

import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * Known object structures kept alive while the shared test dump is taken. Each structure has classes of its own
 * so tests can find them by class name.
 */
final class HeapFixtures {
    private HeapFixtures() {
    }

    // ---- static field chain: StaticChain.HEAD -> ChainHead.middle -> ChainMiddle.tail -> ChainTail
    static final class ChainTail { }

    static final class ChainMiddle {
        final ChainTail tail = new ChainTail();
    }

    static final class ChainHead {
        final ChainMiddle middle = new ChainMiddle();
    }

    static final class StaticChain {
        static ChainHead head;
    }

    // ---- array: ArrayHolder.SLOTS -> Object[] [3] -> ArrayElement
    static final class ArrayElement { }

    static final class ArrayHolder {
        static Object[] slots;
    }

    // ---- inner class: InnerHolder.INNER -> Outer$Inner.this$0 -> Outer
    static final class Outer {
        final class Inner {
            int touch() {
                return Outer.this.hashCode();
            }
        }
    }

    static final class InnerHolder {
        static Object inner;
    }

    // ---- lambda: LambdaHolder.TASK -> lambda -> Captured
    static final class Captured { }

    static final class LambdaHolder {
        static Runnable task;
    }

    // ---- thread local on a parked thread: Thread -> threadLocals -> table -> [i] -> Entry.value -> TlValue
    static final class TlValue { }

    // ---- a thread's local variable: ROOT_JAVA_FRAME of thread "fixture-local-holder"
    static final class LocalValue { }

    // ---- weak and soft references do not count
    static final class WeaklyAndStronglyHeld { }

    static final class SoftOnly { }

    static final class RefHolder {
        static WeakReference<WeaklyAndStronglyHeld> weak;
        static SoftReference<SoftOnly> soft;
        static List<Object> strongLongWay;
    }

    // ---- cycles of lengths 1, 2, 3, 5
    static final class CycleNode {
        CycleNode next;
        final String label;

        CycleNode(String label) {
            this.label = label;
        }
    }

    static final class Cycle1 { CycleNode node; }
    static final class Cycle2 { CycleNode node; }
    static final class Cycle3 { CycleNode node; }
    static final class Cycle5 { CycleNode node; }

    static final class CycleHolder {
        static Cycle1 c1;
        static Cycle2 c2;
        static Cycle3 c3;
        static Cycle5 c5;
        static Object[] all;
    }

    static final class SelfCycleStart {
        Object self;
    }

    // ---- watched reference stand-in (the agent's class is not ours to compile here)
    static final class FakeWatchedReference extends WeakReference<Object> {
        final long id;

        FakeWatchedReference(Object referent, long id) {
            super(referent);
            this.id = id;
        }
    }

    static final class WatchedLeak { }

    static final class WatchHolder {
        static List<Object> strong = new ArrayList<>();
        static List<FakeWatchedReference> watches = new ArrayList<>();
    }

    // ---- several paths to one object: MultiPath.first, MultiPath.second, MultiPath.list -> ... -> MultiTarget
    static final class MultiTarget { }

    static final class MultiPath {
        static Object first;
        static Object second;
        static List<Object> list;
    }

    // ---- the listener leak: ListenerModel.LISTENERS -> ArrayList -> Object[] -> Listener.window -> FakeWindow
    static final class FakeWindow {
        final byte[] pixels = new byte[100];
    }

    static final class Listener {
        final FakeWindow window;

        Listener(FakeWindow window) {
            this.window = window;
        }
    }

    static final class ListenerModel {
        static final List<Object> LISTENERS = new ArrayList<>();
    }

    // ---- fields of every kind, for ObjectInspector: FieldsHolder.sample -> FieldsSample (a FieldsBase)
    static class FieldsBase {
        int baseCount = 3;
        String baseName = "base";
    }

    static final class FieldsSample extends FieldsBase {
        boolean flag = true;
        char letter = 'x';
        short small = -3;
        float ratio = 0.5f;
        double precise = 2.25;
        long big = 5_000_000_000L;
        byte tiny = -1;
        int count = 42;
        String title = "Orders";
        String utf16 = "h\u00e9llo \u2713";
        Integer boxed = 4242;
        Thread.State state = Thread.State.NEW;
        Object nothing;
        long[] many = new long[1000];
        WeakReference<Object> weak;
    }

    static final class FieldsHolder {
        static FieldsSample sample;
        static int limit = 10;
    }

    static volatile boolean installed;
    static final CountDownLatch THREADS_PARKED = new CountDownLatch(2);
    static volatile boolean release;

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        StaticChain.head = new ChainHead();
        ArrayHolder.slots = new Object[5];
        ArrayHolder.slots[3] = new ArrayElement();
        InnerHolder.inner = new Outer().new Inner();
        Captured captured = new Captured();
        LambdaHolder.task = () -> captured.hashCode();

        WeaklyAndStronglyHeld both = new WeaklyAndStronglyHeld();
        RefHolder.weak = new WeakReference<>(both);
        RefHolder.soft = new SoftReference<>(new SoftOnly());
        List<Object> inner = new ArrayList<>();
        inner.add(both);
        RefHolder.strongLongWay = new ArrayList<>();
        RefHolder.strongLongWay.add(inner);

        CycleHolder.c1 = new Cycle1();
        CycleNode a = new CycleNode("1a");
        a.next = a;
        CycleHolder.c1.node = a;
        CycleHolder.c2 = new Cycle2();
        CycleHolder.c2.node = ring("2", 2);
        CycleHolder.c3 = new Cycle3();
        CycleHolder.c3.node = ring("3", 3);
        CycleHolder.c5 = new Cycle5();
        CycleHolder.c5.node = ring("5", 5);
        SelfCycleStart self = new SelfCycleStart();
        self.self = self;
        CycleHolder.all = new Object[] {self};

        MultiTarget multi = new MultiTarget();
        MultiPath.first = multi;
        MultiPath.second = multi;
        MultiPath.list = new ArrayList<>();
        MultiPath.list.add(multi);
        for (int i = 0; i < 2; i++) {
            ListenerModel.LISTENERS.add(new Listener(new FakeWindow()));
        }

        FieldsHolder.sample = new FieldsSample();
        FieldsHolder.sample.weak = new WeakReference<>(FieldsHolder.sample.title);
        for (int i = 0; i < FieldsHolder.sample.many.length; i++) {
            FieldsHolder.sample.many[i] = i * 7L;
        }

        WatchedLeak leak = new WatchedLeak();
        WatchHolder.strong.add(leak);
        WatchHolder.watches.add(new FakeWatchedReference(leak, 4242L));

        Thread tl = new Thread(() -> {
            ThreadLocal<TlValue> local = new ThreadLocal<>();
            local.set(new TlValue());
            TL_KEY = local;
            THREADS_PARKED.countDown();
            while (!release) {
                LockSupport.park();
            }
        }, "fixture-thread-local-holder");
        tl.setDaemon(true);
        tl.start();
        Thread lv = new Thread(HeapFixtures::holdLocal, "fixture-local-holder");
        lv.setDaemon(true);
        lv.start();
        try {
            THREADS_PARKED.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // parked, not merely past the latch: their frames and locals are what the fixtures' dumps show
        while (tl.getState() != Thread.State.WAITING || lv.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }

    static volatile ThreadLocal<TlValue> TL_KEY;

    private static void holdLocal() {
        LocalValue value = new LocalValue();
        THREADS_PARKED.countDown();
        while (!release) {
            LockSupport.park();
        }
        System.identityHashCode(value);
    }

    private static CycleNode ring(String label, int length) {
        CycleNode first = new CycleNode(label + "-0");
        CycleNode prev = first;
        for (int i = 1; i < length; i++) {
            CycleNode n = new CycleNode(label + "-" + i);
            prev.next = n;
            prev = n;
        }
        prev.next = first;
        return first;
    }
}
