package dev.leakinspector.agent.swing;

import dev.leakinspector.agent.ViewStack;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Frame;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JLayeredPane;
import javax.swing.JRootPane;

/**
 * Names Swing/AWT objects for view stacks: {@code JFrame "Preferences"}, {@code JRootPane},
 * {@code JPanel#form}. Call on the event dispatch thread, or with the AWT tree lock held (it reads
 * titles, names and parents).
 */
final class SwingCrumbs {
    /** Suffixes of the names JRootPane derives from its own name for its panes ("null.contentPane"). */
    private static final String[] ROOT_PANE_PART_SUFFIXES = {".contentPane", ".glassPane", ".layeredPane"};

    private SwingCrumbs() {
    }

    /** {@code JFrame "title"}, {@code JDialog "title"}, or the type alone for untitled windows. */
    static String window(java.awt.Window window) {
        String type = ViewStack.typeName(window.getClass());
        String title = window instanceof Frame frame ? frame.getTitle()
                : window instanceof Dialog dialog ? dialog.getTitle() : null;
        return title == null || title.isEmpty() ? type : type + " \"" + title + "\"";
    }

    /** {@code JPanel#form} when the component was given a name, else its type. */
    static String component(Component component) {
        String type = ViewStack.typeName(component.getClass());
        String name = explicitName(component);
        return name == null ? type : type + "#" + name;
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

    private static boolean isRootPanePlumbing(Component child) {
        Container parent = child.getParent();
        return child instanceof JLayeredPane && parent instanceof JRootPane rootPane && rootPane.getLayeredPane() == child;
    }
}
