package dev.leakinspector.heap;

import dev.leakinspector.testing.TargetSide;

import com.sun.management.HotSpotDiagnosticMXBean;

import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.ToolTipManager;
import java.awt.event.MouseEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * LEAK-PATTERNS row 15 for real: a window closed cleanly that only a JDK internal keeps. The mouse entered a button
 * with a tooltip (the tooltip manager remembers the button), then the window was disposed and the program dropped
 * it; the tooltip manager still holds the button, whose parents lead to the window. Needs an X display
 * (xvfb-run). Prints {@code READY <pid>}, then {@code CLOSED}; {@code dump <file>} writes a live heap dump and prints
 * {@code DUMPED}; {@code exit} exits.
 */
public final class ToolkitHoldTarget {
    /** The window the program closed and let go of. */
    public static final class ClosedFrame extends JFrame {
        ClosedFrame() {
            super("closed");
        }
    }

    private ToolkitHoldTarget() {
    }

    public static void main(String[] args) throws Exception {
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        SwingUtilities.invokeAndWait(() -> {
            ClosedFrame frame = new ClosedFrame();
            JButton close = new JButton("Close");
            close.setToolTipText("Close this window");
            frame.add(close);
            frame.setSize(300, 200);
            frame.setVisible(true);
            // what the mouse moving onto the button does: the tooltip manager remembers it
            ToolTipManager.sharedInstance().mouseEntered(new MouseEvent(close, MouseEvent.MOUSE_ENTERED,
                    System.currentTimeMillis(), 0, 5, 5, 0, false));
            frame.dispose();
        });
        TargetSide.reply("CLOSED");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ", 2);
            switch (words[0]) {
                case "dump" -> {
                    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(words[1], true);
                    TargetSide.reply("DUMPED");
                }
                case "exit" -> System.exit(0);
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }
}
