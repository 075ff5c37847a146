package dev.leakinspector.agent.swing;

import dev.leakinspector.testing.TargetSide;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.EventQueue;
import java.awt.Graphics;
import java.awt.GridLayout;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JScrollBar;
import javax.swing.JTextField;
import javax.swing.JToggleButton;

/**
 * A Swing program that disposes a frame, keeping nothing, in a way that leaves exactly one kind of
 * toolkit holder on it (see {@code SwingMomentaryHolders}). It has a main frame, shown first and
 * never focused by us unless a scenario says so (Xvfb has no window manager to do it). Driven on
 * standard input: prints {@code READY <pid>}; {@code await-agent} prints {@code AGENT <state>};
 * a scenario name runs it on the EDT, each step started by the event the previous one waits for,
 * and prints {@code DISPOSED <epochMillis>}; {@code release} gives the main frame the focus and
 * repaints it, as a desktop would, and prints {@code RELEASED <epochMillis>}; {@code exit} exits.
 * Scenarios:
 * <ul>
 *   <li>{@code focused}: the frame has the focus when disposed; the main frame then repaints
 *       (so the paint manager lets go) but does not take the focus;</li>
 *   <li>{@code focused-kept}: the same, but the frame stays in a static list (a real leak);</li>
 *   <li>{@code painted}: the frame is painted last, the main frame takes the focus without painting,
 *       then the frame is disposed;</li>
 *   <li>{@code selected}: a text field of the frame selects its text (X11 PRIMARY selection), then the
 *       frame is disposed and the main frame takes the focus and repaints;</li>
 *   <li>{@code gradients}: the frame shows gradient-painted buttons, toggles and a scroll bar (Metal's
 *       default Ocean theme), is disposed, and the main frame takes the focus and repaints.</li>
 *   <li>{@code hidden}: the focused frame, painted last, is only hidden (never disposed) and kept in a
 *       static list; nothing paints or takes the focus after it, so the paint manager keeps it. Prints
 *       {@code HIDDEN <epochMillis>} instead of {@code DISPOSED}.</li>
 * </ul>
 */
public final class SwingHoldersTarget {
    /** What a leaking program keeps (scenario {@code focused-kept}). */
    static final List<Object> KEPT = new ArrayList<>();
    private static JFrame main;

    private SwingHoldersTarget() {
    }

    public static void main(String[] args) throws Exception {
        EventQueue.invokeAndWait(() -> {
            main = new JFrame("Holders main");
            main.setFocusableWindowState(false); // it takes the focus only when a scenario gives it
            main.setBounds(600, 0, 300, 100);
            main.setVisible(true);
        });
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.strip();
            switch (command) {
                case "await-agent" -> TargetSide.reply("AGENT " + TargetSide.awaitAgentWatching());
                case "focused", "focused-kept", "painted", "selected", "gradients", "hidden" ->
                        EventQueue.invokeLater(() -> run(command));
                case "release" -> EventQueue.invokeLater(() -> focusMain(() -> {
                    main.repaint();
                    EventQueue.invokeLater(() -> TargetSide.reply("RELEASED " + System.currentTimeMillis()));
                }));
                case "exit" -> System.exit(0);
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }

    /** EDT. */
    private static void run(String scenario) {
        JFrame frame = new JFrame("Holders " + scenario);
        JTextField text = new JTextField("some selectable text");
        JPanel buttons = new JPanel(new GridLayout(1, 3));
        buttons.add(new JButton("Gradient"));
        buttons.add(new JToggleButton("Toggle"));
        buttons.add(new JScrollBar(JScrollBar.HORIZONTAL));
        PaintSignal content = new PaintSignal();
        content.add(text, BorderLayout.NORTH);
        content.add(buttons, BorderLayout.SOUTH);
        frame.setContentPane(content);
        frame.setBounds(0, 0, 400, 200);
        onFocus(text, () -> content.afterNextPaint(() -> {
            switch (scenario) {
                case "focused", "focused-kept" -> {
                    if (scenario.equals("focused-kept")) {
                        KEPT.add(frame);
                    }
                    disposeBeforeTheFocusOutIsRead(frame);
                    main.repaint(); // the paint manager lets go; the focus manager does not
                }
                case "painted" -> focusMain(() -> dispose(frame));
                case "selected" -> {
                    text.selectAll();
                    dispose(frame);
                    focusMain(main::repaint);
                }
                case "gradients" -> {
                    dispose(frame);
                    focusMain(main::repaint);
                }
                case "hidden" -> {
                    KEPT.add(frame);
                    frame.setVisible(false);
                    TargetSide.reply("HIDDEN " + System.currentTimeMillis());
                }
                default -> throw new IllegalArgumentException(scenario);
            }
        }));
        frame.setVisible(true);
        text.requestFocus();
    }

    /**
     * Disposes the focused frame while holding the AWT lock, so the toolkit thread reads the X
     * focus-out of the unmapped window only after its peer is gone and drops it: the focus manager
     * then keeps the frame. On a busy machine this happens by itself, often; the lock makes it
     * certain. Needs {@code --add-exports java.desktop/sun.awt=ALL-UNNAMED}.
     */
    private static void disposeBeforeTheFocusOutIsRead(JFrame frame) {
        try {
            Class<?> sunToolkit = Class.forName("sun.awt.SunToolkit");
            sunToolkit.getMethod("awtLock").invoke(null);
            try {
                dispose(frame);
            } finally {
                sunToolkit.getMethod("awtUnlock").invoke(null);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("run with --add-exports java.desktop/sun.awt=ALL-UNNAMED", e);
        }
    }

    private static void dispose(JFrame frame) {
        frame.dispose();
        TargetSide.reply("DISPOSED " + System.currentTimeMillis());
    }

    /** Gives the main frame the focus and runs {@code then} once it has it. EDT. */
    private static void focusMain(Runnable then) {
        main.setFocusableWindowState(true);
        main.addWindowFocusListener(new WindowAdapter() {
            @Override
            public void windowGainedFocus(WindowEvent e) {
                main.removeWindowFocusListener(this);
                then.run();
            }
        });
        main.toFront();
        main.requestFocus();
    }

    private static void onFocus(Component component, Runnable then) {
        component.addFocusListener(new FocusAdapter() {
            @Override
            public void focusGained(FocusEvent e) {
                component.removeFocusListener(this);
                then.run();
            }
        });
    }

    /** A content pane that runs a task on the EDT right after its next paint. */
    private static final class PaintSignal extends JPanel {
        private Runnable afterPaint;

        PaintSignal() {
            super(new BorderLayout());
        }

        void afterNextPaint(Runnable task) {
            afterPaint = task;
            repaint();
        }

        @Override
        protected void paintComponent(Graphics g) {
            super.paintComponent(g);
            Runnable task = afterPaint;
            if (task != null) {
                afterPaint = null;
                EventQueue.invokeLater(task);
            }
        }
    }
}
