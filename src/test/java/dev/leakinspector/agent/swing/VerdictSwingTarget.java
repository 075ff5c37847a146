package dev.leakinspector.agent.swing;

import dev.leakinspector.testing.TargetSide;

import java.awt.BorderLayout;
import java.awt.EventQueue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * A Swing-only target for the verdict tests, driven by lines on standard input; Swing work runs on the event
 * dispatch thread and each command answers one line. A main frame stays showing. Commands:
 * <ul>
 *   <li>{@code await-agent}: {@code AGENT watching} once the agent's triggers are in place;</li>
 *   <li>{@code prefs}: builds a <em>new</em> "Preferences" {@code JDialog}, shows it, then hides it (Cancel:
 *       {@code setVisible(false)}, never {@code dispose()}) — LEAK-PATTERNS row 13; {@code PREFS HIDDEN};</li>
 *   <li>{@code reusable-hide} / {@code reusable-show}: one "Reusable" dialog, built once, hidden and later
 *       shown again (row 13b); {@code REUSABLE HIDDEN} / {@code REUSABLE SHOWN};</li>
 *   <li>{@code panel-out} / {@code panel-in}: the main frame's {@link CachedPanel} is removed (kept in a
 *       field) and later added back; {@code PANEL OUT} / {@code PANEL IN}.</li>
 * </ul>
 */
public final class VerdictSwingTarget {
    private static JFrame main;
    private static JDialog reusable;
    private static CachedPanel cachedPanel;

    private VerdictSwingTarget() {
    }

    public static void main(String[] args) throws Exception {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> TargetSide.reply("UNCAUGHT " + thread.getName() + " " + error));
        EventQueue.invokeAndWait(() -> {
            main = new JFrame("Main");
            cachedPanel = new CachedPanel();
            main.add(cachedPanel, BorderLayout.CENTER);
            main.setSize(400, 300);
            main.setVisible(true);
            reusable = dialog("Reusable");
        });
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.strip()) {
                case "await-agent" -> TargetSide.reply("AGENT " + TargetSide.awaitAgentWatching());
                case "prefs" -> EventQueue.invokeLater(() -> showThenHide(dialog("Preferences"), "PREFS HIDDEN"));
                case "reusable-hide" -> EventQueue.invokeLater(() -> showThenHide(reusable, "REUSABLE HIDDEN"));
                case "reusable-show" -> EventQueue.invokeLater(() -> {
                    reusable.setVisible(true);
                    TargetSide.reply("REUSABLE SHOWN");
                });
                case "panel-out" -> EventQueue.invokeLater(() -> {
                    main.getContentPane().remove(cachedPanel);
                    main.getContentPane().add(new JLabel("another page"), BorderLayout.CENTER);
                    main.revalidate();
                    TargetSide.reply("PANEL OUT");
                });
                case "panel-in" -> EventQueue.invokeLater(() -> {
                    main.getContentPane().removeAll();
                    main.getContentPane().add(cachedPanel, BorderLayout.CENTER);
                    main.revalidate();
                    TargetSide.reply("PANEL IN");
                });
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }

    private static JDialog dialog(String title) {
        JDialog dialog = new JDialog(main, title);
        JPanel form = new JPanel();
        form.add(new JLabel("Theme"));
        form.add(new JButton("Cancel"));
        dialog.add(form);
        dialog.setSize(200, 100);
        return dialog;
    }

    /** Shows the dialog, and hides it in a later event, as a user's Cancel would; the main frame takes the focus back. */
    private static void showThenHide(JDialog dialog, String answer) {
        dialog.setVisible(true);
        EventQueue.invokeLater(() -> {
            dialog.setVisible(false);
            main.toFront();
            main.requestFocus();
            main.repaint();
            TargetSide.reply(answer);
        });
    }

    /** A page of the main frame that the program keeps to put back later. */
    static final class CachedPanel extends JPanel {
        CachedPanel() {
            add(new JLabel("cached page"));
        }
    }
}
