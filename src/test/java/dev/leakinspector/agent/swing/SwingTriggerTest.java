package dev.leakinspector.agent.swing;

import dev.leakinspector.agent.WatchSink;
import dev.leakinspector.protocol.Verdict;
import org.junit.jupiter.api.Test;

import java.awt.event.ContainerEvent;
import java.util.List;
import javax.swing.CellRendererPane;
import javax.swing.JLabel;
import javax.swing.JLayeredPane;
import javax.swing.JPanel;
import javax.swing.JTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trigger's decisions, fed events by hand because the unit tests run headless (no window can
 * be shown, so "showing" is faked by a container that says it is). The real AWT path is covered
 * by SwingLeakPatternsIT under Xvfb.
 */
class SwingTriggerTest {
    private final RecordingSink sink = new RecordingSink();
    private final SwingTrigger trigger = new SwingTrigger(sink);

    @Test
    void aComponentRemovedFromAShowingContainerIsWatchedWithItsSubtreeAndOldStack() {
        JPanel form = showingPanel("form");
        JPanel orders = new JPanel();
        orders.setName("orders");
        JLabel title = new JLabel("Orders");
        orders.add(title);

        trigger.eventDispatched(new ContainerEvent(form, ContainerEvent.COMPONENT_REMOVED, orders));

        RecordingSink.Watch page = sink.watchOf(orders);
        assertEquals(List.of("JPanel#form", "JPanel#orders"), page.viewStack().crumbs());
        assertEquals(SwingTrigger.COMPONENT_REMOVED, page.trigger());
        assertEquals(WatchSink.NOT_WATCHED, page.parentId());
        assertEquals(Verdict.RETAINED, page.verdict(), "a removed page may be a cache: retained until its kind accumulates");
        RecordingSink.Watch label = sink.watchOf(title);
        assertEquals(page.id(), label.parentId(), "the subtree is counted under the removed component");
        assertEquals(List.of("JPanel#form", "JPanel#orders", "JLabel"), label.viewStack().crumbs());
        assertEquals(List.of(), sink.errors);
    }

    @Test
    void aRemovedComponentShowingAgainEndsItsWatchButOneKeptOffScreenDoesNot() {
        JPanel form = showingPanel("form");
        boolean[] showing = {false};
        JPanel orders = new JPanel() {
            @Override
            public boolean isShowing() {
                return showing[0];
            }
        };
        trigger.eventDispatched(new ContainerEvent(form, ContainerEvent.COMPONENT_REMOVED, orders));
        long id = sink.watchOf(orders).id();

        // Put into a container that never shows (an off-screen cache): still dropped from the user's view.
        orders.dispatchEvent(showingChanged(orders, new JPanel()));
        assertEquals(List.of(), sink.displayedAgain, "kept off screen: still watched");

        showing[0] = true; // added somewhere the user sees it again: it was moved, not dropped
        orders.dispatchEvent(showingChanged(orders, form));
        orders.dispatchEvent(showingChanged(orders, form));
        assertEquals(List.of(id), sink.displayedAgain, "displayed again, once: dropped in its grace period, retracted after its report");
    }

    private static java.awt.event.HierarchyEvent showingChanged(java.awt.Component component, java.awt.Container parent) {
        return new java.awt.event.HierarchyEvent(component, java.awt.event.HierarchyEvent.HIERARCHY_CHANGED, component,
                parent, java.awt.event.HierarchyEvent.SHOWING_CHANGED);
    }

    @Test
    void removalsFromHiddenContainersAreNotWatched() {
        JPanel hidden = new JPanel();
        trigger.eventDispatched(new ContainerEvent(hidden, ContainerEvent.COMPONENT_REMOVED, new JPanel()));
        assertEquals(List.of(), sink.watches);
    }

    @Test
    void swingsOwnReusedChildrenAreNotWatched() {
        JLabel renderer = new JLabel();
        assertTrue(SwingTrigger.isKeptForReuseBySwing(new CellRendererPane(), renderer));
        assertTrue(SwingTrigger.isKeptForReuseBySwing(new JTable(), new JPanel()), "a table's cell editor");
        JLayeredPane layers = new JLayeredPane();
        JPanel popup = new JPanel();
        layers.add(popup, JLayeredPane.POPUP_LAYER);
        JPanel page = new JPanel();
        layers.add(page, JLayeredPane.DEFAULT_LAYER);
        assertTrue(SwingTrigger.isKeptForReuseBySwing(layers, popup), "PopupFactory's cached lightweight popup");
        assertFalse(SwingTrigger.isKeptForReuseBySwing(layers, page));
        assertFalse(SwingTrigger.isKeptForReuseBySwing(new JPanel(), page));
    }

    @Test
    void aFailureWhileHandlingAnEventIsReportedNotThrown() {
        JPanel broken = new JPanel() {
            @Override
            public boolean isShowing() {
                throw new IllegalStateException("injected");
            }
        };
        trigger.eventDispatched(new ContainerEvent(broken, ContainerEvent.COMPONENT_REMOVED, new JPanel()));
        assertEquals(1, sink.errors.size());
        assertEquals("injected", sink.errors.get(0).getMessage());
    }

    @Test
    void afterCloseNothingIsWatched() {
        trigger.close();
        trigger.eventDispatched(new ContainerEvent(showingPanel("form"), ContainerEvent.COMPONENT_REMOVED, new JPanel()));
        assertEquals(List.of(), sink.watches);
    }

    /** A panel that says it is on screen, which headless AWT cannot make true. */
    private static JPanel showingPanel(String name) {
        JPanel panel = new JPanel() {
            @Override
            public boolean isShowing() {
                return true;
            }
        };
        panel.setName(name);
        return panel;
    }
}
