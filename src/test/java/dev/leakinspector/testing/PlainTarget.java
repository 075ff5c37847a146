package dev.leakinspector.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A target program without any UI toolkit, driven line by line through standard input:
 * {@code property <name>} prints {@code PROPERTY <value>}; {@code agent-threads} waits (joins, up to
 * 5 s) for every {@code leak-inspector-*} thread to end and prints {@code AGENT THREADS <names|none>};
 * {@code exit} exits normally. Prints {@code READY <pid>} when it starts.
 */
public final class PlainTarget {
    private PlainTarget() {
    }

    public static void main(String[] args) throws Exception {
        reply("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "property" -> reply("PROPERTY " + System.getProperty(words[1]));
                case "agent-threads" -> reply("AGENT THREADS " + agentThreadsAfterJoining());
                case "exit" -> System.exit(0);
                default -> reply("UNKNOWN " + line);
            }
        }
    }

    private static String agentThreadsAfterJoining() throws InterruptedException {
        List<String> alive = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("leak-inspector-")) {
                thread.join(5000);
                if (thread.isAlive()) {
                    alive.add(thread.getName());
                }
            }
        }
        return alive.isEmpty() ? "none" : String.join(",", alive);
    }

    private static void reply(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
