package dev.leakinspector;

import dev.leakinspector.cli.CommandLine;

import java.util.List;

/**
 * Entry point of {@code leak-inspector.jar}: with a command, runs the command line and exits with
 * its code; without one, prints the usage (the desktop app will open here). Runs on the main thread.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = CommandLine.run(List.of(args), System.out, System.err);
        if (exitCode >= 0) {
            System.exit(exitCode);
        }
        // A negative code means the command keeps running on its own threads (the demo's UI).
    }
}
