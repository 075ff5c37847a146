package dev.leakinspector.session;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

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
        out.append(model.rows().size()).append(" reports: ").append(model.counts().text()).append('\n');
        for (LeakRecord row : model.rows()) {
            out.append('\n').append(TIME.format(Instant.ofEpochMilli(row.reportedAtMillis()))).append("  ")
                    .append(row.statusText()).append("  ").append(row.className()).append('\n');
            out.append("  verdict: ").append(row.verdictText().toLowerCase(Locale.ROOT)).append(", ")
                    .append(row.verdictExplanation()).append('\n');
            out.append("  trigger: ").append(row.trigger()).append(", ").append(row.descendants())
                    .append(" descendants, ").append(row.gcConfirmed() ? "confirmed by a GC"
                            : "not confirmed by a GC" + (row.gcSkippedBecause().isEmpty() ? "" : " (" + row.gcSkippedBecause() + ")"))
                    .append('\n');
            out.append("  view stack: ").append(row.viewStackText()).append('\n');
        }
        return out.toString();
    }

    /**
     * One JSON object: {@code {"target":{…},"end":{…}|null,"ignore":[…],"leaks":[{…}]}}. A leak's
     * {@code status} is leak, retained, reused, deallocated or ignored; {@code gcSkippedBecause} is there only when
     * {@code gcConfirmed} is false, {@code verdictReason} only when the verdict changed after the report.
     */
    public static String json(SessionModel model) {
        TargetInfo target = model.target();
        StringBuilder out = new StringBuilder("{\"target\":{");
        out.append("\"pid\":").append(target.pid())
                .append(",\"name\":").append(JsonStrings.quoted(target.displayName()))
                .append(",\"javaVersion\":").append(JsonStrings.quoted(target.javaVersion()))
                .append(",\"vmName\":").append(JsonStrings.quoted(target.vmName()))
                .append(",\"toolkits\":").append(array(target.toolkits()))
                .append("},\"end\":");
        model.sessionEnd().ifPresentOrElse(
                end -> out.append("{\"reason\":").append(JsonStrings.quoted(end.kind().name().toLowerCase(Locale.ROOT)))
                        .append(",\"message\":").append(JsonStrings.quoted(end.message())).append('}'),
                () -> out.append("null"));
        out.append(",\"ignore\":").append(array(model.ignoreGlobs())).append(",\"leaks\":[");
        boolean first = true;
        for (LeakRecord row : model.rows()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            out.append("{\"id\":").append(JsonStrings.quoted(Long.toString(row.watchId())))
                    .append(",\"status\":").append(JsonStrings.quoted(row.statusKey()))
                    .append(",\"verdict\":").append(JsonStrings.quoted(row.verdict().wireName()))
                    .append(",\"className\":").append(JsonStrings.quoted(row.className()))
                    .append(",\"trigger\":").append(JsonStrings.quoted(row.trigger()))
                    .append(",\"viewStack\":").append(array(row.viewStack()))
                    .append(",\"descendants\":").append(row.descendants())
                    .append(",\"watchedAt\":").append(row.watchedAtMillis())
                    .append(",\"reportedAt\":").append(row.reportedAtMillis())
                    .append(",\"gcConfirmed\":").append(row.gcConfirmed());
            if (!row.gcConfirmed()) {
                out.append(",\"gcSkippedBecause\":").append(JsonStrings.quoted(row.gcSkippedBecause()));
            }
            if (!row.verdictReason().isEmpty()) {
                out.append(",\"verdictReason\":").append(JsonStrings.quoted(row.verdictReason()));
            }
            out.append(",\"deallocatedAfterMillis\":").append(row.isDeallocated() ? Long.toString(row.deallocatedAfterMillis()) : "null")
                    .append(",\"reusedAfterMillis\":").append(row.isReused() ? Long.toString(row.reusedAfterMillis()) : "null")
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
            out.append(JsonStrings.quoted(values.get(i)));
        }
        return out.append(']').toString();
    }
}
