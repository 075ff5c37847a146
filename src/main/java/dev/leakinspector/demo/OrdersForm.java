package dev.leakinspector.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.swing.BoxLayout;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;

/**
 * The content of pattern 9: an {@code OrdersPage#orders} in the form. Each {@link #swapPage()} takes
 * the page out of the displayed window, keeps it in {@link #PAGE_CACHE} and shows a new one (after the
 * second swap, a summary). Event dispatch thread only, except the constructor.
 */
final class OrdersForm implements SwingContent {
    /** Pages "kept for later" and never used again: a static list, so a GC root for every page in it. */
    static final List<JPanel> PAGE_CACHE = Collections.synchronizedList(new ArrayList<>());
    /** How many pages the form shows before its summary. */
    static final int PAGES = 2;

    private JPanel form;
    private OrdersPage orders;

    @Override
    public void build(JFrame frame, JPanel form) {
        this.form = form;
        orders = new OrdersPage(1);
        form.add(orders);
    }

    /** A page swap as a single-window app does it, while the window is on screen. */
    void swapPage() {
        if (orders == null) {
            return; // headless (no frame), or the summary shows already
        }
        form.remove(orders);
        PAGE_CACHE.add(orders);
        int next = orders.number + 1;
        orders = next <= PAGES ? new OrdersPage(next) : null;
        form.add(orders != null ? orders : new JLabel("Summary: 2 pages of orders"));
        form.revalidate();
        form.repaint();
    }

    @Override
    public void beforeDispose(JFrame frame, JPanel form) {
        this.form = null;
        orders = null;
    }

    /** A page of the window: a table of orders. */
    static final class OrdersPage extends JPanel {
        private final int number;

        OrdersPage(int number) {
            this.number = number;
            setName("orders");
            setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
            add(new JLabel("Orders, page " + number));
            JTable table = new JTable(new Object[][] {{"1001", "Tea", "2"}, {"1002", "Cups", "6"}},
                    new Object[] {"Order", "Item", "Qty"});
            add(new JScrollPane(table));
        }
    }
}
