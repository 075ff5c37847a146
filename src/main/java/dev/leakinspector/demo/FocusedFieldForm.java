package dev.leakinspector.demo;

import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JTextField;

/**
 * The content of pattern 15: a search field that takes the keyboard focus as soon as the frame opens,
 * and nothing else; the frame is disposed cleanly. The focus goes back to the demo's Swing main window
 * only {@link #FOCUS_BACK_AFTER_MILLIS} ms later, so until then only AWT's focus bookkeeping (and, with
 * an input method, its last focused component) keeps the frame. Event dispatch thread only.
 */
final class FocusedFieldForm implements SwingContent {
    /** Longer than the agent's 2 s grace period: the hold outlasts it, and lets go at the next focus change. */
    static final int FOCUS_BACK_AFTER_MILLIS = 3_000;

    @Override
    public void build(JFrame frame, JPanel form) {
        JTextField search = new JTextField("leak inspector", 20);
        search.setName("search");
        form.add(search);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowOpened(WindowEvent e) {
                search.requestFocusInWindow();
                search.selectAll();
            }
        });
    }

    @Override
    public int focusBackAfterMillis() {
        return FOCUS_BACK_AFTER_MILLIS;
    }
}
