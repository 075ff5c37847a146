package dev.leakinspector.heap;

import dev.leakinspector.testing.TargetSide;

import com.sun.management.HotSpotDiagnosticMXBean;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A target with a showing window whose main panel keeps an object the analysis is asked about (the panel is on screen,
 * so it is not leaking), and a disposed window's panel that keeps another (that panel decides nothing). Argument
 * {@code fx} (JavaFX, headless Monocle) or {@code swing} (needs an X display: xvfb-run). Prints {@code READY <pid>},
 * then {@code SHOWN} once the windows are up; {@code dump <file>} writes a live heap dump and prints {@code DUMPED};
 * {@code exit} exits.
 */
public final class ShowingTarget {
    /** Kept by the showing window's main panel. */
    public static final class ShownView {
    }

    /** Kept by the panel of a window that was closed. */
    public static final class GoneView {
    }

    /** A Swing panel that keeps an object in a field. */
    public static final class HoldingPanel extends JPanel {
        final Object held;

        HoldingPanel(Object held) {
            this.held = held;
        }
    }

    /** A JavaFX pane that keeps an object in a field. */
    public static final class HoldingPane extends Pane {
        final Object held;

        HoldingPane(Object held) {
            this.held = held;
        }
    }

    /** The program's own holder of a panel (so the panel is not held by a static field directly). */
    static final class Keeper {
        final Object panel;

        Keeper(Object panel) {
            this.panel = panel;
        }
    }

    /** The static fields the paths start at. */
    static final class Registry {
        static Object main;
        static Object gone;
    }

    private ShowingTarget() {
    }

    public static void main(String[] args) throws Exception {
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        if (args[0].equals("fx")) {
            CompletableFuture<Void> shown = new CompletableFuture<>();
            Platform.startup(() -> {
                Stage stage = new Stage();
                HoldingPane main = new HoldingPane(new ShownView());
                stage.setScene(new Scene(new BorderPane(main), 300, 200));
                stage.show();
                Stage closed = new Stage();
                HoldingPane gone = new HoldingPane(new GoneView());
                closed.setScene(new Scene(new BorderPane(gone), 300, 200));
                closed.show();
                closed.hide();
                Registry.main = new Keeper(main);
                Registry.gone = new Keeper(gone);
                shown.complete(null);
            });
            shown.get(30, TimeUnit.SECONDS);
        } else {
            SwingUtilities.invokeAndWait(() -> {
                JFrame frame = new JFrame("showing");
                HoldingPanel main = new HoldingPanel(new ShownView());
                frame.add(main);
                frame.setSize(300, 200);
                frame.setVisible(true);
                JFrame closed = new JFrame("closed");
                HoldingPanel gone = new HoldingPanel(new GoneView());
                closed.add(gone);
                closed.setSize(300, 200);
                closed.setVisible(true);
                closed.dispose();
                Registry.main = new Keeper(main);
                Registry.gone = new Keeper(gone);
            });
        }
        TargetSide.reply("SHOWN");
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
