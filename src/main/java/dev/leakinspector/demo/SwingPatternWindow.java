package dev.leakinspector.demo;

import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.event.ActionListener;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.event.WindowListener;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;

import javafx.application.Platform;
import javafx.scene.control.Label;

/**
 * The Swing window of a Swing demo pattern, opened beside the pattern's JavaFX window (which tells
 * what the pattern does and closes both). The {@code JFrame} has the pattern's title and a
 * {@code JPanel#form} for the pattern's content; closing either window disposes the frame the way
 * the pattern does, then closes the JavaFX window, whose close is what the demo reports.
 *
 * <p>Threading: {@link #open} on the JavaFX thread; everything touching Swing runs on the event
 * dispatch thread. Nothing reachable from the frame refers to the JavaFX window once it is disposed,
 * so the frame's fate is the pattern's alone.
 */
final class SwingPatternWindow {
    static final int WIDTH = 420;
    static final int HEIGHT = 260;

    private final PatternWindow fxWindow;
    private final SwingContent content;
    /** EDT only; null once disposed, so the pattern window does not keep a disposed frame. */
    private JFrame frame;
    private JPanel form;
    /** What the frame's close button and window X call; emptied when the frame is disposed. */
    private final CloseRequest closeRequest = new CloseRequest();

    private SwingPatternWindow(PatternWindow fxWindow, SwingContent content) {
        this.fxWindow = fxWindow;
        this.content = content;
    }

    /** Opens the pattern's Swing frame and makes closing either window close both. JavaFX thread. */
    static void open(PatternWindow fxWindow, SwingContent content) {
        if (GraphicsEnvironment.isHeadless()) {
            // No Swing window can be shown (java.awt.headless, or no display): say so instead of
            // failing on the EDT; the JavaFX window still closes as usual.
            Label headless = new Label("This JVM runs headless (java.awt.headless=true or no display), so the "
                    + "pattern's Swing window cannot be shown. Run the demo on a desktop or under xvfb-run.");
            headless.setWrapText(true);
            fxWindow.form().getChildren().add(headless);
            return;
        }
        SwingPatternWindow swing = new SwingPatternWindow(fxWindow, content);
        Label where = new Label("This pattern runs in the Swing window \"" + fxWindow.pattern().title()
                + "\" beside this one. Closing either window closes both.");
        where.setWrapText(true);
        fxWindow.form().getChildren().add(where);
        String title = fxWindow.pattern().title();
        SwingUtilities.invokeLater(() -> swing.show(title));
        fxWindow.setCloseRequestHandler(() -> SwingUtilities.invokeLater(swing::disposeThenCloseFxWindow));
    }

    private void show(String title) {
        SwingMainWindow.ensureShown();
        frame = new JFrame(title);
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        closeRequest.target = fxWindow::requestClose;
        frame.addWindowListener(closeRequest.onWindowClosing());

        JLabel header = new JLabel(title);
        header.setFont(header.getFont().deriveFont(Font.BOLD, 16f));
        form = new JPanel();
        form.setName("form");
        form.setLayout(new BoxLayout(form, BoxLayout.Y_AXIS));
        JButton close = new JButton("Close");
        close.addActionListener(closeRequest.onAction());
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(close, BorderLayout.EAST);

        JPanel root = new JPanel(new BorderLayout(0, 8));
        root.setBorder(BorderFactory.createEmptyBorder(12, 14, 12, 14));
        root.add(header, BorderLayout.NORTH);
        root.add(form, BorderLayout.CENTER);
        root.add(bottom, BorderLayout.SOUTH);
        frame.setContentPane(root);
        content.build(frame, form);
        frame.setSize(WIDTH, HEIGHT);
        frame.setLocationByPlatform(true);
        frame.setVisible(true);
    }

    private void disposeThenCloseFxWindow() {
        if (frame != null) {
            JFrame closing = frame;
            closeRequest.target = null;
            content.beforeDispose(closing, form);
            closing.dispose();
            frame = null;
            form = null;
            int focusBackAfter = content.focusBackAfterMillis();
            if (focusBackAfter > 0) {
                Timer later = new Timer(focusBackAfter, e -> SwingMainWindow.takeFocusBack());
                later.setRepeats(false);
                later.start();
            } else {
                SwingMainWindow.takeFocusBack();
            }
        }
        Platform.runLater(() -> fxWindow.stage().close());
    }

    /**
     * The frame's way to ask for the pattern's close. Its listeners hold this, not the JavaFX window,
     * and it is emptied on dispose: a frame that leaks (pattern 8) must not take the JavaFX window
     * with it, or one leak would be reported twice.
     */
    private static final class CloseRequest implements Runnable {
        /** Set and cleared on the EDT; read there too. */
        private Runnable target;

        /** Listeners that refer to this request only (not to the enclosing pattern window). */
        WindowListener onWindowClosing() {
            return new WindowAdapter() {
                @Override
                public void windowClosing(WindowEvent e) {
                    run();
                }
            };
        }

        ActionListener onAction() {
            return e -> run();
        }

        @Override
        public void run() {
            Runnable close = target;
            if (close != null) {
                Platform.runLater(close);
            }
        }
    }
}
