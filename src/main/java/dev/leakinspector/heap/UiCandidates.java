package dev.leakinspector.heap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, in one pass over a dump, the topmost UI objects that are not on screen and were once: JavaFX windows shown
 * and hidden, trees of JavaFX nodes rendered once and now in no window, AWT/Swing windows shown and then disposed or
 * hidden, trees of AWT/Swing components laid out once and now in no window. A node or component inside such a window
 * or tree is not a candidate of its own: it is counted as a descendant of its top (one finding per leaked window).
 *
 * <p>Not candidates, by rule: anything on screen; a window never shown (JavaFX's {@code hasBeenVisible}; a Swing
 * window whose root pane was never laid out); Swing's shared owner frame of JOptionPane; JavaFX popup windows (context menus,
 * tooltips, combo box popups: hidden between uses and reused by the control that owns them) and everything in their
 * scenes; Swing's cached heavyweight popup windows and the toolkits' own window classes; a node or component never
 * rendered or laid out (built and not shown yet, a measuring helper); a node or component in a window that is not a
 * candidate itself. Whether a candidate is a leak is decided later, from what holds it ({@link UiLeakFinder}).
 *
 * <p>Memory: one Java object per UI object found (windows, nodes, components), none per other heap object. Field
 * names are those of JDK 17+ and JavaFX 17+; a missing field makes an object "not a candidate". Not thread-safe.
 */
final class UiCandidates {
    /** Deepest node or component tree walked up from an object to its top. */
    private static final int MAX_DEPTH = 1_000;

    private enum Role { NONE, FX_WINDOW, FX_POPUP, FX_NODE, AWT_WINDOW, AWT_INTERNAL_WINDOW, AWT_COMPONENT }

    /** A topmost UI object that should be dead if only the program holds it, and how many UI objects are under it. */
    record Candidate(int node, UiLeakKind kind, int descendants, String title) {
    }

    private final HprofIndex index;
    private final CancelToken cancel;
    private final Map<HeapClass, Role> roles = new IdentityHashMap<>();
    /** Candidate top (dense index) to {kind ordinal, descendants}; insertion order: windows first, then dump order. */
    private final Map<Integer, int[]> tops = new LinkedHashMap<>();
    /** Every node or component inside a candidate (dense index) to that candidate; primitive, as there may be many. */
    private LongIntMap insideOf = new LongIntMap(1024);

    UiCandidates(HprofIndex index, CancelToken cancel) {
        this.index = index;
        this.cancel = cancel;
    }

    /** The candidate a node or component is inside (dense indexes), or -1; valid after {@link #find()}. */
    int candidateContaining(int object) {
        return insideOf.get(object, -1);
    }

    /** The candidates, windows first, in dump order within each kind. */
    List<Candidate> find() {
        tops.clear();
        insideOf = new LongIntMap(1024);
        IntList fxWindows = new IntList(16);
        IntList fxNodes = new IntList(1024);
        IntList awtWindows = new IntList(16);
        IntList awtComponents = new IntList(1024);
        int n = index.objectCount();
        for (int d = 0; d < n; d++) {
            if ((d & 0xFFFFF) == 0) {
                cancel.throwIfCancelled();
            }
            if (index.recordTag(d) != HprofTag.INSTANCE_DUMP) {
                continue;
            }
            HeapClass c = index.classOf(d);
            if (c == null) {
                continue;
            }
            switch (roles.computeIfAbsent(c, UiCandidates::roleOf)) {
                case FX_WINDOW -> fxWindows.add(d);
                case FX_NODE -> fxNodes.add(d);
                case AWT_WINDOW -> awtWindows.add(d);
                case AWT_COMPONENT -> awtComponents.add(d);
                default -> {
                }
            }
        }
        for (int i = 0; i < fxWindows.size(); i++) {
            int w = fxWindows.get(i);
            if (!isShowingFxWindow(w) && index.fieldValue(w, "javafx.stage.Window", "hasBeenVisible", 0) == 1) {
                tops.put(w, new int[] {UiLeakKind.FX_WINDOW.ordinal(), 0});
            }
        }
        for (int i = 0; i < awtWindows.size(); i++) {
            int w = awtWindows.get(i);
            if (!isShowingAwtWindow(w) && wasLaidOut(w)) {
                boolean disposed = index.fieldValue(w, "java.awt.Component", "peer", 0) == 0;
                tops.put(w, new int[] {(disposed ? UiLeakKind.AWT_WINDOW_DISPOSED : UiLeakKind.AWT_WINDOW_HIDDEN).ordinal(), 0});
            }
        }
        Map<Integer, Integer> fxTopVerdicts = new HashMap<>();
        for (int i = 0; i < fxNodes.size(); i++) {
            cancel.throwIfCancelled();
            int node = fxNodes.get(i);
            int top = fxTop(node);
            int owner = fxTopVerdicts.computeIfAbsent(top, this::fxOwner);
            count(owner, node, UiLeakKind.FX_NODE);
        }
        Map<Integer, Integer> awtTopVerdicts = new HashMap<>();
        for (int i = 0; i < awtComponents.size(); i++) {
            cancel.throwIfCancelled();
            int component = awtComponents.get(i);
            int top = awtTop(component);
            int owner = awtTopVerdicts.computeIfAbsent(top, this::awtOwner);
            count(owner, component, UiLeakKind.AWT_COMPONENT);
        }
        List<Candidate> out = new ArrayList<>();
        UiLeakKind[] kinds = UiLeakKind.values();
        tops.forEach((top, v) -> out.add(new Candidate(top, kinds[v[0]], v[1], title(top))));
        return out;
    }

    /**
     * Adds the object to its owner's count: the owner is a window candidate (already in {@link #tops}), or the top of
     * a detached tree (added here when first met), or -1 (not a candidate).
     */
    private void count(int owner, int object, UiLeakKind treeKind) {
        if (owner < 0) {
            return;
        }
        int[] v = tops.computeIfAbsent(owner, o -> new int[] {treeKind.ordinal(), 0});
        if (owner != object) {
            v[1]++;
            insideOf.put(object, owner);
        }
    }

    // ------------------------------------------------------------------ JavaFX

    /** The top of a node's tree: up through parent, clip owner and sub-scene. */
    private int fxTop(int node) {
        int x = node;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            int up = propertyValue(x, "javafx.scene.Node", "parent");
            if (up < 0) {
                up = deref(index.fieldValue(x, "javafx.scene.Node", "clipParent", 0));
            }
            if (up < 0) {
                up = deref(index.fieldValue(x, "javafx.scene.Node", "subScene", 0));
            }
            if (up < 0) {
                up = deref(index.fieldValue(x, "javafx.scene.Camera", "ownerSubScene", 0));
            }
            if (up < 0) {
                return x;
            }
            x = up;
        }
        return x;
    }

    /**
     * Who a node tree with this top belongs to: its window when that is a candidate, the top itself when the tree is in
     * no window, was rendered and its top is a Parent, else -1 (showing, a popup's, never rendered, a lone leaf).
     */
    private int fxOwner(int top) {
        int scene = propertyValue(top, "javafx.scene.Node", "scene");
        if (scene < 0) {
            // a scene's camera is in no parent: the scene owns it
            scene = deref(index.fieldValue(top, "javafx.scene.Camera", "ownerScene", 0));
        }
        if (scene >= 0) {
            int window = propertyValue(scene, "javafx.scene.Scene", "window");
            if (window >= 0) {
                return tops.containsKey(window) ? window : -1; // a candidate window, else showing, a popup, never shown
            }
        }
        // a view is a Parent (a pane, a control); a lone shape or text in no parent is a toolkit part: a region's
        // CSS shape, a skin's measuring text, a cell's spare text
        return index.fieldValue(top, "javafx.scene.Node", "peer", 0) != 0 && isA(top, "javafx.scene.Parent") ? top : -1;
    }

    private boolean isShowingFxWindow(int window) {
        int showing = deref(index.fieldValue(window, "javafx.stage.Window", "showing", 0));
        return showing >= 0 && index.fieldValue(showing, "value", 0) == 1;
    }

    // ------------------------------------------------------------------ AWT/Swing

    private int awtTop(int component) {
        int x = component;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            int up = deref(index.fieldValue(x, "java.awt.Component", "parent", 0));
            if (up < 0) {
                return x;
            }
            x = up;
        }
        return x;
    }

    /**
     * Who a component tree with this top belongs to: its window when that is a candidate, the top itself when it is no window and was laid out (has a size), else -1.
     */
    private int awtOwner(int top) {
        Role role = roleOf(index.classOf(top));
        if (role == Role.AWT_WINDOW || role == Role.AWT_INTERNAL_WINDOW) {
            return tops.containsKey(top) ? top : -1; // a candidate window, else showing, internal, never shown
        }
        boolean laidOut = index.fieldValue(top, "java.awt.Component", "width", 0) > 0
                && index.fieldValue(top, "java.awt.Component", "height", 0) > 0;
        return laidOut && !isSwingPopupPart(top) ? top : -1;
    }

    /**
     * Whether a window was laid out (shown or packed): a Swing window's root pane has a size. {@code beforeFirstShow}
     * cannot tell, as {@code dispose()} sets it again. A plain AWT window (no root pane) counts as laid out.
     */
    private boolean wasLaidOut(int window) {
        int rootPane = deref(index.fieldValue(window, "rootPane", 0));
        return rootPane < 0 || index.fieldValue(rootPane, "java.awt.Component", "width", 0) > 0
                && index.fieldValue(rootPane, "java.awt.Component", "height", 0) > 0;
    }

    /** Visible and displayable: {@code setVisible(false)} clears the first, {@code dispose()} both. */
    private boolean isShowingAwtWindow(int window) {
        return index.fieldValue(window, "java.awt.Component", "visible", 0) == 1
                && index.fieldValue(window, "java.awt.Component", "peer", 0) != 0;
    }

    /** Swing's popup menus and tooltips: taken out of the layered pane when hidden and kept by their invoker. */
    private boolean isSwingPopupPart(int top) {
        for (HeapClass k = index.classOf(top); k != null; k = k.superClass()) {
            String name = k.name();
            if (name.equals("javax.swing.JPopupMenu") || name.equals("javax.swing.JToolTip")
                    || name.equals("javax.swing.CellRendererPane") || name.startsWith("javax.swing.Popup$")) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ fields

    /** A window's title (a JavaFX Stage's, an AWT Frame's or Dialog's), else "" (also for nodes and components). */
    private String title(int object) {
        long text = 0;
        int property = deref(index.fieldValue(object, "javafx.stage.Stage", "title", 0));
        if (property >= 0) {
            text = index.fieldValue(property, "value", 0);
        } else {
            text = index.fieldValue(object, "java.awt.Frame", "title", 0);
            if (text == 0) {
                text = index.fieldValue(object, "java.awt.Dialog", "title", 0);
            }
        }
        String s = text == 0 ? null : index.readString(text, 200);
        return s == null ? "" : s;
    }

    /** The object a property field ({@code ObjectPropertyBase.value}) of the object holds, or -1. */
    private int propertyValue(int object, String declaringClass, String field) {
        int property = deref(index.fieldValue(object, declaringClass, field, 0));
        return property < 0 ? -1 : deref(index.fieldValue(property, "value", 0));
    }

    private int deref(long id) {
        return id == 0 ? -1 : index.indexOf(id);
    }

    private boolean isA(int object, String className) {
        for (HeapClass k = index.classOf(object); k != null; k = k.superClass()) {
            if (k.name().equals(className)) {
                return true;
            }
        }
        return false;
    }

    private static Role roleOf(HeapClass c) {
        String own = c == null ? "" : c.name();
        for (HeapClass k = c; k != null; k = k.superClass()) {
            switch (k.name()) {
                case "javafx.stage.PopupWindow":
                    return Role.FX_POPUP;
                case "javafx.stage.Window":
                    return own.startsWith("com.sun.") ? Role.FX_POPUP : Role.FX_WINDOW;
                case "javafx.scene.Node":
                    return Role.FX_NODE;
                case "java.awt.Window":
                    return isInternalAwtWindow(own) ? Role.AWT_INTERNAL_WINDOW : Role.AWT_WINDOW;
                case "java.awt.Component":
                    return Role.AWT_COMPONENT;
                default:
                    break;
            }
        }
        return Role.NONE;
    }

    /**
     * Windows the toolkits keep for themselves: Swing's heavyweight popup windows (cached by PopupFactory), the shared
     * owner frame of owner-less dialogs, and the JDK's own window classes.
     */
    private static boolean isInternalAwtWindow(String className) {
        return className.startsWith("javax.swing.Popup$") || className.startsWith("javax.swing.SwingUtilities$")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }
}
