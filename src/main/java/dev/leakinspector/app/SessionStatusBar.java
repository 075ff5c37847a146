package dev.leakinspector.app;

import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.ConnectionState;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.TargetInfo;

import javafx.css.PseudoClass;
import javafx.scene.control.Alert;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

/**
 * The session window's status bar: the report counts (leaks, retained, reused, deallocated), which never
 * shrink, then the connection state (or the last message for the user) on the left; the target, its watches
 * and heap, and the JDK 21+ agent warning link with its explanation on the right. Only the state message
 * gives way when the window is narrow (cut with "…", the whole text in its tooltip); the counts and the
 * target keep their full text. The live figures (watches, heap) show only while the session is connected: an
 * ended session has no live target to count. Owns the bar's items; one per session window, dropped with it.
 * FX thread only.
 */
final class SessionStatusBar {
    private static final PseudoClass ENDED = PseudoClass.getPseudoClass("ended");
    /** Longest target name shown in the bar; a longer one is cut, with the whole name in the tooltip. */
    static final int MAX_NAME_CHARS = 32;

    private final StatusBar statusBar;
    private final SessionModel model;
    private final Stage owner;
    private final Label countsLabel = new Label();
    private final Label targetLabel = new Label();
    private final Label watchesLabel = new Label();
    private final Label heapLabel = new Label();
    private final Hyperlink agentWarning = new Hyperlink("JDK 21+ agent warning");

    /** @param owner the window the agent warning's explanation belongs to */
    SessionStatusBar(StatusBar statusBar, SessionModel model, Stage owner) {
        this.statusBar = statusBar;
        this.model = model;
        this.owner = owner;
        agentWarning.setOnAction(event -> explainAgentWarning());
        agentWarning.setTooltip(new Tooltip("Why the program printed a warning about a dynamically loaded agent"));
        agentWarning.getStyleClass().add("agent-warning");
        agentWarning.setId("agentWarning");
        agentWarning.setVisible(false);
        agentWarning.setManaged(false);
        // The counts are what the user checks at a glance: the target name and the message give way first.
        countsLabel.setId("reportCounts");
        countsLabel.getStyleClass().add("report-counts");
        countsLabel.setMinWidth(Region.USE_PREF_SIZE);
        targetLabel.setId("statusTarget");
        targetLabel.setMinWidth(Region.USE_PREF_SIZE);
        watchesLabel.setId("statusWatches");
        watchesLabel.setMinWidth(Region.USE_PREF_SIZE);
        heapLabel.setId("statusHeap");
        heapLabel.setMinWidth(Region.USE_PREF_SIZE);
        for (Label label : new Label[] {countsLabel, watchesLabel, heapLabel}) {
            label.setTooltip(tooltipOf(label));
        }
        targetLabel.setTooltip(new Tooltip());
        // The state message (the bar's own text) is the one part that gives way; its tooltip has all of it.
        Tooltip stateTip = new Tooltip();
        stateTip.textProperty().bind(statusBar.textProperty());
        statusBar.setTooltip(stateTip);
        statusBar.getLeftItems().setAll(countsLabel);
        statusBar.getRightItems().setAll(targetLabel, watchesLabel, heapLabel, agentWarning);
        statusBar.getStyleClass().add("session-status");
    }

    /** Names the target; the agent warning link appears if {@code live} and the target printed that warning. */
    void showTarget(boolean live) {
        TargetInfo target = model.target();
        String name = target.displayName();
        // A long name would push the rest off the bar: shortened here, whole in the tooltip.
        String shortName = shortName(name);
        String java = target.javaVersion().isEmpty() ? "" : " \u00b7 Java " + target.javaVersion();
        targetLabel.setText(shortName + " \u00b7 pid " + target.pid() + java);
        targetLabel.getTooltip().setText(name + " \u00b7 pid " + target.pid() + java);
        boolean warned = live && target.printedDynamicAgentWarning();
        agentWarning.setVisible(warned);
        agentWarning.setManaged(warned);
    }

    void showStats() {
        boolean live = model.state() == ConnectionState.CONNECTED;
        for (Label label : new Label[] {watchesLabel, heapLabel}) {
            label.setVisible(live);
            label.setManaged(live);
        }
        if (!live) {
            // Ended or saved: the last figures the agent sent are not the target's now; say nothing rather.
            watchesLabel.setText("");
            heapLabel.setText("");
            return;
        }
        Stats stats = model.stats().orElse(null);
        if (stats == null) {
            watchesLabel.setText("no stats yet");
            heapLabel.setText("");
            return;
        }
        watchesLabel.setText(stats.liveWatches() + " live watches"
                + (stats.droppedEvents() > 0 ? " \u00b7 " + stats.droppedEvents() + " events dropped" : ""));
        heapLabel.setText("heap " + ByteCount.format(stats.heapUsedBytes()) + " of " + ByteCount.format(stats.heapMaxBytes()));
    }

    /** Shows the state and counts, styled as ended unless the session is connected. */
    void showState() {
        showCounts();
        showStats();
        statusBar.pseudoClassStateChanged(ENDED, model.state() != ConnectionState.CONNECTED);
    }

    /** "2 leaks · 3 retained · 1 reused · 4 deallocated", then "Connected" or how the session ended. */
    void showCounts() {
        SessionEnd end = model.sessionEnd().orElse(null);
        countsLabel.setText(model.counts().text());
        statusBar.setText(model.state().label() + (end != null ? ": " + end.message() : ""));
    }

    /** Replaces the text on the left with {@code message} until the next state or count change. */
    void say(String message) {
        statusBar.setText(message);
    }

    /**
     * The target's name as the bar shows it: a main class by its simple name, a jar by its file name, and
     * anything still longer than {@link #MAX_NAME_CHARS} cut with "…".
     */
    static String shortName(String name) {
        String shorter = name;
        if (name.endsWith(".jar")) {
            shorter = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        } else if (name.matches("[\\p{javaJavaIdentifierPart}.$]+") && name.contains(".")) {
            shorter = ClassNames.readable(name);
        }
        return shorter.length() > MAX_NAME_CHARS ? shorter.substring(0, MAX_NAME_CHARS - 1) + "\u2026" : shorter;
    }

    /** A tooltip that always says the label's whole text (shown when the label is cut, useful always). */
    private static Tooltip tooltipOf(Label label) {
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(label.textProperty());
        return tooltip;
    }

    private void explainAgentWarning() {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("JDK 21+ agent warning");
        alert.setHeaderText("The program printed a warning about a dynamically loaded agent. That is expected.");
        alert.setContentText("Java 21 and newer print \"WARNING: A Java agent has been loaded dynamically\" on the "
                + "program's standard error when an agent is loaded into a running JVM (JEP 451). Leak Inspector "
                + "loaded its agent that way; nothing is wrong. Start the program with "
                + "-XX:+EnableDynamicAgentLoading to allow it without the warning.");
        alert.getDialogPane().setMinWidth(520);
        alert.show();
    }
}
