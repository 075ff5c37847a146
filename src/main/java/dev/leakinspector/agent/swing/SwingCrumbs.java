package dev.leakinspector.agent.swing;

import dev.leakinspector.agent.ViewStack;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Frame;
import java.lang.reflect.Field;
import java.util.EventListener;
import javax.accessibility.AccessibleContext;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JTextField;
import java.util.ArrayList;
import java.util.List;
import javax.swing.Box;
import javax.swing.JComponent;
import javax.swing.JInternalFrame;
import javax.swing.JLabel;
import javax.swing.JLayeredPane;
import javax.swing.JPanel;
import javax.swing.JRootPane;
import javax.swing.JTabbedPane;
import javax.swing.border.Border;
import javax.swing.border.CompoundBorder;
import javax.swing.border.TitledBorder;

/**
 * Names Swing/AWT objects for view stacks: {@code JFrame "Preferences"}, {@code JRootPane},
 * {@code JPanel#form}, {@code JPanel "Invoices"} (a tab's title), {@code InvoicesPage$JPanel} (a
 * plain panel the program's InvoicesPage listens on), so that two pages a user tells apart on screen
 * get two view stacks. Reads only what is already there: nothing is created or registered in the
 * program, and each crumb costs a bounded number of reads (a plain panel's first few children at
 * most). Call on the event dispatch thread, or with the AWT tree lock held (it reads titles, names,
 * listeners and parents).
 */
final class SwingCrumbs {
    /** Suffixes of the names JRootPane derives from its own name for its panes ("null.contentPane"). */
    private static final String[] ROOT_PANE_PART_SUFFIXES = {".contentPane", ".glassPane", ".layeredPane"};
    /** How many of a plain panel's first children are read for its heading or the program that listens on it. */
    private static final int CHILDREN_LOOKED_AT = 8;

    private SwingCrumbs() {
    }

    /** {@code JFrame "title"}, {@code JDialog "title"}, or the type alone for untitled windows. */
    static String window(java.awt.Window window) {
        String title = window instanceof Frame frame ? frame.getTitle()
                : window instanceof Dialog dialog ? dialog.getTitle() : null;
        return ViewStack.crumb(ViewStack.typeName(window.getClass()), null, null, title);
    }

    /**
     * A component's crumb: its type and whatever a developer would recognise it by, cheaply read:
     * {@code JPanel#form} (the name the program gave it), {@code JPanel "Invoices"} (its tab's title
     * in a tabbed pane, an internal frame's title, its titled border, the accessible name the
     * program set, or for a plain panel the text of its heading label), and for a plain panel
     * nothing else names, the program class whose listeners are on it or on its first children:
     * {@code InvoicesPage$JPanel}.
     */
    static String component(Component component) {
        String name = explicitName(component);
        String title = title(component);
        String type = ViewStack.typeName(component.getClass());
        if (name == null && title == null && isGenericContainer(component)) {
            String owner = listenerOwner((Container) component);
            if (owner != null) {
                type = owner + "$" + type;
            }
            if (!isContentPane(component)) {
                // A window's content pane is named by the window's title already.
                title = heading((Container) component);
            }
        }
        return ViewStack.crumb(type, name, null, title);
    }

    /**
     * The title a user sees on or for the component, or null: its tab's title when it is a page of a
     * tabbed pane, an internal frame's title, the title of its titled border, or an accessible name
     * the program set. Only a JPanel is asked for its accessible name, and only when it already has
     * an accessible context, so that reading it creates nothing in the program.
     */
    static String title(Component component) {
        if (component.getParent() instanceof JTabbedPane tabs) {
            int index = tabs.indexOfComponent(component);
            if (index >= 0) {
                String title = tabs.getTitleAt(index);
                if (title != null && !title.isBlank()) {
                    return title;
                }
            }
        }
        if (component instanceof JInternalFrame frame && frame.getTitle() != null && !frame.getTitle().isBlank()) {
            return frame.getTitle();
        }
        if (component instanceof JComponent swing) {
            String borderTitle = borderTitle(swing.getBorder());
            if (borderTitle != null) {
                return borderTitle;
            }
            String accessibleName = accessibleName(swing);
            if (accessibleName != null) {
                return accessibleName;
            }
        }
        return null;
    }

    /**
     * The accessible name the program gave a panel: the client property a JComponent's accessible
     * context reads, or the name set on an accessible context the panel already has. Asking
     * {@code getAccessibleContext()} would create one in the program (and for tables and trees
     * register listeners), so the existing one is read from its field; where the toolkit's
     * internals are not open to us (the agent opens them, a plain class path does not), only the
     * client property is read.
     */
    private static String accessibleName(JComponent component) {
        Object property = component.getClientProperty(AccessibleContext.ACCESSIBLE_NAME_PROPERTY);
        if (property instanceof String name && !name.isBlank()) {
            return name;
        }
        if (!(component instanceof JPanel) || ExistingAccessibleContext.FIELD == null) {
            return null;
        }
        try {
            Object context = ExistingAccessibleContext.FIELD.get(component);
            String name = context instanceof AccessibleContext accessible ? accessible.getAccessibleName() : null;
            return name == null || name.isBlank() ? null : name;
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** {@code Component.accessibleContext}, readable, or null where the toolkit's internals are closed to us. */
    private static final class ExistingAccessibleContext {
        static final Field FIELD = open();

        private static Field open() {
            try {
                Field field = Component.class.getDeclaredField("accessibleContext");
                field.setAccessible(true);
                return field;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * The program class that listens on a plain panel or on one of its first children (a button's
     * action listener, a mouse listener), or null: the page class that built the panel, in a
     * program whose pages are plain panels filled by a page object. Swing's own listeners (UI
     * delegates) are toolkit classes and do not count. Bounded: the panel and its first
     * {@value #CHILDREN_LOOKED_AT} children.
     */
    private static String listenerOwner(Container container) {
        String owner = ownerOf(container.getMouseListeners());
        if (owner == null) {
            owner = ownerOf(container.getComponentListeners());
        }
        int children = Math.min(container.getComponentCount(), CHILDREN_LOOKED_AT);
        for (int i = 0; i < children && owner == null; i++) {
            Component child = container.getComponent(i);
            if (child instanceof AbstractButton button) {
                owner = ownerOf(button.getActionListeners());
            }
            if (owner == null && child instanceof JComboBox<?> combo) {
                owner = ownerOf(combo.getActionListeners());
            }
            if (owner == null && child instanceof JTextField field) {
                owner = ownerOf(field.getActionListeners());
            }
            if (owner == null) {
                owner = ownerOf(child.getMouseListeners());
            }
        }
        return owner;
    }

    /**
     * The text of the first label among a plain panel's first children, or null: the heading a user
     * tells a page by ("Invoices"), where nothing else names it.
     */
    static String heading(Container panel) {
        int children = Math.min(panel.getComponentCount(), CHILDREN_LOOKED_AT);
        for (int i = 0; i < children; i++) {
            if (panel.getComponent(i) instanceof JLabel label && label.getText() != null && !label.getText().isBlank()) {
                return label.getText();
            }
        }
        return null;
    }

    private static String ownerOf(EventListener[] listeners) {
        for (EventListener listener : listeners) {
            String owner = ViewStack.programClassName(listener.getClass());
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }

    /** The title of a titled border, also one inside a compound border (a titled border with padding). */
    private static String borderTitle(Border border) {
        for (int depth = 0; depth < 4 && border != null; depth++) {
            if (border instanceof TitledBorder titled) {
                String title = titled.getTitle();
                return title == null || title.isBlank() ? null : title;
            }
            if (!(border instanceof CompoundBorder compound)) {
                return null;
            }
            String outer = borderTitle(compound.getOutsideBorder());
            if (outer != null) {
                return outer;
            }
            border = compound.getInsideBorder();
        }
        return null;
    }

    /** A container of the toolkit's own that says nothing by its type: the JPanel every page is built from. */
    static boolean isGenericContainer(Component component) {
        Class<?> type = component.getClass();
        return type == JPanel.class || type == Box.class || type == java.awt.Panel.class || type == JComponent.class;
    }

    /**
     * The name the program gave the component, or null. Only Swing components are asked:
     * {@code getName()} on a heavyweight AWT component that has no name invents one ("panel3") from
     * a global counter and stores it, which would change the names the program's next components get.
     * Names JRootPane derives for its own panes are plumbing, not the program's names.
     */
    static String explicitName(Component component) {
        if (!(component instanceof JComponent)) {
            return null;
        }
        String name = component.getName();
        if (name == null || name.isEmpty()) {
            return null;
        }
        for (String suffix : ROOT_PANE_PART_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return null;
            }
        }
        return name;
    }

    /**
     * The stack below {@code parentStack} for {@code child}: the layered pane of a root pane is
     * skipped, because every Swing window has one and it tells the reader nothing about where the
     * component was ({@code JRootPane › JPanel}, not {@code JRootPane › JLayeredPane › JPanel}).
     */
    static ViewStack below(ViewStack parentStack, Component child) {
        if (isRootPanePlumbing(child)) {
            return parentStack;
        }
        return parentStack.then(component(child));
    }

    /** The stack of a component still in its hierarchy: from its window (or topmost container) down. */
    static ViewStack of(Component component) {
        List<Component> path = new ArrayList<>();
        for (Component level = component; level != null; level = level.getParent()) {
            path.add(level);
        }
        Component top = path.get(path.size() - 1);
        ViewStack stack = ViewStack.of(top instanceof java.awt.Window window ? window(window) : component(top));
        for (int i = path.size() - 2; i >= 0; i--) {
            stack = below(stack, path.get(i));
        }
        return stack;
    }

    private static boolean isContentPane(Component component) {
        return component.getParent() instanceof JLayeredPane layers && layers.getParent() instanceof JRootPane rootPane
                && rootPane.getContentPane() == component;
    }

    private static boolean isRootPanePlumbing(Component child) {
        Container parent = child.getParent();
        return child instanceof JLayeredPane && parent instanceof JRootPane rootPane && rootPane.getLayeredPane() == child;
    }
}
