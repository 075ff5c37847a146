package dev.leakinspector.protocol;

import java.util.ArrayList;
import java.util.List;

/** Null normalisation shared by the message records; stateless, any thread. */
final class Fields {
    private Fields() {
    }

    /**
     * Null strings become "": the agent builds messages from whatever the target hands it (a window
     * with no title, a component without a name) and must never throw for that.
     */
    static String text(String s) {
        return s == null ? "" : s;
    }

    /** Null lists become empty, null elements become "" (same reason as {@link #text}); the copy is immutable. */
    static List<String> texts(List<String> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        // Not list.contains(null): immutable lists throw NullPointerException for that query.
        List<String> copy = new ArrayList<>(list.size());
        for (String s : list) {
            copy.add(text(s));
        }
        return List.copyOf(copy);
    }
}
