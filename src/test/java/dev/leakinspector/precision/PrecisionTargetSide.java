package dev.leakinspector.precision;

import dev.leakinspector.testing.TargetSide;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * The command loop both precision targets run on their main thread, driven by the benchmark over
 * standard input. Commands:
 * <ul>
 *   <li>{@code script <seconds>}: waits until the agent watches, then clicks through the program for
 *       that long on its UI thread; prints {@code SCRIPT done <epochMillis>} (when its last action ran);</li>
 *   <li>{@code displayed <watchId> <className> <watchedAtMillis> <reportedAtMillis>}: asks {@link ShownRegistry}
 *       on the UI thread whether the reported object was on screen when reported; prints
 *       {@code DISPLAYED <watchId> yes|no [what]};</li>
 *   <li>{@code gc}: prints {@code GC done} after two full GCs.</li>
 * </ul>
 * Everything a target prints for the benchmark is one line, flushed.
 */
final class PrecisionTargetSide {
    /** What a target gives the loop: how to start its script, run on its UI thread, and read displayed state. */
    interface Program {
        /** Starts the script on the UI thread; {@code onDone} gets the time of its last action. */
        void startScript(long seconds, LongConsumer onDone);

        Executor uiThread();

        ShownRegistry registry();

        Predicate<Object> isDisplayed();
    }

    private PrecisionTargetSide() {
    }

    static void serve(Program program) throws Exception {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> TargetSide.reply("UNCAUGHT " + thread.getName() + " " + error));
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "script" -> {
                    String state = TargetSide.awaitAgentWatching();
                    if (!"watching".equals(state)) {
                        TargetSide.reply("SCRIPT not started: the agent is " + state);
                        continue;
                    }
                    long seconds = Long.parseLong(words[1]);
                    program.uiThread().execute(() -> program.startScript(seconds,
                            doneAt -> TargetSide.reply("SCRIPT done " + doneAt)));
                }
                case "displayed" -> {
                    String watchId = words[1];
                    String className = words[2];
                    long watchedAt = Long.parseLong(words[3]);
                    long reportedAt = Long.parseLong(words[4]);
                    program.uiThread().execute(() -> {
                        List<String> shown = program.registry().displayedMatches(className, watchedAt, reportedAt,
                                program.isDisplayed());
                        TargetSide.reply("DISPLAYED " + watchId + (shown.isEmpty() ? " no" : " yes " + String.join(",", shown)));
                    });
                }
                case "gc" -> {
                    System.gc();
                    System.gc();
                    TargetSide.reply("GC done");
                }
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }
}
