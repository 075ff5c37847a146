package dev.leakinspector.agent.swing;

import dev.leakinspector.testing.TargetSide;

import java.awt.EventQueue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * A Swing-only target program (nothing but the JDK on its class path), driven through standard
 * input: it shows a main frame and prints {@code READY <pid>}; {@code leak-window} shows a frame
 * titled "Leaky", disposes it, keeps it in a static list and prints {@code CLOSED <epochMillis>};
 * {@code await-agent} prints {@code AGENT watching} once an attached agent says its triggers are in
 * place (the agent's state property); {@code exit} exits. Swing work runs on the event dispatch thread.
 */
public final class SwingOnlyTarget {
    /** Disposed frames nobody needs any more, kept anyway: the leak the agent must find. */
    static final List<JFrame> KEPT = new ArrayList<>();
    private static final String AGENT_STATE_PROPERTY = "leakinspector.agent.state";
    private static JFrame main;

    private SwingOnlyTarget() {
    }

    public static void main(String[] args) throws Exception {
        EventQueue.invokeAndWait(() -> {
            main = new JFrame("Swing-only target");
            main.add(new JLabel("main window"));
            main.setSize(300, 100);
            main.setVisible(true);
        });
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.strip()) {
                case "leak-window" -> EventQueue.invokeLater(SwingOnlyTarget::openLeakyWindow);
                case "await-agent" -> TargetSide.reply("AGENT " + TargetSide.awaitAgentWatching());
                case "exit" -> System.exit(0);
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }

    private static void openLeakyWindow() {
        JFrame leaky = new JFrame("Leaky");
        JPanel form = new JPanel();
        form.setName("form");
        form.add(new JLabel("soon disposed"));
        leaky.add(form);
        leaky.setSize(200, 100);
        leaky.setVisible(true);
        // Disposed in a later event, once it has been shown, as a user's close would.
        EventQueue.invokeLater(() -> {
            leaky.dispose();
            KEPT.add(leaky);
            // What a desktop does next: the main window takes the focus and repaints. Until then the
            // focus and paint managers may hold the frame, and the agent waits for them to let go.
            main.toFront();
            main.requestFocus();
            main.repaint();
            TargetSide.reply("CLOSED " + System.currentTimeMillis());
        });
    }
}
