package dev.leakinspector;

import dev.leakinspector.app.LeakInspectorApp;
import dev.leakinspector.cli.CommandLine;

import java.util.List;

/**
 * Entry point of {@code leak-inspector.jar}: with a command, runs the command line and exits with its
 * code; with no arguments (or only session files to open), opens the desktop app. Runs on the main thread.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ClassPathFxWarning.silence();
        if (args.length == 0 || java.util.Arrays.stream(args).allMatch(Main::isSessionFile)) {
            try {
                LeakInspectorApp.launchApp(args);
            } catch (RuntimeException e) {
                // Typically no display (GTK: "Unable to open DISPLAY"): say so in one line, and offer the CLI.
                System.err.println("leak-inspector: cannot open the desktop app: " + e.getMessage()
                        + "; the commands work without a display (java -jar leak-inspector.jar help)");
                System.exit(1);
            }
            return;
        }
        int exitCode = CommandLine.run(List.of(args), System.out, System.err);
        if (exitCode >= 0) {
            System.exit(exitCode);
        }
        // A negative code means the command keeps running on its own threads (the demo's UI).
    }

    private static boolean isSessionFile(String arg) {
        return arg.endsWith(dev.leakinspector.session.SessionFile.EXTENSION)
                && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(arg));
    }
}
