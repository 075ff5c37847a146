package dev.leakinspector.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the demo program's machine-readable output ({@code DEMO closed <id> <epochMillis>},
 * {@code DEMO step <id> <step> <epochMillis>}, …). Stateless.
 */
public final class DemoLines {
    private DemoLines() {
    }

    /** When each pattern's window was closed, by pattern id, from what the demo printed so far. */
    public static Map<String, Long> closeTimes(TargetProcess demo) {
        Map<String, Long> closedAt = new HashMap<>();
        for (String line : demo.stdoutLines()) {
            if (line.startsWith("DEMO closed ")) {
                String[] words = line.split(" ");
                closedAt.put(words[2], Long.parseLong(words[3]));
            }
        }
        return closedAt;
    }

    /** When each step of each pattern ran: pattern id → step name → time, from what the demo printed so far. */
    public static Map<String, Map<String, Long>> stepTimes(TargetProcess demo) {
        Map<String, Map<String, Long>> steps = new HashMap<>();
        for (String line : demo.stdoutLines()) {
            if (line.startsWith("DEMO step ")) {
                String[] words = line.split(" ");
                steps.computeIfAbsent(words[2], id -> new HashMap<>()).put(words[3], Long.parseLong(words[4]));
            }
        }
        return steps;
    }

    /**
     * Every moment a trigger of the pattern may have fired: its steps and its close, in the order the
     * demo printed them. A report's watch must start at one of them.
     */
    public static List<Long> triggerTimes(TargetProcess demo, String patternId) {
        List<Long> times = new ArrayList<>();
        for (String line : demo.stdoutLines()) {
            String[] words = line.split(" ");
            if (line.startsWith("DEMO step " + patternId + " ")) {
                times.add(Long.parseLong(words[4]));
            } else if (line.startsWith("DEMO closed " + patternId + " ")) {
                times.add(Long.parseLong(words[3]));
            }
        }
        return times;
    }

    /** The number at the end of a line such as {@code DEMO script done 1763802000123}. */
    public static long lastNumber(String line) {
        String[] words = line.strip().split(" ");
        return Long.parseLong(words[words.length - 1]);
    }
}
