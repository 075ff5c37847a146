package dev.leakinspector.agent.swing;

import org.junit.jupiter.api.Test;

import java.awt.Panel;
import java.util.List;
import javax.swing.JPanel;
import javax.swing.JRootPane;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** View-stack crumbs of Swing components; runs headless (no window can be made, components can). */
class SwingCrumbsTest {
    @Test
    void componentsAreNamedByTypeAndTheNameTheProgramGaveThem() {
        JPanel form = new JPanel();
        form.setName("form");
        assertEquals("JPanel#form", SwingCrumbs.component(form));
        assertEquals("JPanel", SwingCrumbs.component(new JPanel()));
        assertEquals("JPanel", SwingCrumbs.component(new JPanel() { }), "anonymous classes use their named superclass");
    }

    @Test
    void namesARootPaneDerivesForItsPanesAreNotShown() {
        JRootPane root = new JRootPane();
        assertEquals("null.contentPane", root.getContentPane().getName(), "what JRootPane does; this test relies on it");
        assertEquals("JPanel", SwingCrumbs.component(root.getContentPane()));
        assertEquals("JPanel", SwingCrumbs.component(root.getGlassPane()));
    }

    @Test
    void heavyweightComponentsAreNotAskedForANameTheyWouldInvent() {
        int[] asked = {0};
        Panel panel = new Panel() {
            @Override
            public String getName() {
                asked[0]++;
                return super.getName();
            }
        };
        assertEquals("Panel", SwingCrumbs.component(panel));
        assertEquals(0, asked[0], "getName() on an unnamed AWT Panel stores an invented \"panelN\"");
    }

    @Test
    void theStackRunsFromTheTopDownAndSkipsTheRootPanesLayeredPane() {
        JRootPane root = new JRootPane();
        JPanel form = new JPanel();
        form.setName("form");
        JPanel orders = new JPanel();
        orders.setName("orders");
        form.add(orders);
        root.getContentPane().add(form);

        assertEquals(List.of("JRootPane", "JPanel", "JPanel#form", "JPanel#orders"), SwingCrumbs.of(orders).crumbs());
    }
}
