package dev.leakinspector.demo;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Wires one run of the demo on the JavaFX thread: shows the main window, waits for the agent, runs
 * the script if there is one. Separate from {@link DemoMain} so tests can start it in-process
 * without exiting the JVM. Create and start on the JavaFX thread.
 */
final class DemoLauncher {
    private final DemoOptions options;
    private final DemoOutput output;
    private final Runnable exit;
    private final AgentStateWatcher agentWatcher = new AgentStateWatcher();
    private DemoMainWindow mainWindow;

    /** Prints each close, then gives the main window the focus back (see {@link #refocusMainWindow}). */
    private final PatternListener patternListener = new PatternListener() {
        @Override
        public void closed(String patternId, long epochMillis) {
            output.closed(patternId, epochMillis);
            Platform.runLater(DemoLauncher.this::refocusMainWindow);
        }

        @Override
        public void reshown(String patternId, long epochMillis) {
            output.reshown(patternId, epochMillis);
        }

        @Override
        public void step(String patternId, String step, long epochMillis) {
            output.step(patternId, step, epochMillis);
        }
    };

    /**
     * @param exit ends the demo: when the main window is closed, or after the script with
     *             {@code --exit-after-script}; called on the JavaFX thread
     */
    DemoLauncher(DemoOptions options, DemoOutput output, Runnable exit) {
        this.options = options;
        this.output = output;
        this.exit = exit;
    }

    void start() {
        long pid = ProcessHandle.current().pid();
        mainWindow = new DemoMainWindow(pid, patternListener, this::mainWindowClosed);
        mainWindow.show();
        output.ready(pid);
        if (options.scripted()) {
            output.note("demo: waiting for Leak Inspector's agent before running the script (attach to PID " + pid + ")");
        }
        agentWatcher.start(() -> {
            output.agentAttached();
            Platform.runLater(this::agentAttached);
        });
    }

    DemoMainWindow mainWindow() {
        return mainWindow;
    }

    private void agentAttached() {
        mainWindow.agentAttached();
        if (options.scripted()) {
            new DemoScript(options.script(), patternListener, this::scriptDone).start();
        }
    }

    private void scriptDone(long epochMillis) {
        output.scriptDone(epochMillis);
        if (options.exitAfterScript()) {
            // Lingering lets the agent report and retract (pattern 3) before the process goes away.
            PauseTransition linger = new PauseTransition(Duration.millis(options.exitDelayMillis()));
            linger.setOnFinished(e -> exit.run());
            linger.play();
        }
    }

    /**
     * A desktop moves the focus to another window when one closes, but Monocle (headless JavaFX, used
     * by our tests and CI) does not: MonocleWindowManager.focusedWindow keeps the closed window, and
     * with it the whole Stage, until another window takes the focus, which would turn every NONE
     * pattern into a leak. Taking the focus back, as users expect anyway, makes both behave the same.
     */
    private void refocusMainWindow() {
        if (mainWindow.stage().isShowing()) {
            mainWindow.stage().requestFocus();
        }
    }

    private void mainWindowClosed() {
        agentWatcher.stop();
        exit.run();
    }
}
