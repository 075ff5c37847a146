package dev.leakinspector.cli;

import dev.leakinspector.testing.TargetSide;

import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.ToolTipManager;
import java.awt.BorderLayout;
import java.awt.event.MouseEvent;

/**
 * A Swing program that leaks nothing but uses what keeps UI objects off screen legitimately: a menu opened and
 * closed, a popup menu shown and hidden, a tooltip shown, a combo box popup opened and closed, a table edited, a
 * message dialog shown and closed (Swing's shared owner frame), a dialog disposed and dropped, a tab removed and
 * dropped, a text field with selected text. Needs an X display (xvfb-run). Prints {@code READY <pid>}, then
 * {@code QUIET} once all that is done and the main window still shows.
 */
public final class QuietSwingTarget {
    private QuietSwingTarget() {
    }

    public static void main(String[] args) throws Exception {
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        SwingUtilities.invokeAndWait(QuietSwingTarget::build);
    }

    private static void build() {
        JFrame frame = new JFrame("quiet");
        JMenu file = new JMenu("File");
        file.add(new JMenuItem("Open"));
        JMenuBar bar = new JMenuBar();
        bar.add(file);
        frame.setJMenuBar(bar);
        JButton button = new JButton("button");
        button.setToolTipText("a tooltip");
        JPopupMenu popup = new JPopupMenu();
        popup.add(new JMenuItem("context"));
        button.setComponentPopupMenu(popup);
        JComboBox<String> combo = new JComboBox<>(new String[] {"a", "b", "c"});
        JTable table = new JTable(new Object[][] {{"x", "y"}, {"z", "w"}}, new Object[] {"one", "two"});
        JTextField text = new JTextField("some text to select");
        JTabbedPane tabs = new JTabbedPane();
        tabs.addTab("kept", new JLabel("kept"));
        tabs.addTab("dropped", new JPanel());
        JPanel top = new JPanel();
        top.add(button);
        top.add(combo);
        top.add(text);
        frame.getContentPane().add(top, BorderLayout.NORTH);
        frame.getContentPane().add(new JScrollPane(table), BorderLayout.CENTER);
        frame.getContentPane().add(tabs, BorderLayout.SOUTH);
        frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
        frame.setSize(600, 400);
        frame.setVisible(true);

        file.setPopupMenuVisible(true);
        popup.show(button, 5, 5);
        combo.setPopupVisible(true);
        ToolTipManager.sharedInstance().setInitialDelay(0);
        ToolTipManager.sharedInstance().mouseMoved(new MouseEvent(button, MouseEvent.MOUSE_MOVED,
                System.currentTimeMillis(), 0, 5, 5, 0, false));
        table.editCellAt(0, 0);
        text.selectAll();
        JDialog dialog = new JDialog(frame, "options");
        dialog.add(new JLabel("options"));
        dialog.pack();
        dialog.setVisible(true);
        // a message dialog without a parent: Swing's shared owner frame owns it
        Timer closeMessage = new Timer(300, e -> {
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                if (w instanceof JDialog d && "message".equals(d.getTitle())) {
                    d.dispose();
                }
            }
        });
        closeMessage.setRepeats(false);
        closeMessage.start();
        JOptionPane.showMessageDialog(null, "hello", "message", JOptionPane.INFORMATION_MESSAGE);
        Timer settle = new Timer(300, e -> {
            file.setPopupMenuVisible(false);
            popup.setVisible(false);
            combo.setPopupVisible(false);
            ToolTipManager.sharedInstance().mouseExited(new MouseEvent(button, MouseEvent.MOUSE_EXITED,
                    System.currentTimeMillis(), 0, 5, 5, 0, false));
            table.getCellEditor().stopCellEditing();
            dialog.dispose();
            tabs.removeTabAt(1);
            TargetSide.reply("QUIET");
        });
        settle.setRepeats(false);
        settle.start();
    }
}
