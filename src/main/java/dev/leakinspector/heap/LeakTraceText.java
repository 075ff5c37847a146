package dev.leakinspector.heap;

import java.util.List;
import java.util.Map;

/**
 * The LeakCanary-style text trace of analysed objects: each path from its GC root down to the object with the
 * leaking status per step and the suspect references underlined with {@code ~} (a documented JDK/toolkit hold
 * marked "JDK/toolkit hold: why" instead, a transient root marked "transient: …"), each path followed by a
 * "What to change:" line ({@link ChangeHints}) unless it is transient, then the shortest cycles. One
 * formatter for every face that prints traces (the command line's {@code analyze}, the graph's "copy as text").
 * Stateless; call from any thread.
 */
public final class LeakTraceText {
    /** How many reference cycles the text shows per object; the rest are counted. */
    public static final int CYCLES_IN_TEXT = 3;

    private static final String NL = System.lineSeparator();

    private LeakTraceText() {
    }

    /** The trace of every object, each followed by an empty line, without timings. */
    public static String format(List<ObjectAnalysis> results) {
        StringBuilder sb = new StringBuilder();
        for (ObjectAnalysis r : results) {
            appendObject(r, sb);
        }
        return sb.toString();
    }

    /** {@link #format} followed by a {@code Timings: name=ms …} line, as {@code analyze} prints it. */
    public static String format(List<ObjectAnalysis> results, Map<String, Long> timings) {
        StringBuilder sb = new StringBuilder(format(results));
        if (timings.isEmpty()) {
            return sb.toString();
        }
        sb.append("Timings:");
        timings.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.append(NL).toString();
    }

    /** Appends one object's trace: header, paths, up to {@link #CYCLES_IN_TEXT} cycles, an empty line. */
    public static void appendObject(ObjectAnalysis r, StringBuilder out) {
        line(out, r.className() + " 0x" + Long.toHexString(r.objectId()) + " — retained " + r.retainedBytes()
                + " bytes" + (r.fingerprint().isEmpty() ? "" : ", fingerprint " + r.fingerprint()));
        if (r.paths().isEmpty()) {
            line(out, "  not reachable from any GC root (it will be collected)");
        }
        r.libraryHold().ifPresent(h -> line(out, "JDK/toolkit hold: " + h.name() + ": " + h.why()
                + (h.bugId().isEmpty() ? "" : " (" + h.bugId() + ")") + " — not the program's leak"));
        if (r.onlyTransientPaths()) {
            line(out, "Only transient paths: nothing durable keeps it; a UI thread's local holds it until the event"
                    + " being handled returns");
        }
        if (!r.paths().isEmpty()) {
            line(out, "Path verdict: " + r.pathVerdict().wireName()
                    + (r.pathVerdictReason().isEmpty() ? "" : " — " + r.pathVerdictReason()));
        }
        for (int p = 0; p < r.paths().size(); p++) {
            RetentionPath path = r.paths().get(p);
            line(out, "Path " + (p + 1) + " of " + r.paths().size() + " (" + path.length() + " references"
                    + (path.isTransient() ? ", transient" : "") + (path.libraryHold().isPresent() ? ", JDK/toolkit hold" : "")
                    + "):");
            appendPath(path, out);
            ChangeHints.of(path).ifPresent(h -> line(out, "What to change: " + h.line()));
        }
        // In a UI every node is in cycles with its parent and scene: show the shortest few
        // (the list is shortest first), count the rest; --json lists them all.
        int shownCycles = Math.min(r.cycles().size(), CYCLES_IN_TEXT);
        for (int c = 0; c < shownCycles; c++) {
            RetainCycle cycle = r.cycles().get(c);
            StringBuilder sb = new StringBuilder("Cycle " + (c + 1) + " (length " + cycle.length() + "): ");
            for (int i = 0; i < cycle.length(); i++) {
                PathStep next = cycle.elements().get((i + 1) % cycle.length());
                sb.append(cycle.elements().get(i).className()).append(" —").append(next.reference()).append("→ ");
            }
            sb.append(cycle.elements().get(0).className());
            line(out, sb.toString());
        }
        if (r.cycles().size() > shownCycles) {
            line(out, "… and " + (r.cycles().size() - shownCycles) + " more cycles through this object"
                    + " (up to length " + LeakAnalyzer.MAX_CYCLE_LENGTH + "); --json lists them all");
        }
        line(out, "");
    }

    /** Appends one path: the root, then each step with its status and the reference to the next. */
    public static void appendPath(RetentionPath path, StringBuilder out) {
        List<PathStep> steps = path.steps();
        line(out, "┬───");
        line(out, "│ GC Root: " + path.rootDescription());
        if (path.isTransient()) {
            line(out, "│ transient: " + path.transientReason());
        }
        if (steps.size() > 0 && steps.get(0).libraryHold()) {
            line(out, "│ JDK/toolkit hold: " + path.libraryHold().map(LibraryHold::why).orElse(""));
        }
        line(out, "│");
        for (int i = 0; i < steps.size(); i++) {
            PathStep s = steps.get(i);
            boolean last = i == steps.size() - 1;
            String bar = last ? " " : "│";
            line(out, (last ? "╰→ " : "├─ ") + s.className() + (s.classObject() ? " class" : " instance"));
            line(out, bar + "    Leaking: " + s.leaking() + (s.leakingReason().isEmpty() ? "" : " (" + s.leakingReason() + ")"));
            if (!last) {
                PathStep next = steps.get(i + 1);
                String text = bar + "    ↓ " + next.reference();
                line(out, text);
                if (next.suspect()) {
                    // underline the field name (or the [index]) only, as LeakCanary does
                    String ref = next.reference();
                    int nameStart = ref.contains("[") ? ref.indexOf('[') : ref.lastIndexOf('.') + 1;
                    int col = text.length() - ref.length() + nameStart;
                    line(out, bar + " ".repeat(Math.max(0, col - 1)) + "~".repeat(Math.max(1, ref.length() - nameStart)));
                }
                if (next.libraryHold()) {
                    line(out, bar + "    JDK/toolkit hold: " + path.libraryHold().map(LibraryHold::why).orElse(""));
                }
            }
        }
    }

    private static void line(StringBuilder out, String s) {
        out.append(s).append(NL);
    }
}
