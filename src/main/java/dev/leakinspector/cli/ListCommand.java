package dev.leakinspector.cli;

import dev.leakinspector.attach.LocalJvm;
import dev.leakinspector.attach.LocalJvms;

import java.io.PrintStream;
import java.util.List;

/** {@code list [--json]}: the JVMs running on this machine that we could attach to. Runs on the calling thread. */
final class ListCommand {
    static final String USAGE = "list [--json]";

    private ListCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean json = args.contains("--json");
        if (args.stream().anyMatch(arg -> !arg.equals("--json"))) {
            err.println("usage: leak-inspector " + USAGE);
            return 2;
        }
        long self = ProcessHandle.current().pid();
        List<LocalJvm> jvms = LocalJvms.list().stream().filter(jvm -> jvm.pid() != self).toList();
        if (json) {
            for (LocalJvm jvm : jvms) {
                out.println(new JsonLine("jvm").field("pid", jvm.pid()).field("name", jvm.displayName())
                        .field("arguments", jvm.arguments())
                        .field("javaVersion", jvm.javaVersion()).field("attachable", jvm.attachable()));
            }
            return 0;
        }
        if (jvms.isEmpty()) {
            out.println("No other Java processes found.");
            return 0;
        }
        out.printf("%-8s %-12s %s%n", "PID", "JAVA", "NAME");
        for (LocalJvm jvm : jvms) {
            out.printf("%-8d %-12s %s%s%n", jvm.pid(), jvm.javaVersion().isEmpty() ? "?" : jvm.javaVersion(),
                    jvm.nameWithArguments(), jvm.attachable() ? "" : "  (not attachable)");
        }
        return 0;
    }
}
