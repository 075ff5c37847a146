package dev.leakinspector.demo;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GraphicsEnvironment;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.WindowConstants;

/**
 * The content of patterns 13 and 13b: a "Preferences…" button that shows a preferences dialog owned
 * by the demo's Swing main window, whose Cancel only hides it ({@code setVisible(false)}, never
 * {@code dispose()}). In 13 every open builds a new dialog and forgets the old, hidden one; in 13b
 * the one dialog is kept and shown again, and disposed with the pattern's frame. Event dispatch
 * thread only, except the constructor.
 *
 * <p>The dialogs refer to nothing of the pattern's frame, so what keeps them is theirs alone.
 */
final class PreferencesForm implements SwingContent {
    private final String dialogTitle;
    private final boolean reuse;
    /** The dialog shown last; in 13 forgotten on Cancel (the bug), in 13b kept until the frame is disposed. */
    private JDialog dialog;

    /**
     * @param dialogTitle starts with the pattern id, so a report's view stack tells the pattern
     * @param reuse       keep one dialog and show it again (13b) instead of building one per open (13)
     */
    PreferencesForm(String dialogTitle, boolean reuse) {
        this.dialogTitle = dialogTitle;
        this.reuse = reuse;
    }

    @Override
    public void build(JFrame frame, JPanel form) {
        JButton preferences = new JButton("Preferences\u2026");
        preferences.addActionListener(e -> openPreferences());
        form.add(preferences);
    }

    /** What "Preferences…" does; nothing in a headless JVM, where the pattern has no Swing window either. */
    void openPreferences() {
        if (GraphicsEnvironment.isHeadless()) {
            return;
        }
        if (dialog == null || !reuse) {
            dialog = newDialog();
        }
        dialog.setVisible(true);
    }

    /** What the dialog's Cancel does: hide it. */
    void cancel() {
        if (dialog == null) {
            return;
        }
        dialog.setVisible(false);
        if (!reuse) {
            dialog = null;
        }
    }

    @Override
    public void beforeDispose(JFrame frame, JPanel form) {
        if (reuse && dialog != null) {
            // The program's frame closes: its one dialog goes with it.
            dialog.dispose();
        }
        dialog = null;
    }

    private JDialog newDialog() {
        // Owned by the main window, which stays open, as a program's preferences dialog is; modeless, so
        // showing it does not block the event dispatch thread.
        JDialog prefs = new JDialog(SwingMainWindow.frame(), dialogTitle, false);
        prefs.setDefaultCloseOperation(WindowConstants.HIDE_ON_CLOSE);
        JPanel options = new JPanel();
        options.setName("options");
        options.add(new JCheckBox("Check for updates", true));
        options.add(new JCheckBox("Show line numbers"));
        JButton cancel = new JButton("Cancel");
        // Refers to the dialog only (not to this form): the form is the pattern window's, the dialog outlives it.
        cancel.addActionListener(e -> prefs.setVisible(false));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(cancel);
        JPanel content = new JPanel(new BorderLayout());
        content.setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
        content.add(options, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.SOUTH);
        prefs.setContentPane(content);
        prefs.setSize(300, 140);
        prefs.setLocationRelativeTo(SwingMainWindow.frame());
        return prefs;
    }
}
