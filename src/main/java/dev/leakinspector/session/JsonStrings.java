package dev.leakinspector.session;

/**
 * JSON string literals, for everything we write as JSON (the session export, the command line's JSON Lines and
 * analysis output). Stateless; any thread.
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** {@code value} as a JSON string literal; {@code null} as the literal {@code null}. */
    public static String quoted(String value) {
        StringBuilder out = new StringBuilder();
        appendQuoted(out, value);
        return out.toString();
    }

    /**
     * Appends {@code value} as a JSON string literal (quotes, backslashes and control characters escaped), or
     * {@code null} for null.
     */
    public static void appendQuoted(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
