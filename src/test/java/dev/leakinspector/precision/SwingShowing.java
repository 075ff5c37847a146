package dev.leakinspector.precision;

import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.HierarchyEvent;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The Swing side of {@link ShownRegistry}: registers components (with their subtrees) and windows,
 * records when each stops showing, and says whether one is displayed ({@link Component#isShowing()}).
 * Event dispatch thread only.
 */
final class SwingShowing {
    private final ShownRegistry registry;

    SwingShowing(ShownRegistry registry) {
        this.registry = registry;
    }

    /** Registers {@code root} and every component below it now. */
    void registerTree(Component root) {
        Deque<Component> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Component component = work.pop();
            registerComponent(component);
            if (component instanceof Container container) {
                for (Component child : container.getComponents()) {
                    work.push(child);
                }
            }
        }
    }

    void registerComponent(Component component) {
        registry.register(component);
        // The listener lives in the component and reaches it only through the event: no leak of ours.
        component.addHierarchyListener(event -> {
            if ((event.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0) {
                if (event.getComponent().isShowing()) {
                    registry.displayed(event.getComponent(), System.currentTimeMillis());
                } else {
                    registry.undisplayed(event.getComponent(), System.currentTimeMillis());
                }
            }
        });
    }

    void registerWindow(Window window) {
        registry.register(window);
        window.addComponentListener(new ComponentAdapter() {
            @Override
            public void componentShown(ComponentEvent event) {
                registry.displayed(event.getComponent(), System.currentTimeMillis());
            }

            @Override
            public void componentHidden(ComponentEvent event) {
                registry.undisplayed(event.getComponent(), System.currentTimeMillis());
            }
        });
    }

    static boolean isDisplayed(Object object) {
        return object instanceof Component component && component.isShowing();
    }
}
