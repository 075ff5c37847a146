package dev.leakinspector.demo;

import java.awt.BorderLayout;
import javax.swing.BorderFactory;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.WindowConstants;

/**
 * The demo's Swing main window: opened with the first Swing pattern and kept open, as a Swing
 * program's main frame is, so that a closed pattern frame has a Swing window to hand the focus
 * back to. Event dispatch thread only.
 *
 * <p>Why it exists: AWT's {@code KeyboardFocusManager} can keep the last focused window after it is
 * disposed, until another AWT window takes the focus, and Swing's {@code BufferStrategyPaintManager}
 * keeps the last painted window until the next Swing paint. The agent knows both and does not
 * report a window only they hold (8b stays quiet without this window), but it cannot tell whether
 * the program keeps the window too, so it waits for them to let go before it decides: a leaked
 * frame (8) is reported only then. On a desktop that is at once, as the window manager focuses the
 * next window and it repaints; the demo's other windows are JavaFX ones (and Xvfb has no window
 * manager), so this window is the next one, as in a Swing program.
 */
final class SwingMainWindow {
    static final String TITLE = "Leak Inspector demo (Swing)";

    private static JFrame frame;

    private SwingMainWindow() {
    }

    /** Shows the window the first time; later calls do nothing. */
    static void ensureShown() {
        if (frame != null) {
            return;
        }
        frame = new JFrame(TITLE);
        // The demo ends with its JavaFX main window; this one only hides, so it stays reusable.
        frame.setDefaultCloseOperation(WindowConstants.HIDE_ON_CLOSE);
        JLabel text = new JLabel("<html>The Swing side of the demo. The Swing patterns' windows open from "
                + "the main window; this one stays open, as a Swing program's main window does.</html>");
        text.setBorder(BorderFactory.createEmptyBorder(12, 14, 12, 14));
        frame.add(text, BorderLayout.CENTER);
        frame.setSize(360, 120);
        frame.setVisible(true);
    }

    /** The window, shown by {@link #ensureShown()}; the owner of the demo's Swing dialogs. */
    static JFrame frame() {
        ensureShown();
        return frame;
    }

    /**
     * What a desktop does when a window closes: the next window comes to the front, takes the focus
     * and repaints. Call right after disposing a pattern frame.
     */
    static void takeFocusBack() {
        if (frame == null) {
            return;
        }
        if (!frame.isShowing()) {
            frame.setVisible(true);
        }
        frame.toFront();
        frame.requestFocus();
        frame.repaint();
    }
}
