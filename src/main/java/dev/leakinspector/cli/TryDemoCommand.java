package dev.leakinspector.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code try-demo [--script <ids>|all] [attach options]}: starts the bundled demo program in its
 * own JVM, attaches to it and prints what is found, so a newcomer sees the tool work without any
 * other setup. The demo is stopped when we stop. Runs on the calling thread.
 */
final class TryDemoCommand {
    static final String USAGE = "try-demo [--script <ids>|all] [--json] [--duration <seconds>] [--grace <ms>]"
            + " [--ignore <glob>]... [--rule <spec>]... [--stats]";
    private static final long READY_TIMEOUT_SECONDS = 60;

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
        Process demo;
        try {
            demo = startDemo(demoArgs);
        } catch (IOException e) {
            err.println("leak-inspector: cannot start the demo program: " + e.getMessage());
            return 1;
        }
        Thread stopDemo = new Thread(demo::destroy);
        Runtime.getRuntime().addShutdownHook(stopDemo);
        try {
            if (!awaitReady(demo)) {
                err.println("leak-inspector: the demo program did not start (no display? it needs a desktop session)");
                return 1;
            }
            if (!options.json()) {
                out.println("Started the demo program (pid " + demo.pid() + "). Run its patterns from its window"
                        + (demoArgs.isEmpty() ? "" : " or watch the script run them") + "; close it to end.");
            }
            return AttachCommand.follow(options.withPid(demo.pid()), out, err);
        } finally {
            demo.destroy();
            try {
                Runtime.getRuntime().removeShutdownHook(stopDemo);
            } catch (IllegalStateException shuttingDown) {
                // Interrupted: the hook stops the demo.
            }
        }
    }

    private static Process startDemo(List<String> demoArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.leakinspector.Main");
        command.add("demo");
        command.addAll(demoArgs);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads the demo's output until it says it is ready; keeps draining it afterwards. */
    private static boolean awaitReady(Process demo) {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("DEMO ready")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException ignored) {
                // The demo ended.
            }
            ready.complete(false);
        }, "leak-inspector-demo-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
