package dev.leakinspector.heap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rule of {@link UiLeakFinder}, case by case, on one hand-written dump whose classes carry the JavaFX and AWT
 * field names the finder reads: what is a candidate (shown once, not on screen, topmost), what is counted inside
 * another, and which section each goes in by what keeps it. A leak-shaped hold is a listener list a static field
 * keeps; a reuse-shaped one a plain field of a live holder.
 */
class UiLeakFinderTest {
    @TempDir
    static Path dir;
    private static Map<String, UiLeak> byName;
    private static UiLeakFinder.Result result;

    /** Builds the dump: everything is held twice over by nothing but what each case names. */
    @BeforeAll
    static void find() throws Exception {
        Ui h = new Ui();
        // 1 a hidden stage a listener keeps, with a root pane and a child; its root keeps a detached pane too
        long leaked = h.stage("Leaked", false, true);
        long scene = h.scene(leaked);
        long root = h.parent("com.acme.Page", scene, 0, true);
        h.m.set(scene, "root", root);
        h.parent("javafx.scene.layout.VBox", h.sceneOf(root), root, true);
        h.m.set(root, "spare", h.parent("javafx.scene.layout.VBox", 0, 0, true));
        h.listen(leaked);
        // 2 a hidden popup window, 3 a stage never shown, 4 a showing stage and a node in it: not candidates
        h.listen(h.window("javafx.stage.ContextMenu", false, true));
        h.listen(h.stage("Never shown", false, false));
        long showing = h.stage("Showing", true, true);
        h.listen(h.parent("javafx.scene.layout.VBox", h.scene(showing), 0, true));
        // 5 a detached pane that was rendered: a candidate; 6 a lone shape, 7 a pane never rendered: not
        h.listen(h.parent("com.acme.OrdersPage", 0, 0, true));
        h.listen(h.node("javafx.scene.shape.SVGPath", 0, 0, true));
        h.listen(h.parent("com.acme.Unrendered", 0, 0, false));
        // 8 a hidden stage a plain field of a live holder keeps (a dialog kept to be shown again)
        h.m.staticField("com.acme.Holder", "INSTANCE", h.m.obj("com.acme.Holder", "dialog", h.stage("Reused", false, true)));
        // 9 a disposed frame a listener keeps; 10 one never laid out
        h.listen(h.frame("Disposed", false, false, 300));
        h.listen(h.frame("Never laid out", false, false, 0));
        // 11 a frame hidden and never disposed that only AWT's window list keeps; 12 one a live holder keeps too
        long forgotten = h.frame("Forgotten", false, true, 300);
        long kept = h.frame("Kept", false, true, 300);
        h.m.staticField("com.acme.FrameHolder", "INSTANCE", h.m.obj("com.acme.FrameHolder", "frame", kept));
        h.m.staticField("java.awt.Window", "allWindows", h.m.array(forgotten, kept));
        h.m.staticField("com.acme.Registry", "listeners", h.m.array(h.listeners.stream().mapToLong(Long::longValue).toArray()));

        HprofIndex index = h.m.open(dir.resolve("ui.hprof"));
        result = new UiLeakFinder(index, ProgressListener.NONE, CancelToken.NEVER).find(3);
        byName = result.all().stream().collect(Collectors.toMap(
                l -> l.title().isEmpty() ? l.analysis().className() : l.title(), l -> l));
        index.close();
    }

    @Test
    void aHiddenStageAListenerKeepsIsOneLeakWithItsNodesInside() {
        UiLeak stage = byName.get("Leaked");
        assertEquals(UiLeak.Status.LEAK, stage.status(), stage.analysis().pathVerdictReason());
        assertEquals(UiLeakKind.FX_WINDOW, stage.kind());
        // the root and its child, and the detached pane the root keeps (held through this leak, not one of its own)
        assertEquals(3, stage.descendants());
        assertEquals("Stage \"Leaked\"", stage.displayName());
        assertTrue(stage.analysis().pathVerdictReason().startsWith("retained through a listener list"),
                stage.analysis().pathVerdictReason());
    }

    @Test
    void aRenderedDetachedPaneIsALeakAndALoneShapeOrAnUnrenderedPaneIsNoCandidate() {
        assertEquals(UiLeak.Status.LEAK, byName.get("com.acme.OrdersPage").status());
        assertEquals(UiLeakKind.FX_NODE, byName.get("com.acme.OrdersPage").kind());
        assertFalse(byName.containsKey("javafx.scene.shape.SVGPath"));
        assertFalse(byName.containsKey("com.acme.Unrendered"));
        assertFalse(result.all().stream().anyMatch(l -> l.analysis().className().equals("javafx.scene.layout.VBox")),
                "no VBox of its own: the ones of the leaked stage are inside it, the one in the showing stage shows");
    }

    @Test
    void popupsWindowsNeverShownAndShowingOnesAreNoCandidates() {
        assertFalse(byName.containsKey("javafx.stage.ContextMenu"));
        assertFalse(byName.containsKey("Never shown"));
        assertFalse(byName.containsKey("Showing"));
        assertFalse(byName.containsKey("Never laid out"));
    }

    @Test
    void aStageKeptByAPlainFieldIsNotReported() {
        assertEquals(UiLeak.Status.NOT_REPORTED, byName.get("Reused").status());
        assertEquals(PathVerdict.CACHE, byName.get("Reused").analysis().pathVerdict());
    }

    @Test
    void aDisposedFrameAListenerKeepsIsALeak() {
        UiLeak frame = byName.get("Disposed");
        assertEquals(UiLeakKind.AWT_WINDOW_DISPOSED, frame.kind());
        assertEquals(UiLeak.Status.LEAK, frame.status());
        assertEquals(1, frame.descendants(), "its root pane");
    }

    @Test
    void aHiddenFrameOnlyAwtsWindowListKeepsWasNeverDisposedButOneTheProgramKeepsIsNotReported() {
        UiLeak forgotten = byName.get("Forgotten");
        assertEquals(UiLeakKind.AWT_WINDOW_HIDDEN, forgotten.kind());
        assertEquals(UiLeak.Status.LEAK, forgotten.status());
        assertTrue(forgotten.analysis().pathVerdictReason().startsWith("hidden and never disposed"),
                forgotten.analysis().pathVerdictReason());
        assertTrue(forgotten.analysis().paths().get(0).steps().stream().anyMatch(PathStep::suspect));
        UiLeak kept = byName.get("Kept");
        assertEquals(UiLeak.Status.NOT_REPORTED, kept.status(), kept.analysis().pathVerdictReason());
        assertEquals("static FrameHolder.INSTANCE", kept.analysis().paths().get(0).steps().get(1).reference(),
                "the program's own path comes first");
    }

    @Test
    void theLeaksAreExactlyThese() {
        assertEquals(java.util.Set.of("Leaked", "Disposed", "Forgotten", "com.acme.OrdersPage"), result.leaks().stream()
                .map(l -> l.title().isEmpty() ? l.analysis().className() : l.title()).collect(Collectors.toSet()));
        assertEquals(4, result.leaks().size());
    }

    /** Declares the toolkit classes with the fields the finder reads, and builds their objects. */
    private static final class Ui {
        final MiniHeap m = new MiniHeap();
        final java.util.List<Long> listeners = new java.util.ArrayList<>();
        private final long ngNode;
        private final long awtPeer;

        Ui() {
            m.cls("javafx.beans.property.ReadOnlyObjectWrapper", "java.lang.Object", "value");
            m.cls("javafx.beans.property.ReadOnlyBooleanWrapper", "java.lang.Object", "boolean:value");
            m.cls("javafx.beans.property.SimpleStringProperty", "java.lang.Object", "value");
            m.cls("javafx.stage.Window", "java.lang.Object", "showing", "boolean:hasBeenVisible", "scene");
            m.cls("javafx.stage.Stage", "javafx.stage.Window", "title");
            m.cls("javafx.stage.PopupWindow", "javafx.stage.Window");
            m.cls("javafx.stage.ContextMenu", "javafx.stage.PopupWindow");
            m.cls("javafx.scene.Scene", "java.lang.Object", "window", "root");
            m.cls("javafx.scene.Node", "java.lang.Object", "parent", "subScene", "scene", "clipParent", "peer");
            m.cls("javafx.scene.Parent", "javafx.scene.Node", "children");
            m.cls("javafx.scene.layout.VBox", "javafx.scene.Parent");
            m.cls("com.acme.Page", "javafx.scene.layout.VBox", "spare");
            m.cls("com.acme.OrdersPage", "javafx.scene.layout.VBox");
            m.cls("com.acme.Unrendered", "javafx.scene.layout.VBox");
            m.cls("javafx.scene.shape.SVGPath", "javafx.scene.Node");
            m.cls("com.sun.javafx.sg.prism.NGNode", "java.lang.Object");
            m.cls("java.awt.Component", "java.lang.Object", "parent", "peer", "boolean:visible", "int:width", "int:height");
            m.cls("java.awt.Container", "java.awt.Component", "component");
            m.cls("java.awt.Window", "java.awt.Container");
            m.cls("java.awt.Frame", "java.awt.Window", "title");
            m.cls("javax.swing.JFrame", "java.awt.Frame", "rootPane");
            m.cls("javax.swing.JRootPane", "java.awt.Container");
            m.cls("sun.awt.X11.XFramePeer", "java.lang.Object");
            m.cls("com.acme.Controller$Listener", "java.lang.Object", "target");
            m.cls("com.acme.Registry", "java.lang.Object");
            m.cls("com.acme.Holder", "java.lang.Object", "dialog");
            m.cls("com.acme.FrameHolder", "java.lang.Object", "frame");
            ngNode = m.obj("com.sun.javafx.sg.prism.NGNode");
            awtPeer = m.obj("sun.awt.X11.XFramePeer");
        }

        long prop(long value) {
            return m.obj("javafx.beans.property.ReadOnlyObjectWrapper", "value", value);
        }

        long window(String className, boolean showing, boolean shown) {
            return m.obj(className, "showing", m.obj("javafx.beans.property.ReadOnlyBooleanWrapper", "value", showing),
                    "hasBeenVisible", shown);
        }

        long stage(String title, boolean showing, boolean shown) {
            long stage = window("javafx.stage.Stage", showing, shown);
            m.set(stage, "title", m.obj("javafx.beans.property.SimpleStringProperty", "value", m.string(title)));
            return stage;
        }

        /** A scene in the window (each keeps the other, as Window.scene and Scene.window do). */
        long scene(long window) {
            long scene = m.obj("javafx.scene.Scene", "window", prop(window));
            m.set(window, "scene", prop(scene));
            return scene;
        }

        private final java.util.Map<Long, Long> sceneOfNode = new java.util.HashMap<>();

        long sceneOf(long node) {
            return sceneOfNode.getOrDefault(node, 0L);
        }

        long node(String className, long scene, long parent, boolean rendered) {
            long node = m.obj(className, "scene", prop(scene), "parent", prop(parent), "peer", rendered ? ngNode : 0L);
            sceneOfNode.put(node, scene);
            return node;
        }

        long parent(String className, long scene, long parent, boolean rendered) {
            return node(className, scene, parent, rendered);
        }

        long frame(String title, boolean visible, boolean displayable, int rootWidth) {
            long frame = m.obj("javax.swing.JFrame", "visible", visible, "peer", displayable ? awtPeer : 0L,
                    "width", 400, "height", 300, "title", m.string(title));
            long rootPane = m.obj("javax.swing.JRootPane", "parent", frame, "visible", true, "width", rootWidth,
                    "height", rootWidth == 0 ? 0 : 200);
            m.set(frame, "rootPane", rootPane);
            return frame;
        }

        void listen(long target) {
            listeners.add(m.obj("com.acme.Controller$Listener", "target", target));
        }
    }
}
