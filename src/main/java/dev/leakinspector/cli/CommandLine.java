package dev.leakinspector.cli;

import dev.leakinspector.session.HeapDumpFiles;

import java.io.PrintStream;
import java.util.List;

/**
 * Dispatches {@code leak-inspector <command> …} to the command's class and returns its exit code.
 * Runs on the calling thread.
 */
public final class CommandLine {
    private static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar leak-inspector.jar <command> [options]",
            "",
            "commands:",
            "  " + ListCommand.USAGE,
            "      list the Java processes on this machine",
            "  " + AttachCommand.USAGE,
            "      attach to a running JVM and print possibly leaked objects as they are found",
            "  " + RunCommand.USAGE,
            "      start a program with the agent (java …, or -cp x Main / -jar x.jar with this java) and print",
            "      what attach prints; its output is passed through; it is stopped when the session ends first",
            "  analyze <file.hprof> (--watch-id ID | --object-id 0x… | --class NAME | --ui-leaks) [--paths K] [--json]",
            "          [--dot FILE] [--svg FILE]",
            "      explain why objects in a heap dump are alive: paths from GC roots, cycles, retained size;",
            "      --dot/--svg also draw their Retain Cycle graph (Graphviz DOT / SVG) into FILE, or with - to",
            "      standard output instead of the trace",
            "      --ui-leaks finds the windows, nodes and components that should be dead (exit 4 when any is found)",
            "  demo [--script <ids>|all]",
            "      start the bundled leaky demo program (then attach to it from another terminal)",
            "  " + TryDemoCommand.USAGE,
            "      start the demo program in its own JVM and attach to it: the quickest way to see it work",
            "  help",
            "      show this text",
            "",
            "exit codes of attach, run and try-demo:",
            "  0    the duration ended or the target exited (for run: whatever its own exit code)",
            "  1    attaching failed, or the program could not be started (standard error says why)",
            "  2    usage error",
            "  3    the link to the agent broke while the target runs",
            "  " + AttachCommand.EXIT_FAIL_ON + "    --fail-on: a report with that verdict or a worse one still stands at the end"
                    + " (retained < leak)",
            "  " + AttachCommand.EXIT_SIGINT + "  interrupted by SIGINT (Ctrl-C), " + AttachCommand.EXIT_SIGTERM
                    + " by SIGTERM: what was received is printed, the",
            "       session is detached (run: then the program is stopped) and any heap dump in progress is deleted",
            "       before it exits",
            "",
            "exit codes of analyze:",
            "  0    done (with --ui-leaks: no UI leak found)",
            "  1    the file cannot be read, is not a heap dump, or the object is not in it",
            "  2    usage error",
            "  " + AnalyzeCommand.EXIT_UI_LEAKS_FOUND + "    --ui-leaks found at least one UI leak (JDK/toolkit holds do not count)");

    private CommandLine() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        // Dumps that an earlier run could not delete (it was killed, or crashed) hold a target's memory: go.
        HeapDumpFiles.removeAbandoned();
        if (args.isEmpty()) {
            out.println(USAGE);
            return 0;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "list" -> ListCommand.run(rest, out, err);
            case "attach" -> AttachCommand.run(rest, out, err);
            case "run" -> RunCommand.run(rest, out, err);
            case "try-demo" -> TryDemoCommand.run(rest, out, err);
            case "analyze" -> AnalyzeCommand.run(rest, out, err);
            case "demo" -> {
                dev.leakinspector.demo.DemoMain.main(rest.toArray(String[]::new));
                yield -1;
            }
            case "help", "--help", "-h" -> {
                out.println(USAGE);
                yield 0;
            }
            default -> {
                err.println("leak-inspector: unknown command '" + args.get(0) + "'");
                err.println(USAGE);
                yield 2;
            }
        };
    }
}
