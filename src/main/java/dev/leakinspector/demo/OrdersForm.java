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
 * The content of pattern 9: an {@code OrdersPage#orders} in the form, swapped for a summary (and
 * kept in {@link #PAGE_CACHE}) just before the frame is disposed. Event dispatch thread only.
 */
final class OrdersForm implements SwingContent {
    /** Pages "kept for later" and never used again: a static list, so a GC root for every page in it. */
    static final List<JPanel> PAGE_CACHE = Collections.synchronizedList(new ArrayList<>());

    private OrdersPage orders;

    @Override
    public void build(JFrame frame, JPanel form) {
        orders = new OrdersPage();
        form.add(orders);
    }

    @Override
    public void beforeDispose(JFrame frame, JPanel form) {
        // A page swap as a single-window app does it, while the window is still on screen.
        form.remove(orders);
        PAGE_CACHE.add(orders);
        orders = null;
        form.add(new JLabel("Summary: 2 orders"));
        form.revalidate();
        form.repaint();
    }

    /** A page of the window: a table of orders. */
    static final class OrdersPage extends JPanel {
        OrdersPage() {
            setName("orders");
            setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
            add(new JLabel("Orders"));
            JTable table = new JTable(new Object[][] {{"1001", "Tea", "2"}, {"1002", "Cups", "6"}},
                    new Object[] {"Order", "Item", "Qty"});
            add(new JScrollPane(table));
        }
    }
}
