package dev.leakinspector.demo;

import javax.swing.JFrame;
import javax.swing.JPanel;

/**
 * The Swing part of a Swing demo pattern: what goes into its frame and what it does just before the
 * frame is disposed. Called on the event dispatch thread only. Implementations live in classes of
 * their own, so the demo loads AWT only when a Swing pattern is opened, never at start.
 */
interface SwingContent {
    /** Fills {@code form}, the {@code JPanel#form} in the centre of the frame's content pane. */
    void build(JFrame frame, JPanel form);

    /** Runs just before the frame is disposed for good; the frame is still showing. */
    default void beforeDispose(JFrame frame, JPanel form) {
    }

    /**
     * How long after the dispose the demo hands the focus back to its Swing main window, as a desktop
     * does when the next window comes to the front; 0 (the default) at once.
     */
    default int focusBackAfterMillis() {
        return 0;
    }
}
