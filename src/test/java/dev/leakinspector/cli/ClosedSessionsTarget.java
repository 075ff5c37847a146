package dev.leakinspector.cli;

import dev.leakinspector.testing.TargetSide;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A target without any UI toolkit for the command line's tests, driven line by line through standard input. Prints
 * {@code READY <pid>} when it starts, then answers:
 * <ul>
 * <li>{@code allocate N}: keeps N MB of live data, so that a heap dump takes a while; {@code ALLOCATED};</li>
 * <li>{@code close N}: waits until an agent watches (its rules are in place then), opens and closes N sessions and
 *     keeps them in a static list, a leak that {@link #RULE} reports; {@code CLOSED N <agent state>};</li>
 * <li>{@code exit}: exits normally.</li>
 * </ul>
 * Single-threaded (the main thread reads and answers).
 */
public final class ClosedSessionsTarget {
    /** The watch rule that makes Leak Inspector watch a session once it is closed. */
    static final String RULE = Session.class.getName() + "#close:this";

    private static final List<Object> KEPT = new ArrayList<>();

    private ClosedSessionsTarget() {
    }

    /** What the program keeps by mistake: closed, and still in a list. */
    static final class Session {
        void close() {
            // Nothing to release: being closed is what makes the rule watch it.
        }
    }

    public static void main(String[] args) throws Exception {
        new Session().close();
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "allocate" -> {
                    for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                        KEPT.add(new byte[1 << 20]);
                    }
                    TargetSide.reply("ALLOCATED");
                }
                case "close" -> {
                    String state = TargetSide.awaitAgentWatching();
                    for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                        Session session = new Session();
                        session.close();
                        KEPT.add(session);
                    }
                    TargetSide.reply("CLOSED " + words[1] + " " + state);
                }
                case "exit" -> System.exit(0);
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }
}
