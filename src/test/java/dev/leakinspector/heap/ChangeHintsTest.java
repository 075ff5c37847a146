package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What to change, read from each kind of path on hand-written dumps: the line names the program's class and field
 * from the path, a documented JDK/toolkit hold gets no change, and the trace text prints it under the path.
 */
class ChangeHintsTest {
    @TempDir
    Path dir;

    /** A dump with com.acme.App (for statics) and the leaked com.acme.Page, completed by {@code build}. */
    private ObjectAnalysis analyse(BiConsumer<MiniHeap, Long> build) throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.App", "java.lang.Object");
        h.cls("com.acme.Page", "java.lang.Object");
        long page = h.obj("com.acme.Page");
        build.accept(h, page);
        try (HprofIndex index = h.open(dir.resolve("change.hprof"))) {
            return MiniHeap.analyse(index, page, 1);
        }
    }

    private static ChangeHint hint(ObjectAnalysis a) {
        Optional<ChangeHint> hint = ChangeHints.of(a);
        assertTrue(hint.isPresent(), () -> LeakTraceText.format(java.util.List.of(a)));
        return hint.get();
    }

    @Test
    void aListenerOnAJavaFxPropertyIsRemovedOrMadeWeakNamedByTheProgramsField() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            h.cls("com.acme.AppModel", "java.lang.Object", "status");
            h.cls("javafx.beans.property.SimpleStringProperty", "java.lang.Object", "helper");
            h.cls("com.sun.javafx.binding.ExpressionHelper$SingleChange", "java.lang.Object", "listener");
            h.cls("com.acme.Page$$Lambda$7/0x0000000800c0c000", "java.lang.Object", "arg$1");
            long listener = h.obj("com.acme.Page$$Lambda$7/0x0000000800c0c000", "arg$1", page);
            long property = h.obj("javafx.beans.property.SimpleStringProperty", "helper",
                h.obj("com.sun.javafx.binding.ExpressionHelper$SingleChange", "listener", listener));
            h.staticField("com.acme.App", "MODEL", h.obj("com.acme.AppModel", "status", property));
        });
        ChangeHint hint = hint(a);
        assertEquals(ChangeHint.Kind.LISTENER, hint.kind());
        assertEquals("AppModel.status", hint.reference());
        assertEquals("Remove the listener from AppModel.status when the window closes (or add it as a WeakChangeListener)",
            hint.line());
    }

    @Test
    void aListenerInAPlainListOfAStaticModelIsRemovedOrMadeWeak() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            h.cls("com.acme.Model", "java.lang.Object", "listeners");
            h.cls("java.util.ArrayList", "java.lang.Object", "elementData");
            h.cls("com.acme.PageListener", "java.lang.Object", "page");
            long listener = h.obj("com.acme.PageListener", "page", page);
            long list = h.obj("java.util.ArrayList", "elementData", h.array(listener, 0L));
            h.staticField("com.acme.App", "MODEL", h.obj("com.acme.Model", "listeners", list));
        });
        assertEquals("Remove the listener from Model.listeners when the window closes (or add it as a weak listener)",
            hint(a).line());
    }

    @Test
    void aStaticCollectionLosesTheEntry() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            h.cls("java.util.ArrayList", "java.lang.Object", "elementData");
            h.staticField("com.acme.App", "PAGES", h.obj("java.util.ArrayList", "elementData", h.array(page)));
        });
        ChangeHint hint = hint(a);
        assertEquals(ChangeHint.Kind.STATIC_COLLECTION, hint.kind());
        assertEquals("Remove the Page from the static App.PAGES when it is closed or swapped out", hint.line());
    }

    @Test
    void aNestedClassIsNamedByItsOwnName() {
        assertEquals("OrdersPage", ChangeHints.shortName("com.acme.SwappedPagePattern$OrdersPage"));
        assertEquals("Page$1", ChangeHints.shortName("com.acme.Page$1"));
        assertEquals("Page$$Lambda$7/0x01", ChangeHints.shortName("com.acme.Page$$Lambda$7/0x01"));
        assertEquals("Page", ChangeHints.shortName("com.acme.Page"));
    }

    @Test
    void aTaskOnAScheduledExecutorIsCancelledNamedByTheExecutorNotItsQueue() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            h.cls("java.util.concurrent.ScheduledThreadPoolExecutor", "java.lang.Object", "workQueue");
            h.cls("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "java.lang.Object", "queue");
            h.cls("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask", "java.lang.Object", "callable");
            h.cls("com.acme.Refresh", "java.lang.Object", "page");
            long task = h.obj("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask", "callable",
                h.obj("com.acme.Refresh", "page", page));
            long queue = h.obj("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "queue", h.array(task));
            h.staticField("com.acme.App", "POOL", h.obj("java.util.concurrent.ScheduledThreadPoolExecutor", "workQueue", queue));
        });
        ChangeHint hint = hint(a);
        assertEquals(ChangeHint.Kind.EXECUTOR, hint.kind());
        assertEquals("Cancel the task scheduled on the ScheduledThreadPoolExecutor when the view closes", hint.line());
    }

    @Test
    void aJavaUtilTimersTaskIsCancelled() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            h.cls("java.util.Timer", "java.lang.Object", "queue");
            h.cls("java.util.TaskQueue", "java.lang.Object", "queue");
            h.cls("com.acme.Refresh", "java.lang.Object", "page");
            long task = h.obj("com.acme.Refresh", "page", page);
            h.staticField("com.acme.App", "TIMER", h.obj("java.util.Timer", "queue",
                h.obj("java.util.TaskQueue", "queue", h.array(task))));
        });
        assertEquals("Cancel the TimerTask scheduled on the Timer when the view closes", hint(a).line());
    }

    @Test
    void anAnimationIsStoppedNamedByItsClassNotTheToolkitsTimer() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            h.cls("com.sun.scenario.animation.AbstractPrimaryTimer", "java.lang.Object", "receivers");
            h.cls("javafx.animation.Timeline", "java.lang.Object", "onFinished");
            long timeline = h.obj("javafx.animation.Timeline", "onFinished", page);
            h.staticField("com.acme.App", "PULSE", h.obj("com.sun.scenario.animation.AbstractPrimaryTimer", "receivers",
                h.array(timeline)));
        });
        ChangeHint hint = hint(a);
        assertEquals(ChangeHint.Kind.ANIMATION, hint.kind());
        assertEquals("Stop the Timeline when the window closes", hint.line());
    }

    @Test
    void aThreadLocalIsRemovedNotTakenForAThread() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            // MiniHeap declares java.lang.Thread without threadLocals: a subclass carries it here
            h.cls("com.acme.PoolThread", "java.lang.Thread", "threadLocals");
            h.cls("java.lang.ThreadLocal$ThreadLocalMap", "java.lang.Object", "table");
            h.cls("java.lang.ThreadLocal$ThreadLocalMap$Entry", "java.lang.Object", "value");
            long entry = h.obj("java.lang.ThreadLocal$ThreadLocalMap$Entry", "value", page);
            long map = h.obj("java.lang.ThreadLocal$ThreadLocalMap", "table", h.array(0L, entry));
            h.staticField("com.acme.App", "WORKER", h.obj("com.acme.PoolThread", "threadLocals", map));
        });
        ChangeHint hint = hint(a);
        assertEquals(ChangeHint.Kind.THREAD_LOCAL, hint.kind());
        assertEquals("Call ThreadLocal.remove() on the pooled thread when done with the Page", hint.line());
    }

    @Test
    void aThreadWhoseFrameHoldsItIsStopped() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            int worker = h.thread("report-worker", "com.acme.Worker.loop", "java.lang.Thread.run");
            h.local(page, worker, 0);
        });
        ChangeHint hint = hint(a);
        assertEquals(ChangeHint.Kind.THREAD, hint.kind());
        assertEquals("Stop the thread \"report-worker\" (interrupt it or end its loop) when the window closes", hint.line());
    }

    @Test
    void aFieldOfALongLivedObjectIsNulled() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            h.cls("com.acme.StatusController", "java.lang.Object", "stage");
            h.staticField("com.acme.App", "CONTROLLER", h.obj("com.acme.StatusController", "stage", page));
        });
        ChangeHint hint = hint(a);
        assertEquals(ChangeHint.Kind.FIELD, hint.kind());
        assertEquals("StatusController.stage", hint.reference());
        assertEquals("Set StatusController.stage to null when the window closes", hint.line());
    }

    @Test
    void aStaticFieldIsNulled() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> h.staticField("com.acme.App", "CURRENT", page));
        assertEquals("Set the static App.CURRENT to null when the window closes", hint(a).line());
    }

    @Test
    void aJdkHoldGetsNoChangeButWhatLetsItGo() throws IOException {
        LibraryHold hold = LibraryHolds.defaults().all().stream()
            .filter(x -> x.kind() == LibraryHold.Kind.STATIC_FIELD).findFirst().orElseThrow();
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.Page", "java.lang.Object");
        long page = h.obj("com.acme.Page");
        h.cls(hold.className(), "java.lang.Object");
        h.staticField(hold.className(), hold.member(), page);
        ObjectAnalysis a;
        try (HprofIndex index = h.open(dir.resolve("hold.hprof"))) {
            a = MiniHeap.analyse(index, page, 1);
        }
        ChangeHint hint = hint(a);
        assertEquals(ChangeHint.Kind.LIBRARY_HOLD, hint.kind());
        assertFalse(hint.isProgramChange());
        assertEquals("Nothing to change in the program: it is the JDK/toolkit's hold (" + hold.name() + "); " + hold.why(),
            hint.line());
        assertFalse(hint.line().contains("null when"), hint.line());
    }

    @Test
    void aTransientPathOrNoPathSuggestsNothing() throws IOException {
        ObjectAnalysis unreachable = analyse((h, page) -> { });
        assertEquals(Optional.empty(), ChangeHints.of(unreachable));
        String[] painting = {"javax.swing.JComponent._paintImmediately", "javax.swing.RepaintManager.paint",
            "java.awt.EventQueue.dispatchEvent", "java.awt.EventDispatchThread.run"};
        ObjectAnalysis midEvent = analyse((h, page) -> h.local(page, h.thread("AWT-EventQueue-0", painting), 0));
        assertTrue(midEvent.onlyTransientPaths(), () -> LeakTraceText.format(java.util.List.of(midEvent)));
        assertEquals(Optional.empty(), ChangeHints.of(midEvent));
        assertFalse(LeakTraceText.format(java.util.List.of(midEvent)).contains("What to change"));
    }

    @Test
    void theTraceShowsWhatToChangeUnderThePath() throws IOException {
        ObjectAnalysis a = analyse((h, page) -> {
            h.cls("com.acme.StatusController", "java.lang.Object", "stage");
            h.staticField("com.acme.App", "CONTROLLER", h.obj("com.acme.StatusController", "stage", page));
        });
        String text = LeakTraceText.format(java.util.List.of(a));
        String[] lines = text.split("\\R");
        int last = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("╰→ ")) {
                last = i;
            }
        }
        assertTrue(last > 0, text);
        assertEquals("What to change: Set StatusController.stage to null when the window closes", lines[last + 2], text);
    }
}
