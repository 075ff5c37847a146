package dev.leakinspector.agent.swing;

import dev.leakinspector.precision.ProgramViews;
import org.junit.jupiter.api.Test;

import java.awt.Panel;
import java.util.List;
import javax.accessibility.AccessibleContext;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDesktopPane;
import javax.swing.JInternalFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRootPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** View-stack crumbs of Swing components; runs headless (no window can be made, components can). */
class SwingCrumbsTest {
    @Test
    void componentsAreNamedByTypeAndTheNameTheProgramGaveThem() {
        JPanel form = new JPanel();
        form.setName("form");
        assertEquals("JPanel#form", SwingCrumbs.component(form));
        assertEquals("JPanel", SwingCrumbs.component(new JPanel()));
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
        SwingCrumbs.component(panel);
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

    @Test
    void twoPlainPanelsInTwoTabsGetTwoStacksWithTheirTabTitles() {
        JRootPane root = new JRootPane();
        JTabbedPane tabs = new JTabbedPane();
        JPanel buttons = new JPanel();
        JPanel tables = new JPanel();
        tabs.addTab("Buttons", buttons);
        tabs.addTab("Tables", tables);
        root.getContentPane().add(tabs);
        JLabel inButtons = new JLabel();
        buttons.add(inButtons);
        JLabel inTables = new JLabel();
        tables.add(inTables);

        assertEquals(List.of("JRootPane", "JPanel", "JTabbedPane", "JPanel \"Buttons\""), SwingCrumbs.of(buttons).crumbs());
        assertEquals(List.of("JRootPane", "JPanel", "JTabbedPane", "JPanel \"Tables\""), SwingCrumbs.of(tables).crumbs());
        assertNotEquals(SwingCrumbs.of(inButtons).crumbs(), SwingCrumbs.of(inTables).crumbs(),
                "what is inside two pages is told apart too");
    }

    @Test
    void aProgramsPageClassNamesItsPanelAndAnAnonymousPanelNamesTheClassItIsWrittenIn() {
        assertEquals("InvoicesPage", SwingCrumbs.component(ProgramViews.invoicesPage()));
        assertEquals("ProgramViews$JPanel", SwingCrumbs.component(ProgramViews.anonymousPanel()));
        assertEquals("JTable", SwingCrumbs.component(new JTable()), "a toolkit control is named by its type");
    }

    @Test
    void aPlainPanelIsNamedAfterTheProgramClassWhoseListenersItsControlsCarry() {
        JPanel page = ProgramViews.ordersControllerPage();
        JPanel other = new JPanel();
        other.add(new JButton("no listener of the program"));

        assertEquals("OrdersController$JPanel \"Orders\"", SwingCrumbs.component(page), "its heading label titles it");
        JPanel named = ProgramViews.ordersControllerPage();
        named.setName("orders");
        assertEquals("JPanel#orders", SwingCrumbs.component(named), "the name the program gave it is enough");
        assertEquals("JPanel", SwingCrumbs.component(other), "Swing's own button listeners do not name it");
    }

    @Test
    void titledBordersInternalFramesAndAccessibleNamesTitleAComponent() {
        JPanel bordered = new JPanel();
        bordered.setBorder(BorderFactory.createTitledBorder("Shipping address"));
        JPanel padded = new JPanel();
        padded.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4),
                BorderFactory.createTitledBorder("Billing")));
        JPanel accessible = new JPanel();
        accessible.putClientProperty(AccessibleContext.ACCESSIBLE_NAME_PROPERTY, "Search results");
        JInternalFrame frame = new JInternalFrame("Report 3");
        new JDesktopPane().add(frame);

        assertEquals("JPanel \"Shipping address\"", SwingCrumbs.component(bordered));
        assertEquals("JPanel \"Billing\"", SwingCrumbs.component(padded));
        assertEquals("JPanel \"Search results\"", SwingCrumbs.component(accessible));
        assertEquals("JInternalFrame \"Report 3\"", SwingCrumbs.component(frame));
    }

    @Test
    void aPlainPanelsHeadingLabelTitlesItButNotAWindowsContentPane() {
        JPanel page = new JPanel();
        page.add(new JLabel("Invoices"));
        page.add(new JTable());
        JRootPane root = new JRootPane();
        root.getContentPane().add(new JLabel("Same as the window's title"));

        assertEquals("JPanel \"Invoices\"", SwingCrumbs.component(page));
        assertEquals("JPanel", SwingCrumbs.component(root.getContentPane()));
    }

    @Test
    void onlyAPlainPanelsFirstChildrenAreReadSoACrumbStaysCheap() {
        JPanel wide = new JPanel();
        for (int i = 0; i < 10_000; i++) {
            wide.add(new JButton("plain " + i));
        }
        JPanel programs = ProgramViews.ordersControllerPage();
        wide.add(programs.getComponent(1)); // the button the program listens on, moved to the end
        wide.add(new JLabel("a heading far down"));

        assertEquals("JPanel", SwingCrumbs.component(wide));
    }
}
