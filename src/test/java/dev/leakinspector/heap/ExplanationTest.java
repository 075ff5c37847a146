package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an explanation says, on hand-written dumps: durable paths before a UI thread's mid-event locals (kept, marked
 * transient), showing components and nodes not leaking, a fingerprint for every path, and the verdict hint read from
 * the first path's shape.
 */
class ExplanationTest {
    private static final String[] PAINTING = {"javax.swing.JComponent._paintImmediately", "javax.swing.RepaintManager.paint",
        "java.awt.EventQueue.dispatchEvent", "java.awt.EventDispatchThread.pumpOneEventForFilters",
        "java.awt.EventDispatchThread.run"};

    @TempDir
    Path dir;

    /** static App.HOLDER -> Holder.view -> View, and (optionally) a paint method's local holding the Holder. */
    private ObjectAnalysis midPaint(boolean staticField, String threadName, String... stack) throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.App", "java.lang.Object");
        h.cls("com.acme.Holder", "java.lang.Object", "view");
        h.cls("com.acme.View", "java.lang.Object");
        long view = h.obj("com.acme.View");
        long holder = h.obj("com.acme.Holder", "view", view);
        if (staticField) {
            h.staticField("com.acme.App", "HOLDER", holder);
        }
        int edt = h.thread(threadName, stack);
        h.local(holder, edt, 0);
        try (HprofIndex index = h.open(dir.resolve("mid-paint.hprof"))) {
            return MiniHeap.analyse(index, view, 3);
        }
    }

    @Test
    void aStaticFieldComesBeforeAPaintMethodsLocalWhichIsKeptAndMarkedTransient() throws IOException {
        ObjectAnalysis a = midPaint(true, "AWT-EventQueue-0", PAINTING);
        assertEquals(2, a.paths().size());
        RetentionPath first = a.paths().get(0);
        assertEquals("static App.HOLDER", first.steps().get(1).reference());
        assertFalse(first.isTransient());
        RetentionPath second = a.paths().get(1);
        assertTrue(second.isTransient());
        // the transient path is the shorter one: the old engine put it first
        assertTrue(second.length() < first.length());
        assertEquals(GcRootKind.JAVA_FRAME, second.rootKind());
        assertEquals("local variable in thread \"AWT-EventQueue-0\" at javax.swing.JComponent._paintImmediately(Source.java:10),"
            + " captured mid-event", second.transientReason());
        assertFalse(a.onlyTransientPaths());
        String text = LeakTraceText.format(List.of(a));
        assertTrue(text.contains("│ transient: local variable in thread \"AWT-EventQueue-0\" at javax.swing.JComponent._paintImmediately"), text);
        assertTrue(text.indexOf("static App.HOLDER") < text.indexOf("transient:"), text);
    }

    @Test
    void whenOnlyATransientLocalHoldsItTheExplanationSaysSo() throws IOException {
        ObjectAnalysis a = midPaint(false, "AWT-EventQueue-0", PAINTING);
        assertEquals(1, a.paths().size());
        assertTrue(a.onlyTransientPaths());
        assertEquals(PathVerdict.UNDECIDED, a.pathVerdict());
        assertTrue(a.pathVerdictReason().startsWith("only transient paths"), a.pathVerdictReason());
        assertTrue(LeakTraceText.format(List.of(a)).contains("Only transient paths: nothing durable keeps it"));
    }

    @Test
    void anyThreadInsideEventDispatchIsTransientButAWorkersOwnFrameIsDurable() throws IOException {
        // a modal loop or a nested dispatch on another thread: inside dispatchEvent
        ObjectAnalysis nested = midPaint(false, "worker", "com.acme.Handler.onClick", "java.awt.EventQueue.dispatchEvent",
            "java.lang.Thread.run");
        assertTrue(nested.paths().get(0).isTransient());
        // a worker's long-running loop is durable
        ObjectAnalysis worker = midPaint(false, "worker", "com.acme.Worker.loop", "java.lang.Thread.run");
        assertFalse(worker.paths().get(0).isTransient());
        assertFalse(worker.onlyTransientPaths());
        // a UI thread idle in its queue: its locals still change with every event
        ObjectAnalysis idle = midPaint(false, "JavaFX Application Thread", "com.sun.glass.ui.gtk.GtkApplication._runLoop");
        assertTrue(idle.paths().get(0).isTransient());
        assertTrue(idle.paths().get(0).transientReason().endsWith("a UI thread's local: it changes with every event"));
    }

    // ---------------------------------------------------------------- showing windows and components

    /**
     * static App.FRAME -> Frame(java.awt.Window).content -> Panel(java.awt.Component, parent Frame).child -> Leaf.
     * The Panel declares a field "visible" of its own: Component.visible is the one that counts.
     */
    private RetentionPath swingPath(boolean windowVisible, boolean hasPeer, boolean panelVisible) throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.App", "java.lang.Object");
        h.cls("java.awt.Component", "java.lang.Object", "peer", "parent", "boolean:visible");
        h.cls("java.awt.Container", "java.awt.Component");
        h.cls("java.awt.Window", "java.awt.Container");
        h.cls("com.acme.Frame", "java.awt.Window", "content");
        h.cls("com.acme.Panel", "java.awt.Container", "child", "visible");
        h.cls("com.acme.Leaf", "java.lang.Object");
        long peer = hasPeer ? h.obj("java.lang.Object") : 0L;
        long leaf = h.obj("com.acme.Leaf");
        long frame = h.obj("com.acme.Frame", "peer", peer, "visible", windowVisible);
        long panel = h.obj("com.acme.Panel", "child", leaf, "parent", frame, "java.awt.Component.visible", panelVisible);
        h.set(frame, "content", panel);
        h.staticField("com.acme.App", "FRAME", frame);
        try (HprofIndex index = h.open(dir.resolve("swing.hprof"))) {
            return MiniHeap.analyse(index, leaf, 1).paths().get(0);
        }
    }

    @Test
    void aComponentOfAShowingWindowIsNotLeakingSoOnlyTheReferenceToTheLeakIsSuspect() throws IOException {
        RetentionPath p = swingPath(true, true, true);
        assertEquals(List.of("com.acme.App", "com.acme.Frame", "com.acme.Panel", "com.acme.Leaf"),
            p.steps().stream().map(PathStep::className).toList());
        assertEquals(List.of(LeakingStatus.NO, LeakingStatus.NO, LeakingStatus.NO, LeakingStatus.YES),
            p.steps().stream().map(PathStep::leaking).toList());
        assertEquals("window is showing", p.steps().get(1).leakingReason());
        assertEquals("component is showing in a showing window", p.steps().get(2).leakingReason());
        assertEquals(List.of(false, false, false, true), p.steps().stream().map(PathStep::suspect).toList());
    }

    @Test
    void aHiddenOrDisposedWindowOrAHiddenPanelShowsNothing() throws IOException {
        for (boolean[] c : new boolean[][] {{false, true, true}, {true, false, true}, {true, true, false}}) {
            RetentionPath p = swingPath(c[0], c[1], c[2]);
            assertEquals(LeakingStatus.UNKNOWN, p.steps().get(2).leaking(), java.util.Arrays.toString(c));
            assertTrue(p.steps().get(2).suspect());
        }
    }

    /** static App.ROOT -> Pane(javafx.scene.Node, scene -> Scene -> window -> Stage showing?).child -> Leaf. */
    private RetentionPath fxPath(boolean showing) throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.App", "java.lang.Object");
        h.cls("javafx.beans.property.ObjectPropertyBase", "java.lang.Object", "value");
        h.cls("javafx.beans.property.BooleanPropertyBase", "java.lang.Object", "boolean:value");
        h.cls("javafx.stage.Window", "java.lang.Object", "showing");
        h.cls("javafx.stage.Stage", "javafx.stage.Window");
        h.cls("javafx.scene.Scene", "java.lang.Object", "window");
        h.cls("javafx.scene.Node", "java.lang.Object", "scene");
        h.cls("com.acme.Pane", "javafx.scene.Node", "child");
        h.cls("com.acme.Leaf", "java.lang.Object");
        long stage = h.obj("javafx.stage.Stage", "showing", h.obj("javafx.beans.property.BooleanPropertyBase", "value", showing));
        long scene = h.obj("javafx.scene.Scene", "window", h.obj("javafx.beans.property.ObjectPropertyBase", "value", stage));
        long leaf = h.obj("com.acme.Leaf");
        long pane = h.obj("com.acme.Pane", "child", leaf, "scene", h.obj("javafx.beans.property.ObjectPropertyBase", "value", scene));
        h.staticField("com.acme.App", "ROOT", pane);
        try (HprofIndex index = h.open(dir.resolve("fx.hprof"))) {
            return MiniHeap.analyse(index, leaf, 1).paths().get(0);
        }
    }

    @Test
    void aNodeInTheSceneOfAShowingWindowIsNotLeaking() throws IOException {
        RetentionPath showing = fxPath(true);
        assertEquals("node is in the scene of a showing window", showing.steps().get(1).leakingReason());
        assertEquals(List.of(false, false, true), showing.steps().stream().map(PathStep::suspect).toList());
        RetentionPath hidden = fxPath(false);
        // held by a static field: not leaking for that reason, never for being on screen
        assertEquals("held by a static field: lives as long as its class", hidden.steps().get(1).leakingReason());
    }

    // ---------------------------------------------------------------- fingerprints

    @Test
    void aPathWithoutSuspectsStillHasAFingerprintOfItsShape() throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.App", "java.lang.Object");
        h.cls("com.acme.Other", "java.lang.Object");
        h.cls("com.acme.Holder", "java.lang.Object", "view");
        h.cls("com.acme.View", "java.lang.Object");
        long a = h.obj("com.acme.View");
        long b = h.obj("com.acme.View");
        long c = h.obj("com.acme.View");
        h.staticField("com.acme.App", "A", h.obj("com.acme.Holder", "view", a));
        h.staticField("com.acme.App", "B", h.obj("com.acme.Holder", "view", b));
        h.staticField("com.acme.Other", "C", h.obj("com.acme.Holder", "view", c));
        try (HprofIndex index = h.open(dir.resolve("fingerprint.hprof"))) {
            // nothing reported: no step is leaking, so no reference is suspect
            List<ObjectAnalysis> r = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER)
                .analyze(new int[] {index.indexOf(a), index.indexOf(b), index.indexOf(c)}, 1, Set.of());
            for (ObjectAnalysis x : r) {
                assertTrue(x.paths().get(0).steps().stream().noneMatch(PathStep::suspect));
                assertTrue(x.fingerprint().matches("[0-9a-f]{40}"), x.fingerprint());
            }
            // static fields are references of their own: A and B differ as C does
            assertNotEquals(r.get(0).fingerprint(), r.get(2).fingerprint());
            assertNotEquals(r.get(0).fingerprint(), r.get(1).fingerprint());
        }
    }

    @Test
    void equalShapesGiveEqualFallbackFingerprints() {
        RetentionPath one = new RetentionPath(GcRootKind.STICKY_CLASS, "System class", List.of(
            new PathStep("com.acme.App", "System class", ReferenceKind.ROOT, LeakingStatus.NO, "", false, 1, true),
            new PathStep("java.lang.Object[]", "static App.ITEMS", ReferenceKind.STATIC_FIELD, LeakingStatus.NO, "", false, 2, false),
            new PathStep("com.acme.View", "Object[3]", ReferenceKind.ARRAY_ELEMENT, LeakingStatus.NO, "", false, 3, false)));
        RetentionPath two = new RetentionPath(GcRootKind.STICKY_CLASS, "System class", List.of(
            new PathStep("com.acme.App", "System class", ReferenceKind.ROOT, LeakingStatus.NO, "", false, 7, true),
            new PathStep("java.lang.Object[]", "static App.ITEMS", ReferenceKind.STATIC_FIELD, LeakingStatus.NO, "", false, 8, false),
            new PathStep("com.acme.View", "Object[12]", ReferenceKind.ARRAY_ELEMENT, LeakingStatus.NO, "", false, 9, false)));
        assertEquals(LeakFingerprint.of(one), LeakFingerprint.of(two));
        assertEquals(40, LeakFingerprint.of(one).length());
    }

    // ---------------------------------------------------------------- verdict hints

    private ObjectAnalysis shape(java.util.function.BiFunction<MiniHeap, Long, Void> build) throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.App", "java.lang.Object");
        h.cls("com.acme.Page", "java.lang.Object");
        long page = h.obj("com.acme.Page");
        build.apply(h, page);
        try (HprofIndex index = h.open(dir.resolve("shape.hprof"))) {
            return MiniHeap.analyse(index, page, 1);
        }
    }

    @Test
    void aListenerInAListAStaticModelKeepsIsALeak() throws IOException {
        ObjectAnalysis a = shape((h, page) -> {
            h.cls("com.acme.Model", "java.lang.Object", "listeners");
            h.cls("java.util.ArrayList", "java.lang.Object", "elementData");
            h.cls("com.acme.DetailPane$$Lambda$12/0x0000000800c0b000", "java.lang.Object", "arg$1");
            long lambda = h.obj("com.acme.DetailPane$$Lambda$12/0x0000000800c0b000", "arg$1", page);
            long list = h.obj("java.util.ArrayList", "elementData", h.array(lambda, 0L));
            h.staticField("com.acme.App", "MODEL", h.obj("com.acme.Model", "listeners", list));
            return null;
        });
        assertEquals(PathVerdict.LEAK, a.pathVerdict());
        assertEquals("retained through a listener list (Model.listeners)", a.pathVerdictReason());
    }

    @Test
    void aListenerOnAPropertyOfAStaticModelIsALeakNamedByTheProgramsField() throws IOException {
        ObjectAnalysis a = shape((h, page) -> {
            h.cls("com.acme.Model", "java.lang.Object", "status");
            h.cls("javafx.beans.property.SimpleStringProperty", "java.lang.Object", "helper");
            h.cls("com.sun.javafx.binding.ExpressionHelper$SingleChange", "java.lang.Object", "listener");
            h.cls("com.acme.Page$$Lambda$7/0x0000000800c0c000", "java.lang.Object", "arg$1");
            long listener = h.obj("com.acme.Page$$Lambda$7/0x0000000800c0c000", "arg$1", page);
            long property = h.obj("javafx.beans.property.SimpleStringProperty", "helper",
                h.obj("com.sun.javafx.binding.ExpressionHelper$SingleChange", "listener", listener));
            h.staticField("com.acme.App", "MODEL", h.obj("com.acme.Model", "status", property));
            return null;
        });
        assertEquals(PathVerdict.LEAK, a.pathVerdict());
        assertEquals("retained through a listener list (Model.status)", a.pathVerdictReason());
    }

    @Test
    void aCollectionAStaticFieldKeepsIsALeak() throws IOException {
        ObjectAnalysis a = shape((h, page) -> {
            h.cls("java.util.ArrayList", "java.lang.Object", "elementData");
            h.staticField("com.acme.App", "PAGES", h.obj("java.util.ArrayList", "elementData", h.array(page)));
            return null;
        });
        assertEquals(PathVerdict.LEAK, a.pathVerdict());
        assertEquals("kept in a collection a static field holds (static App.PAGES)", a.pathVerdictReason());
    }

    @Test
    void aTimerTaskOrAnAnimationIsALeak() throws IOException {
        ObjectAnalysis timer = shape((h, page) -> {
            h.cls("java.util.Timer", "java.lang.Object", "queue");
            h.cls("java.util.TaskQueue", "java.lang.Object", "queue");
            h.cls("com.acme.Refresh", "java.lang.Object", "page");
            long task = h.obj("com.acme.Refresh", "page", page);
            h.staticField("com.acme.App", "TIMER", h.obj("java.util.Timer", "queue",
                h.obj("java.util.TaskQueue", "queue", h.array(task))));
            return null;
        });
        assertEquals(PathVerdict.LEAK, timer.pathVerdict());
        assertTrue(timer.pathVerdictReason().startsWith("retained by a thread, timer or executor"), timer.pathVerdictReason());
        ObjectAnalysis animation = shape((h, page) -> {
            h.cls("javafx.animation.Timeline", "java.lang.Object", "onFinished");
            h.staticField("com.acme.App", "PULSE", h.obj("javafx.animation.Timeline", "onFinished", page));
            return null;
        });
        assertEquals(PathVerdict.LEAK, animation.pathVerdict());
        assertEquals("retained by a running animation (Timeline)", animation.pathVerdictReason());
    }

    @Test
    void aThreadThatHoldsItIsALeak() throws IOException {
        ObjectAnalysis a = shape((h, page) -> {
            int worker = h.thread("report-worker", "com.acme.Worker.loop", "java.lang.Thread.run");
            h.local(page, worker, 0);
            return null;
        });
        assertEquals(PathVerdict.LEAK, a.pathVerdict());
        assertTrue(a.pathVerdictReason().startsWith("retained by a running thread (local variable in thread \"report-worker\""),
            a.pathVerdictReason());
    }

    @Test
    void aShowingWindowThatAThreadsLocalHoldsIsNoThreadLeak() throws IOException {
        ObjectAnalysis a = shape((h, page) -> {
            h.cls("java.awt.Component", "java.lang.Object", "peer", "parent", "boolean:visible");
            h.cls("java.awt.Window", "java.awt.Component", "page");
            long window = h.obj("java.awt.Window", "page", page, "peer", h.obj("java.lang.Object"), "visible", true);
            int main = h.thread("main", "com.acme.Main.main");
            h.local(window, main, 0);
            return null;
        });
        assertEquals("window is showing", a.paths().get(0).steps().get(0).leakingReason());
        assertEquals(PathVerdict.CACHE, a.pathVerdict());
        assertEquals("held only by a plain field of a live Window (Window.page): one per owner, possibly a bounded cache",
            a.pathVerdictReason());
    }

    @Test
    void aPlainFieldOfALiveOwnerIsABoundedCache() throws IOException {
        ObjectAnalysis a = shape((h, page) -> {
            h.cls("com.acme.Browser", "java.lang.Object", "lastPage");
            h.staticField("com.acme.App", "BROWSER", h.obj("com.acme.Browser", "lastPage", page));
            return null;
        });
        assertEquals(PathVerdict.CACHE, a.pathVerdict());
        assertEquals("held only by a plain field of a live Browser (Browser.lastPage): one per owner, possibly a bounded cache",
            a.pathVerdictReason());
    }

    @Test
    void aCollectionOfALiveOwnerIsUndecided() throws IOException {
        ObjectAnalysis a = shape((h, page) -> {
            h.cls("java.awt.Component", "java.lang.Object", "peer", "parent", "boolean:visible");
            h.cls("java.awt.Window", "java.awt.Component", "pages");
            h.cls("java.util.HashMap", "java.lang.Object", "table");
            h.cls("java.util.HashMap$Node", "java.lang.Object", "value");
            long map = h.obj("java.util.HashMap", "table", h.array(h.obj("java.util.HashMap$Node", "value", page)));
            long window = h.obj("java.awt.Window", "pages", map, "peer", h.obj("java.lang.Object"), "visible", true);
            h.root(HprofTag.ROOT_JNI_GLOBAL, window);
            return null;
        });
        assertEquals(PathVerdict.UNDECIDED, a.pathVerdict());
        assertTrue(a.pathVerdictReason().startsWith("kept in a collection of a live Window (Window.pages)"), a.pathVerdictReason());
    }
}
