package dev.leakinspector.testing;

import java.util.HashMap;
import java.util.Map;

/** Reads the demo program's machine-readable output ({@code DEMO closed <id> <epochMillis>}, …). Stateless. */
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

    /** The number at the end of a line such as {@code DEMO script done 1763802000123}. */
    public static long lastNumber(String line) {
        String[] words = line.strip().split(" ");
        return Long.parseLong(words[words.length - 1]);
    }
}
