package dev.leakinspector.precision;

import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.awt.Window;
import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDesktopPane;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JInternalFrame;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JRadioButton;
import javax.swing.JScrollPane;
import javax.swing.JSlider;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import javax.swing.table.DefaultTableModel;
import javax.swing.tree.DefaultMutableTreeNode;

/**
 * The demos of {@link SwingDemoSuiteTarget}: what each page shows and what the script does on it. Most
 * are written the way demo suites write them, a demo object that fills a plain panel; the planted leaks
 * are classes of their own. EDT only.
 */
final class SwingDemos {
    /** The static settings bean every window may follow; lives as long as the program. */
    static final PropertyChangeSupport SETTINGS = new PropertyChangeSupport(SwingDemos.class);
    /** The static report bus report panels register with. */
    static final List<Runnable> REPORT_BUS = new ArrayList<>();

    private SwingDemos() {
    }

    /** One demo of the list: its name, its page and what the script does on it. */
    abstract static class Demo {
        private final String name;

        Demo(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        /** The page: a panel with the demo's heading and its content. */
        JComponent buildPage() {
            JPanel page = new JPanel(new BorderLayout(0, 8));
            page.setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
            page.add(new JLabel(name), BorderLayout.NORTH);
            page.add(content(), BorderLayout.CENTER);
            return page;
        }

        abstract JComponent content();

        /** What the script does once the page shows. */
        void act() {
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Demo> all(SwingDemoSuiteTarget suite) {
        return List.of(new ButtonsDemo(), new ComboBoxDemo(), new ListDemo(), new TableDemo(), new TreeDemo(),
                new SliderDemo(), new TabbedPaneDemo(), new InternalFrameDemo(suite), new FileChooserDemo(suite),
                new OptionPaneDemo(suite), new PreferencesDemo(suite), new AboutDemo(suite), new ConsoleDemo(suite),
                new SearchDemo(suite));
    }

    static final class ButtonsDemo extends Demo {
        private int clicks;

        ButtonsDemo() {
            super("Buttons");
        }

        @Override
        JComponent content() {
            JPanel panel = new JPanel(new GridLayout(0, 1, 4, 4));
            JLabel count = new JLabel("0 clicks");
            JButton press = new JButton("Press me");
            press.addActionListener(e -> count.setText(++clicks + " clicks"));
            panel.add(press);
            panel.add(count);
            panel.add(new JToggleButton("Toggle"));
            panel.add(new JCheckBox("Check"));
            panel.add(new JRadioButton("Radio"));
            return panel;
        }
    }

    static final class ComboBoxDemo extends Demo {
        private JComboBox<String> combo;

        ComboBoxDemo() {
            super("Combo boxes");
        }

        @Override
        JComponent content() {
            combo = new JComboBox<>(new String[] {"Red", "Green", "Blue"});
            JPanel panel = new JPanel();
            panel.add(combo);
            panel.add(new JTextField("type here", 12));
            return panel;
        }

        @Override
        void act() {
            combo.showPopup();
            SwingDemoSuiteTarget.later(100, combo::hidePopup);
        }
    }

    static final class ListDemo extends Demo {
        private JList<String> list;

        ListDemo() {
            super("Lists");
        }

        @Override
        JComponent content() {
            list = new JList<>(IntStream.range(0, 500).mapToObj(i -> "Item " + i).toArray(String[]::new));
            return new JScrollPane(list);
        }

        @Override
        void act() {
            int index = (int) (Math.random() * 480);
            list.setSelectedIndex(index);
            list.ensureIndexIsVisible(index);
        }
    }

    static final class TableDemo extends Demo {
        private JTable table;

        TableDemo() {
            super("Tables");
        }

        @Override
        JComponent content() {
            DefaultTableModel model = new DefaultTableModel(new String[] {"Name", "Age"}, 0);
            IntStream.range(0, 300).forEach(i -> model.addRow(new Object[] {"Person " + i, 20 + i % 50}));
            table = new JTable(model);
            return new JScrollPane(table);
        }

        @Override
        void act() {
            int row = (int) (Math.random() * 280);
            table.setRowSelectionInterval(row, row);
            table.scrollRectToVisible(table.getCellRect(row, 0, true));
        }
    }

    static final class TreeDemo extends Demo {
        TreeDemo() {
            super("Trees");
        }

        @Override
        JComponent content() {
            DefaultMutableTreeNode root = new DefaultMutableTreeNode("Files");
            for (int i = 0; i < 20; i++) {
                DefaultMutableTreeNode folder = new DefaultMutableTreeNode("Folder " + i);
                IntStream.range(0, 5).forEach(j -> folder.add(new DefaultMutableTreeNode("File " + j)));
                root.add(folder);
            }
            return new JScrollPane(new JTree(root));
        }
    }

    static final class SliderDemo extends Demo {
        SliderDemo() {
            super("Sliders and progress");
        }

        @Override
        JComponent content() {
            JPanel panel = new JPanel();
            panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
            JProgressBar busy = new JProgressBar();
            busy.setIndeterminate(true); // animates for as long as it shows
            panel.add(new JSlider(0, 100, 40));
            panel.add(Box.createVerticalStrut(8));
            panel.add(busy);
            return panel;
        }
    }

    /** Tabs that the user opens and closes: a closed tab's content is dropped. */
    static final class TabbedPaneDemo extends Demo {
        private JTabbedPane tabs;
        private int opened;

        TabbedPaneDemo() {
            super("Tabbed pane");
        }

        @Override
        JComponent content() {
            tabs = new JTabbedPane();
            tabs.addTab("Overview", new JLabel("Overview"));
            tabs.addTab("Details", new JScrollPane(new JTextArea("Details")));
            return tabs;
        }

        @Override
        void act() {
            opened++;
            JPanel document = new JPanel(new BorderLayout());
            document.add(new JLabel("Document " + opened), BorderLayout.NORTH);
            document.add(new JScrollPane(new JTextArea()), BorderLayout.CENTER);
            tabs.addTab("Document " + opened, document);
            tabs.setSelectedIndex(tabs.getTabCount() - 1);
            if (tabs.getTabCount() > 4) {
                tabs.removeTabAt(2); // the oldest document is closed
            }
        }
    }

    /** Documents in internal frames, opened and closed cleanly, and report frames that leak. */
    static final class InternalFrameDemo extends Demo {
        private final SwingDemoSuiteTarget suite;
        private JDesktopPane desktop;
        private JInternalFrame lastDocument;
        private int opened;

        InternalFrameDemo(SwingDemoSuiteTarget suite) {
            super("Internal frames");
            this.suite = suite;
        }

        @Override
        JComponent content() {
            desktop = new JDesktopPane();
            return desktop;
        }

        @Override
        void act() {
            opened++;
            if (lastDocument != null) {
                lastDocument.dispose(); // closed cleanly: nothing else refers to it
            }
            JInternalFrame document = new JInternalFrame("Document " + opened, true, true, true, true);
            document.add(new JScrollPane(new JTextArea("Text of document " + opened)));
            document.setBounds(20 * (opened % 5), 20 * (opened % 5), 300, 200);
            desktop.add(document);
            suite.showing().registerTree(document);
            document.setVisible(true);
            lastDocument = document;

            ReportFrame report = new ReportFrame(opened);
            report.setBounds(320, 20, 250, 150);
            desktop.add(report);
            suite.showing().registerTree(report);
            report.setVisible(true);
            SwingDemoSuiteTarget.later(150, report::dispose);
        }
    }

    /** Planted leak: its panel registers with {@link #REPORT_BUS} and nothing unregisters it when it closes. */
    static final class ReportFrame extends JInternalFrame {
        ReportFrame(int number) {
            super("Report " + number, true, true);
            JLabel status = new JLabel("Report " + number + ": waiting");
            REPORT_BUS.add(() -> status.setText("Report " + number + ": updated"));
            add(status);
        }
    }

    /** A file chooser opened and cancelled, as a user who changes their mind does. */
    static final class FileChooserDemo extends Demo {
        private final SwingDemoSuiteTarget suite;

        FileChooserDemo(SwingDemoSuiteTarget suite) {
            super("File chooser");
            this.suite = suite;
        }

        @Override
        JComponent content() {
            JButton open = new JButton("Open…");
            open.addActionListener(e -> chooseAndCancel());
            JPanel panel = new JPanel();
            panel.add(open);
            return panel;
        }

        private void chooseAndCancel() {
            JFileChooser chooser = new JFileChooser(new File(System.getProperty("java.io.tmpdir")));
            SwingDemoSuiteTarget.later(250, () -> {
                Window dialog = SwingUtilities.getWindowAncestor(chooser);
                if (dialog != null) {
                    suite.showing().registerWindow(dialog);
                }
                chooser.cancelSelection();
            });
            chooser.showOpenDialog(suite.frame()); // modal: returns once cancelled
        }

        @Override
        void act() {
            chooseAndCancel();
        }
    }

    /** An option pane shown and dismissed, the way {@code JOptionPane.showConfirmDialog} does it. */
    static final class OptionPaneDemo extends Demo {
        private final SwingDemoSuiteTarget suite;

        OptionPaneDemo(SwingDemoSuiteTarget suite) {
            super("Option pane");
            this.suite = suite;
        }

        @Override
        JComponent content() {
            JButton ask = new JButton("Ask…");
            ask.addActionListener(e -> askAndDismiss());
            JPanel panel = new JPanel();
            panel.add(ask);
            return panel;
        }

        private void askAndDismiss() {
            JOptionPane pane = new JOptionPane("Save the changes?", JOptionPane.QUESTION_MESSAGE, JOptionPane.YES_NO_CANCEL_OPTION);
            JDialog dialog = pane.createDialog(suite.frame(), "Confirm");
            suite.showing().registerWindow(dialog);
            SwingDemoSuiteTarget.later(250, () -> pane.setValue(JOptionPane.CANCEL_OPTION));
            dialog.setVisible(true); // modal: returns once the value is set
            dialog.dispose();
        }

        @Override
        void act() {
            askAndDismiss();
        }
    }

    /** Planted leak: every "Preferences…" builds a new dialog; Cancel only hides it. */
    static final class PreferencesDemo extends Demo {
        private final SwingDemoSuiteTarget suite;

        PreferencesDemo(SwingDemoSuiteTarget suite) {
            super("Preferences");
            this.suite = suite;
        }

        @Override
        JComponent content() {
            JButton preferences = new JButton("Preferences…");
            preferences.addActionListener(e -> openAndCancel());
            JPanel panel = new JPanel();
            panel.add(preferences);
            return panel;
        }

        private void openAndCancel() {
            PreferencesDialog dialog = new PreferencesDialog(suite.frame());
            suite.open(dialog);
            SwingDemoSuiteTarget.later(200, dialog::cancel);
        }

        @Override
        void act() {
            openAndCancel();
        }
    }

    /** A preferences dialog whose Cancel hides it and forgets to dispose it. */
    static final class PreferencesDialog extends JDialog {
        PreferencesDialog(JFrame owner) {
            super(owner, "Preferences", false);
            setDefaultCloseOperation(WindowConstants.HIDE_ON_CLOSE);
            JPanel form = new JPanel(new GridLayout(0, 2, 4, 4));
            form.add(new JLabel("Font size"));
            form.add(new JSlider(8, 32, 12));
            form.add(new JLabel("Theme"));
            form.add(new JComboBox<>(new String[] {"Light", "Dark"}));
            JButton cancel = new JButton("Cancel");
            cancel.addActionListener(e -> cancel());
            form.add(cancel);
            add(form);
            pack();
        }

        void cancel() {
            setVisible(false); // should be dispose()
        }
    }

    /** One About dialog, kept and shown again on every open: a cache of one, not a leak. */
    static final class AboutDemo extends Demo {
        private final SwingDemoSuiteTarget suite;
        private JDialog about;

        AboutDemo(SwingDemoSuiteTarget suite) {
            super("About");
            this.suite = suite;
        }

        @Override
        JComponent content() {
            JButton show = new JButton("About…");
            show.addActionListener(e -> showAndClose());
            JPanel panel = new JPanel();
            panel.add(show);
            return panel;
        }

        private void showAndClose() {
            if (about == null) {
                about = new JDialog(suite.frame(), "About the Demo Suite", false);
                about.add(new JLabel("Swing Demo Suite 1.0"));
                about.pack();
                suite.showing().registerWindow(about);
            }
            about.setVisible(true);
            SwingDemoSuiteTarget.later(200, () -> about.setVisible(false));
        }

        @Override
        void act() {
            showAndClose();
        }
    }

    /**
     * Results rebuilt on every search; the search field, which the demo keeps, moves into each new results
     * panel, and the old panel is let go once its fade-out timer has run (3 s): collected, and its moved
     * field on screen all the while (LEAK-PATTERNS row 12 in a realistic setting).
     */
    static final class SearchDemo extends Demo {
        private final SwingDemoSuiteTarget suite;
        private final JTextField query = new JTextField("invoices", 12);
        private final JPanel results = new JPanel(new BorderLayout());
        private int searches;

        SearchDemo(SwingDemoSuiteTarget suite) {
            super("Search");
            this.suite = suite;
        }

        @Override
        JComponent content() {
            results.add(resultsPanel(), BorderLayout.CENTER);
            return results;
        }

        private JPanel resultsPanel() {
            searches++;
            JPanel panel = new JPanel(new BorderLayout());
            panel.add(query, BorderLayout.NORTH);
            panel.add(new JScrollPane(new JList<>(IntStream.range(0, 30)
                    .mapToObj(i -> query.getText() + " hit " + i + " of search " + searches).toArray(String[]::new))),
                    BorderLayout.CENTER);
            return panel;
        }

        @Override
        void act() {
            JComponent old = (JComponent) results.getComponent(0);
            javax.swing.Timer fadeOut = new javax.swing.Timer(3000, e -> old.setEnabled(false));
            fadeOut.setRepeats(false);
            fadeOut.start(); // holds the old panel until it has run
            results.removeAll();
            JPanel fresh = resultsPanel(); // the query field moves out of the old panel into the new one
            results.add(fresh, BorderLayout.CENTER);
            suite.showing().registerTree(fresh);
            results.revalidate();
            results.repaint();
        }
    }

    /** Planted leak: a console frame per open, disposed, its panel still listening on {@link #SETTINGS}. */
    static final class ConsoleDemo extends Demo {
        private final SwingDemoSuiteTarget suite;

        ConsoleDemo(SwingDemoSuiteTarget suite) {
            super("Console");
            this.suite = suite;
        }

        @Override
        JComponent content() {
            JButton console = new JButton("Open console");
            console.addActionListener(e -> openAndClose());
            JPanel panel = new JPanel();
            panel.add(console);
            return panel;
        }

        private void openAndClose() {
            ConsoleFrame console = new ConsoleFrame();
            suite.open(console);
            SwingDemoSuiteTarget.later(200, console::dispose);
        }

        @Override
        void act() {
            openAndClose();
        }
    }

    /** A console window whose text area follows the static settings and never stops. */
    static final class ConsoleFrame extends JFrame {
        ConsoleFrame() {
            super("Console");
            JTextArea text = new JTextArea("> ready\n", 10, 40);
            PropertyChangeListener fontFollower = event -> text.setFont(text.getFont().deriveFont(12f));
            SETTINGS.addPropertyChangeListener("fontSize", fontFollower);
            add(new JScrollPane(text));
            pack();
        }
    }
}
