package dev.leakinspector.cli;

import dev.leakinspector.session.DemoProgram;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code try-demo [--script <ids>|all] [attach options]}: starts the bundled demo program in its
 * own JVM, attaches to it and prints what is found, so a newcomer sees the tool work without any
 * other setup. The demo is stopped when we stop. Runs on the calling thread.
 */
final class TryDemoCommand {
    static final String USAGE = "try-demo [--script <ids>|all] [--json] [--duration <seconds>] [--grace <ms>]"
            + " [--ignore <glob>]... [--rule <spec>]... [--stats]";

    private TryDemoCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> demoArgs = new ArrayList<>();
        List<String> attachArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--script") && i + 1 < args.size()) {
                demoArgs.add("--script");
                demoArgs.add(args.get(++i));
            } else {
                attachArgs.add(args.get(i));
            }
        }
        AttachCommand.Options options;
        try {
            options = AttachCommand.Options.parse(attachArgs, false);
        } catch (IllegalArgumentException e) {
            err.println("leak-inspector try-demo: " + e.getMessage());
            err.println("usage: leak-inspector " + USAGE);
            return 2;
        }
        DemoProgram demo;
        try {
            demo = DemoProgram.start(demoArgs);
        } catch (IOException e) {
            err.println("leak-inspector: " + e.getMessage());
            return 1;
        }
        Thread stopDemo = new Thread(demo::stop);
        Runtime.getRuntime().addShutdownHook(stopDemo);
        try {
            if (!options.json()) {
                out.println("Started the demo program (pid " + demo.pid() + "). Run its patterns from its window"
                        + (demoArgs.isEmpty() ? "" : " or watch the script run them") + "; close it to end.");
            }
            return AttachCommand.follow(options.withPid(demo.pid()), out, err);
        } finally {
            demo.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(stopDemo);
            } catch (IllegalStateException shuttingDown) {
                // Interrupted: the hook stops the demo.
            }
        }
    }
}
