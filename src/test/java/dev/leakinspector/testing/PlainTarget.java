package dev.leakinspector.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A target program without any UI toolkit, driven line by line through standard input:
 * {@code property <name>} prints {@code PROPERTY <value>}; {@code agent-threads} waits (joins, up to
 * 5 s) for every {@code leak-inspector-*} thread to end and prints {@code AGENT THREADS <names|none>};
 * {@code allocate N} keeps N MB of live data; {@code exit} exits normally. Prints {@code READY <pid>} when it starts.
 */
public final class PlainTarget {
    private static final java.util.List<byte[]> BALLAST = new java.util.ArrayList<>();

    private PlainTarget() {
    }

    public static void main(String[] args) throws Exception {
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "property" -> TargetSide.reply("PROPERTY " + System.getProperty(words[1]));
                case "agent-threads" -> TargetSide.reply("AGENT THREADS " + TargetSide.agentThreadsAfterJoining());
                case "allocate" -> {
                    // Live data, so that a heap dump takes a while (a test kills the target meanwhile).
                    for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                        BALLAST.add(new byte[1 << 20]);
                    }
                    TargetSide.reply("ALLOCATED");
                }
                case "exit" -> System.exit(0);
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }


}
