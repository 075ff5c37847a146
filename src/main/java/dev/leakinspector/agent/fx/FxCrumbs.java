package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.ViewStack;
import javafx.collections.ObservableList;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Names JavaFX objects for view stacks so that two pages a user tells apart on screen get two
 * stacks: {@code Stage "Preferences"}, {@code Scene}, {@code VBox#form} (its id or fx:id),
 * {@code VBox.invoice-page} (a style class the program gave it), {@code VBox "Invoices"} (the text
 * of the tab or titled pane it is the content of, or of a plain pane's heading label),
 * {@code InvoicesPage$VBox} (a plain pane whose handlers, or whose first children's, the program's
 * InvoicesPage set). Reads only what is already
 * there, a bounded number of properties per crumb. FX thread only (it reads titles, ids and parents).
 */
final class FxCrumbs {
    /** How many of a plain pane's first children are read for its heading or the program that handles them. */
    private static final int CHILDREN_LOOKED_AT = 8;
    /** How many tabs of a tab pane are compared with a node, at most. */
    private static final int TABS_LOOKED_AT = 64;

    private FxCrumbs() {
    }

    static String window(Window window) {
        String title = window instanceof Stage stage ? stage.getTitle() : null;
        return ViewStack.crumb(ViewStack.typeName(window.getClass()), null, null, title);
    }

    static String scene(Scene scene) {
        return scene == null ? "Scene" : ViewStack.typeName(scene.getClass());
    }

    /**
     * A node's crumb: type, id, the program's style class, and the title it is shown under; a plain
     * pane nothing else names is named after the program class that set its handlers.
     */
    static String node(Node node) {
        String id = node.getId();
        String styleClass = programStyleClass(node);
        String title = title(node);
        String type = ViewStack.typeName(node.getClass());
        boolean named = (id != null && !id.isBlank()) || styleClass != null || title != null;
        if (!named && isGenericContainer(node)) {
            String owner = handlerOwner((Parent) node);
            if (owner != null) {
                type = owner + "$" + type;
            }
            if (!isSceneRoot(node)) {
                // A scene's root is named by its window's title already.
                title = heading((Parent) node);
            }
        }
        return ViewStack.crumb(type, id, styleClass, title);
    }

    /** The view stack of a node in a scene: its window, the scene, then each parent down to it. */
    static ViewStack pathTo(Node node) {
        Deque<Node> chain = new ArrayDeque<>();
        for (Node level = node; level != null; level = level.getParent()) {
            chain.push(level);
        }
        Scene scene = node.getScene();
        ViewStack stack = scene != null && scene.getWindow() != null
                ? ViewStack.of(window(scene.getWindow())).then(scene(scene))
                : ViewStack.of(scene(scene));
        for (Node level : chain) {
            stack = stack.then(node(level));
        }
        return stack;
    }

    /**
     * The title the node is shown under, or null: the text of the tab whose content it is, or whose
     * content region holds it (the tab pane's skin puts each tab's content into a region of its
     * own, which a replaced content leaves behind), or a titled pane's own text.
     */
    static String title(Node node) {
        if (node instanceof TitledPane titled) {
            return blankToNull(titled.getText());
        }
        Parent parent = node.getParent();
        if (parent instanceof TabPane tabs) {
            // The skin's content region: named after the tab whose content it holds.
            ObservableList<Node> held = node instanceof Parent region ? region.getChildrenUnmodifiable() : null;
            return held == null || held.isEmpty() ? null : tabTitle(tabs, held.get(0));
        }
        if (parent != null && parent.getParent() instanceof TabPane tabs) {
            return tabTitle(tabs, node);
        }
        return null;
    }

    private static String tabTitle(TabPane tabs, Node content) {
        ObservableList<Tab> all = tabs.getTabs();
        for (int i = 0; i < all.size() && i < TABS_LOOKED_AT; i++) {
            Tab tab = all.get(i);
            if (tab.getContent() == content) {
                return blankToNull(tab.getText());
            }
        }
        return null;
    }

    /**
     * The text of the first label among a plain pane's first children, or null: the heading a user
     * tells a page by ("Invoices"), where nothing else names it.
     */
    static String heading(Parent pane) {
        ObservableList<Node> children = pane.getChildrenUnmodifiable();
        for (int i = 0; i < children.size() && i < CHILDREN_LOOKED_AT; i++) {
            if (children.get(i) instanceof Label label) {
                String text = blankToNull(label.getText());
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /**
     * The last style class that the program added rather than the control itself: a control's own
     * is its type in CSS case ({@code list-view} for ListView, also of its superclasses); the
     * program's usually comes after it.
     */
    static String programStyleClass(Node node) {
        ObservableList<String> classes = node.getStyleClass();
        for (int i = classes.size() - 1; i >= 0; i--) {
            String styleClass = classes.get(i);
            if (styleClass != null && !styleClass.isBlank() && !isToolkitStyleClass(node.getClass(), styleClass)) {
                return styleClass;
            }
        }
        return null;
    }

    private static boolean isToolkitStyleClass(Class<?> type, String styleClass) {
        return TOOLKIT_STYLE_CLASSES.get(type).contains(styleClass);
    }

    /**
     * Per node class, the style classes that are the toolkit's own: the scene root's and the text controls', the
     * tab pane skin's content region's, and each toolkit superclass's type in CSS case. Computed once per class:
     * a window of thousands of labels asks for each.
     */
    private static final ClassValue<java.util.Set<String>> TOOLKIT_STYLE_CLASSES = new ClassValue<>() {
        @Override
        protected java.util.Set<String> computeValue(Class<?> type) {
            java.util.Set<String> own = new java.util.HashSet<>(java.util.List.of("root", "text-input", "tab-content-area"));
            for (Class<?> level = type; level != null && level != Node.class; level = level.getSuperclass()) {
                if (ViewStack.isToolkitClass(level)) {
                    own.add(cssCase(level.getSimpleName()));
                }
            }
            return java.util.Set.copyOf(own);
        }
    };

    /** {@code ListView} → {@code list-view}, JavaFX's convention for a control's own style class. */
    static String cssCase(String simpleName) {
        StringBuilder css = new StringBuilder(simpleName.length() + 4);
        for (int i = 0; i < simpleName.length(); i++) {
            char c = simpleName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    css.append('-');
                }
                css.append(Character.toLowerCase(c));
            } else {
                css.append(c);
            }
        }
        return css.toString();
    }

    /** A layout pane of the toolkit's own that says nothing by its type: what pages are built from. */
    static boolean isGenericContainer(Node node) {
        Class<?> type = node.getClass();
        return type == Group.class || (node instanceof Pane && type.getPackageName().equals("javafx.scene.layout"));
    }

    /**
     * The program class whose object is the pane's user data, or that set a handler on the pane or on
     * one of its first children (a button's action, a mouse click), or null: the page class that
     * built the pane, in a program whose pages are plain panes filled by a page object. Bounded: the
     * pane and its first {@value #CHILDREN_LOOKED_AT} children.
     */
    private static String handlerOwner(Parent pane) {
        String owner = ownerOf(pane.getUserData());
        if (owner == null) {
            owner = ownerOf(pane.getOnMouseClicked());
        }
        ObservableList<Node> children = pane.getChildrenUnmodifiable();
        for (int i = 0; i < children.size() && i < CHILDREN_LOOKED_AT && owner == null; i++) {
            Node child = children.get(i);
            if (child instanceof ButtonBase button) {
                owner = ownerOf(button.getOnAction());
            } else if (child instanceof ComboBoxBase<?> combo) {
                owner = ownerOf(combo.getOnAction());
            }
            if (owner == null) {
                owner = ownerOf(child.getOnMouseClicked());
            }
        }
        return owner;
    }

    private static String ownerOf(Object handlerOrData) {
        return handlerOrData == null ? null : ViewStack.programClassName(handlerOrData.getClass());
    }

    private static boolean isSceneRoot(Node node) {
        return node.getScene() != null && node.getScene().getRoot() == node;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
