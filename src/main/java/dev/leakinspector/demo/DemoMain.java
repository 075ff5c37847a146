package dev.leakinspector.demo;

import java.io.PrintStream;

import javafx.application.Platform;

/**
 * Entry point of {@code leak-inspector.jar demo}: a JavaFX program that leaks on purpose, to try
 * Leak Inspector on. Called on the launcher's main thread; the demo itself runs on the JavaFX thread.
 * It does not extend {@code Application}, so it starts from the class path with {@link Platform#startup}.
 */
public final class DemoMain {
    /** Exit code for a bad command line. */
    static final int EXIT_USAGE = 2;
    /** {@link #start}'s answer when the demo is up and the JVM must stay alive. */
    static final int RUNNING = -1;

    private DemoMain() {
    }

    /** @param args the arguments after {@code demo}, e.g. {@code --script 1,1b,3} */
    public static void main(String[] args) {
        int exitCode = start(args, System.out, System.err);
        if (exitCode != RUNNING) {
            System.exit(exitCode);
        }
    }

    /**
     * Parses {@code args} and starts the demo on the JavaFX thread.
     *
     * @return {@link #RUNNING}, or the exit code when there is nothing to run (usage error, help)
     */
    static int start(String[] args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("demo: " + e.getMessage());
            err.println(DemoOptions.USAGE);
            err.flush();
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.println(DemoOptions.USAGE);
            out.flush();
            return 0;
        }
        DemoOutput output = new DemoOutput(out);
        // The demo decides when it ends (main window closed, or after the script), not the last
        // window to close: with implicit exit a script run between windows could end the toolkit.
        Platform.setImplicitExit(false);
        Runnable launch = () -> new DemoLauncher(options, output, DemoMain::exit).start();
        try {
            Platform.startup(launch);
        } catch (IllegalStateException alreadyRunning) {
            // Started from a process whose JavaFX toolkit is already up (e.g. Leak Inspector's own GUI).
            Platform.runLater(launch);
        }
        return RUNNING;
    }

    private static void exit() {
        Platform.exit();
        // The demo's own threads are daemons, but a user's leaked heartbeat must not matter either.
        System.exit(0);
    }
}
