package dev.leakinspector.agent.swing;

import dev.leakinspector.testing.TargetSide;

import java.awt.BorderLayout;
import java.awt.EventQueue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JToolTip;
import javax.swing.JTree;
import javax.swing.Popup;
import javax.swing.PopupFactory;
import javax.swing.Timer;

/**
 * A Swing program that exercises the toolkit's own caches and reuse (combo popups, light- and
 * heavyweight popup menus, a tooltip popup, a table's cell editor, a JOptionPane dialog, tab
 * switches) in a frame, then disposes the frame, keeping nothing; no other window takes the focus
 * or paints afterwards (Xvfb has no window manager to do it). Driven like {@link SwingOnlyTarget}: prints {@code READY <pid>};
 * {@code await-agent} prints {@code AGENT <state>}; {@code exercise} runs the steps ~100 ms apart on
 * the EDT and prints {@code EXERCISED <epochMillis>} after the dispose; {@code exit} exits.
 */
public final class SwingInternalsTarget {
    private static JFrame main;

    private SwingInternalsTarget() {
    }

    public static void main(String[] args) throws Exception {
        EventQueue.invokeAndWait(() -> {
            main = new JFrame("Swing internals target");
            main.setSize(300, 100);
            main.setVisible(true);
        });
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.strip()) {
                case "await-agent" -> TargetSide.reply("AGENT " + TargetSide.awaitAgentWatching());
                case "exercise" -> EventQueue.invokeLater(SwingInternalsTarget::exercise);
                case "exit" -> System.exit(0);
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }

    private static void exercise() {
        JFrame frame = new JFrame("Internals");
        JComboBox<String> combo = new JComboBox<>(new String[] {"one", "two", "three"});
        JTable table = new JTable(new Object[][] {{"a", "b"}, {"c", "d"}}, new Object[] {"x", "y"});
        JTree tree = new JTree();
        JPanel panel = new JPanel(new BorderLayout());
        panel.add(combo, BorderLayout.NORTH);
        panel.add(new JScrollPane(table), BorderLayout.CENTER);
        JTabbedPane tabs = new JTabbedPane();
        tabs.addTab("table", panel);
        tabs.addTab("tree", new JScrollPane(tree));
        frame.add(tabs);
        frame.setSize(400, 300);
        frame.setVisible(true);

        JPopupMenu menu = new JPopupMenu();
        menu.add(new JMenuItem("Copy"));
        menu.add(new JMenuItem("Paste"));
        Popup[] tip = new Popup[1];
        JDialog[] dialog = new JDialog[1];
        Deque<Runnable> steps = new ArrayDeque<>();
        steps.add(combo::showPopup);
        steps.add(combo::hidePopup);
        steps.add(() -> menu.show(panel, 10, 10));
        steps.add(() -> menu.setVisible(false));
        // A big popup menu does not fit in the frame: a heavyweight popup window.
        steps.add(() -> menu.show(panel, 380, 280));
        steps.add(() -> menu.setVisible(false));
        steps.add(() -> {
            JToolTip toolTip = combo.createToolTip();
            toolTip.setTipText("a tip");
            tip[0] = PopupFactory.getSharedInstance().getPopup(combo, toolTip, 20, 20);
            tip[0].show();
        });
        steps.add(() -> tip[0].hide());
        steps.add(() -> table.editCellAt(0, 0));
        steps.add(() -> table.getCellEditor().stopCellEditing());
        // Not edited: a tree's editor selects its text, and on X11 the caret then owns the PRIMARY
        // selection, which keeps the editor (and its window) until anything else selects text.
        steps.add(() -> tabs.setSelectedIndex(1));
        steps.add(() -> tabs.setSelectedIndex(0));
        steps.add(() -> {
            dialog[0] = new JOptionPane("Sure?").createDialog(frame, "Question");
            dialog[0].setModal(false);
            dialog[0].setVisible(true);
        });
        steps.add(() -> dialog[0].dispose());
        steps.add(() -> {
            // Nothing takes the focus back or paints: the toolkit may keep the frame for a while.
            frame.dispose();
            TargetSide.reply("EXERCISED " + System.currentTimeMillis());
        });
        Timer timer = new Timer(100, null);
        timer.addActionListener(e -> {
            Runnable step = steps.poll();
            if (step == null) {
                timer.stop();
            } else {
                step.run();
            }
        });
        timer.start();
    }
}
