package dev.leakinspector.precision;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Window;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * A Swing demo suite like the ones the JDK used to ship (not our demo): a list of demos on the left, a
 * tabbed pane with the selected demo's page ("Demo") and its source ("Source code"); each page is built
 * on first selection, kept, and put back when the demo is selected again. Demos cover buttons, lists,
 * tables, trees, sliders, a tabbed pane, internal frames in a desktop pane, file choosers, option panes
 * and dialogs (see {@link SwingDemos}); a "Show source" button moves into each page shown.
 *
 * <p>Planted leaks ({@link #PLANTED}): a preferences dialog built anew on every open and only hidden,
 * never disposed; report internal frames whose panel registers with a static report bus and are closed;
 * console frames disposed while a static settings bean still holds their listener. Everything else is a
 * non-leak: cached pages, an About dialog hidden and shown again, internal frames closed cleanly, file
 * choosers and option panes dismissed, closed tabs, the moved button, the running progress bar.
 *
 * <p>Needs a display (Xvfb in tests); driven by {@link PrecisionTargetSide}'s commands. EDT for all UI.
 */
public final class SwingDemoSuiteTarget implements PrecisionTargetSide.Program {
    static final List<PlantedLeak> PLANTED = List.of(
            new PlantedLeak(SwingDemos.PreferencesDialog.class.getName(),
                    "a new preferences dialog on every open; Cancel only hides it, nothing disposes it"),
            new PlantedLeak(SwingDemos.ReportFrame.class.getName(),
                    "a closed internal frame whose panel is still registered with a static report bus"),
            new PlantedLeak(SwingDemos.ConsoleFrame.class.getName(),
                    "a disposed frame whose panel listens on a static settings bean"));
    /** How long the script shows each demo before it acts on it and moves on. */
    static final int STEP_MILLIS = 400;

    private final ShownRegistry registry = new ShownRegistry();
    private final SwingShowing showing = new SwingShowing(registry);
    private final Map<String, JComponent> pageCache = new HashMap<>();
    private final JPanel demoHolder = new JPanel(new BorderLayout());
    private final JButton showSource = new JButton("Show source");
    private final JTabbedPane tabs = new JTabbedPane();
    private List<SwingDemos.Demo> demos;
    private JList<SwingDemos.Demo> demoList;
    private JFrame frame;

    public static void main(String[] args) throws Exception {
        SwingDemoSuiteTarget suite = new SwingDemoSuiteTarget();
        SwingUtilities.invokeAndWait(suite::show);
        PrecisionTargetSide.serve(suite);
    }

    private void show() {
        frame = new JFrame("Swing Demo Suite");
        frame.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
        demos = SwingDemos.all(this);
        demoList = new JList<>(demos.toArray(SwingDemos.Demo[]::new));
        demoList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        demoList.addListSelectionListener(event -> {
            if (!event.getValueIsAdjusting() && demoList.getSelectedValue() != null) {
                showDemo(demoList.getSelectedValue());
            }
        });
        showSource.addActionListener(e -> tabs.setSelectedIndex(1));
        tabs.addTab("Demo", demoHolder);
        tabs.addTab("Source code", new JScrollPane(new JTextArea("// the selected demo's source")));
        JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(demoList), tabs);
        frame.getContentPane().add(split);
        frame.setSize(new Dimension(1000, 700));
        frame.setVisible(true);
        showing.registerWindow(frame);
        showing.registerComponent(showSource);
        demoList.setSelectedIndex(0);
    }

    /** Puts the demo's page into the "Demo" tab: the cached one, or a new one on first selection. */
    private void showDemo(SwingDemos.Demo demo) {
        JComponent page = pageCache.get(demo.name());
        if (page == null) {
            page = demo.buildPage();
            showing.registerTree(page);
            pageCache.put(demo.name(), page);
        }
        demoHolder.removeAll();
        page.add(showSource, BorderLayout.SOUTH); // moved out of the previous page into this one
        demoHolder.add(page, BorderLayout.CENTER);
        tabs.setSelectedIndex(0);
        demoHolder.revalidate();
        demoHolder.repaint();
    }

    /** Shows a window the program opens, registered so the benchmark can ask whether it shows. */
    void open(Window window) {
        showing.registerWindow(window);
        window.setVisible(true);
    }

    SwingShowing showing() {
        return showing;
    }

    JFrame frame() {
        return frame;
    }

    /** Runs {@code action} once on the EDT after {@code millis}. */
    static void later(int millis, Runnable action) {
        Timer timer = new Timer(millis, e -> action.run());
        timer.setRepeats(false);
        timer.start();
    }

    @Override
    public void startScript(long seconds, LongConsumer onDone) {
        step(0, System.currentTimeMillis() + seconds * 1000, onDone);
    }

    /** Selects demo {@code index}, lets it show, acts on it, and goes on to the next until the time is up. */
    private void step(int index, long endAt, LongConsumer onDone) {
        if (index % demos.size() == 0 && System.currentTimeMillis() >= endAt) {
            onDone.accept(System.currentTimeMillis());
            return;
        }
        SwingDemos.Demo demo = demos.get(index % demos.size());
        demoList.setSelectedIndex(index % demos.size());
        later(STEP_MILLIS / 2, () -> {
            demo.act(); // may run a modal dialog's loop until the dialog is dismissed
            later(STEP_MILLIS / 2, () -> step(index + 1, endAt, onDone));
        });
    }

    @Override
    public Executor uiThread() {
        return SwingUtilities::invokeLater;
    }

    @Override
    public ShownRegistry registry() {
        return registry;
    }

    @Override
    public Predicate<Object> isDisplayed() {
        return SwingShowing::isDisplayed;
    }
}
