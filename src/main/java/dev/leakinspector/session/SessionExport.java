package dev.leakinspector.session;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A session as text to read or JSON to process, for "Export". Stateless; call it on the model's thread
 * (it reads the model).
 */
public final class SessionExport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private SessionExport() {
    }

    /** A plain-text report: the target, how the session ended, one paragraph per row. */
    public static String text(SessionModel model) {
        TargetInfo target = model.target();
        StringBuilder out = new StringBuilder();
        out.append("Leak Inspector session: process ").append(target.pid()).append(" (").append(target.displayName())
                .append("), Java ").append(target.javaVersion()).append('\n');
        model.sessionEnd().ifPresent(end -> out.append("Ended: ").append(end.message()).append('\n'));
        if (!model.ignoreGlobs().isEmpty()) {
            out.append("Ignored classes: ").append(String.join(", ", model.ignoreGlobs())).append('\n');
        }
        out.append(model.rows().size()).append(" reports, ").append(model.leakedCount()).append(" still leaked\n");
        for (LeakRecord row : model.rows()) {
            out.append('\n').append(TIME.format(Instant.ofEpochMilli(row.reportedAtMillis()))).append("  ")
                    .append(row.statusText()).append("  ").append(row.className()).append('\n');
            out.append("  trigger: ").append(row.trigger()).append(", ").append(row.descendants())
                    .append(" descendants, ").append(row.gcConfirmed() ? "confirmed by a GC" : "not confirmed by a GC")
                    .append('\n');
            out.append("  view stack: ").append(row.viewStackText()).append('\n');
        }
        return out.toString();
    }

    /** One JSON object: {@code {"target":{…},"end":{…}|null,"ignore":[…],"leaks":[{…}]}}. */
    public static String json(SessionModel model) {
        TargetInfo target = model.target();
        StringBuilder out = new StringBuilder("{\"target\":{");
        out.append("\"pid\":").append(target.pid())
                .append(",\"name\":").append(quote(target.displayName()))
                .append(",\"javaVersion\":").append(quote(target.javaVersion()))
                .append(",\"vmName\":").append(quote(target.vmName()))
                .append(",\"toolkits\":").append(array(target.toolkits()))
                .append("},\"end\":");
        model.sessionEnd().ifPresentOrElse(
                end -> out.append("{\"reason\":").append(quote(end.kind().name().toLowerCase(java.util.Locale.ROOT)))
                        .append(",\"message\":").append(quote(end.message())).append('}'),
                () -> out.append("null"));
        out.append(",\"ignore\":").append(array(model.ignoreGlobs())).append(",\"leaks\":[");
        boolean first = true;
        for (LeakRecord row : model.rows()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            out.append("{\"id\":").append(quote(Long.toString(row.watchId())))
                    .append(",\"status\":").append(quote(row.status().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(",\"className\":").append(quote(row.className()))
                    .append(",\"trigger\":").append(quote(row.trigger()))
                    .append(",\"viewStack\":").append(array(row.viewStack()))
                    .append(",\"descendants\":").append(row.descendants())
                    .append(",\"watchedAt\":").append(row.watchedAtMillis())
                    .append(",\"reportedAt\":").append(row.reportedAtMillis())
                    .append(",\"gcConfirmed\":").append(row.gcConfirmed())
                    .append(",\"deallocatedAfterMillis\":").append(row.isDeallocated() ? Long.toString(row.deallocatedAfterMillis()) : "null")
                    .append('}');
        }
        return out.append("\n]}\n").toString();
    }

    private static String array(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(values.get(i)));
        }
        return out.append(']').toString();
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
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
        return out.append('"').toString();
    }
}
