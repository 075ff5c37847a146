package dev.leakinspector.demo;

import java.awt.BorderLayout;
import javax.swing.BorderFactory;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.UIManager;
import javax.swing.UnsupportedLookAndFeelException;
import javax.swing.WindowConstants;
import javax.swing.plaf.metal.DefaultMetalTheme;
import javax.swing.plaf.metal.MetalLookAndFeel;

/**
 * The demo's Swing main window: opened with the first Swing pattern and kept open, as a Swing
 * program's main frame is, so that a closed pattern frame has a Swing window to hand the focus
 * back to. Event dispatch thread only.
 *
 * <p>Why it exists: AWT keeps the last focused window in {@code KeyboardFocusManager}'s static
 * {@code focusedWindow}/{@code activeWindow} after it is disposed, until another AWT window takes
 * the focus, and Swing's {@code BufferStrategyPaintManager} keeps the last painted window's buffer
 * strategy (which refers to the window) until the next Swing paint. On a desktop with other Swing
 * windows both are let go at once: the window manager focuses the next window and it repaints. The
 * demo's other windows are JavaFX ones (and Xvfb has no window manager), so without a Swing window
 * to come back to, every disposed pattern frame, leaked or not, would stay reachable.
 */
final class SwingMainWindow {
    static final String TITLE = "Leak Inspector demo (Swing)";

    private static JFrame frame;

    private SwingMainWindow() {
    }

    /** Shows the window the first time (choosing the look and feel first); later calls do nothing. */
    static void ensureShown() {
        if (frame != null) {
            return;
        }
        useSteelMetal();
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

    /**
     * Metal with its classic "Steel" theme rather than the default "Ocean". Ocean paints buttons,
     * scroll bars and toggles with gradients that {@code sun.swing.CachedPainter} caches in a static
     * map of soft references, and each cached image keeps the component it was painted for (to
     * repaint it at other scales). A disposed window is then softly reachable until memory runs
     * low, which a weak-reference watcher cannot tell from a leak. Steel has no gradients, so the
     * demo's NONE patterns show what the program itself holds; the Ocean case is in the report
     * for the agent to handle.
     */
    private static void useSteelMetal() {
        try {
            MetalLookAndFeel.setCurrentTheme(new DefaultMetalTheme());
            UIManager.setLookAndFeel(new MetalLookAndFeel());
        } catch (UnsupportedLookAndFeelException e) {
            // Metal is supported everywhere; if not, the default look is still a working demo.
        }
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
