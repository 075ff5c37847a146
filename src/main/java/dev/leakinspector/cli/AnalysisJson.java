package dev.leakinspector.cli;

import static dev.leakinspector.session.JsonStrings.quoted;

import dev.leakinspector.heap.ChangeHint;
import dev.leakinspector.heap.ChangeHints;
import dev.leakinspector.heap.LibraryHold;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathStep;
import dev.leakinspector.heap.RetentionPath;

import java.util.List;
import java.util.Optional;

/**
 * One analysed object as JSON, in the shape {@code analyze --json} prints in its "objects" list
 * and {@code attach --explain} adds to a leak: objectId, className, retainedBytes, fingerprint,
 * libraryHold (null, or name, why, bugId, pattern), pathVerdict ("leak", "cache" or "undecided"), pathVerdictReason,
 * onlyTransientPaths, whatToChange and changeKind (the first path's, see below), paths (rootKind, steps with suspect
 * and libraryHold, rootDescription, transient, transientReason, libraryHold name or null, whatToChange, changeKind),
 * cycles. {@code whatToChange} is the one-line suggestion of {@link ChangeHints} and {@code changeKind} its kind
 * ("listener", "static-collection", "collection", "executor", "thread", "animation", "thread-local", "field", or
 * "library-hold" when the line only says which JDK/toolkit hold keeps it and what lets it go); both are null when
 * there is nothing to suggest (no path, a transient path, no telling shape). Stateless.
 */
final class AnalysisJson {
    private AnalysisJson() {
    }

    static String object(ObjectAnalysis r) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"objectId\":").append(quoted("0x" + Long.toHexString(r.objectId())))
            .append(",\"className\":").append(quoted(r.className()))
            .append(",\"retainedBytes\":").append(r.retainedBytes())
            .append(",\"fingerprint\":").append(quoted(r.fingerprint()))
            .append(",\"libraryHold\":");
        if (r.libraryHold().isPresent()) {
            LibraryHold h = r.libraryHold().get();
            sb.append("{\"name\":").append(quoted(h.name()))
                .append(",\"why\":").append(quoted(h.why()))
                .append(",\"bugId\":").append(quoted(h.bugId()))
                .append(",\"pattern\":").append(quoted(h.pattern())).append('}');
        } else {
            sb.append("null");
        }
        sb.append(",\"pathVerdict\":").append(quoted(r.pathVerdict().wireName()))
            .append(",\"pathVerdictReason\":").append(quoted(r.pathVerdictReason()))
            .append(",\"onlyTransientPaths\":").append(r.onlyTransientPaths());
        appendChange(ChangeHints.of(r), sb);
        sb.append(",\"paths\":[");
        for (int p = 0; p < r.paths().size(); p++) {
            RetentionPath path = r.paths().get(p);
            if (p > 0) {
                sb.append(',');
            }
            sb.append("{\"rootKind\":").append(quoted(path.rootKind().name())).append(",\"steps\":[");
            for (int i = 0; i < path.steps().size(); i++) {
                PathStep s = path.steps().get(i);
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"className\":").append(quoted(s.className()))
                    .append(",\"reference\":").append(quoted(s.reference()))
                    .append(",\"referenceKind\":").append(quoted(s.referenceKind().name()))
                    .append(",\"leaking\":").append(quoted(s.leaking().name()))
                    .append(",\"suspect\":").append(s.suspect())
                    .append(",\"libraryHold\":").append(s.libraryHold()).append('}');
            }
            // after the steps, so that the shape up to them stays what version 1 consumers read
            sb.append("],\"rootDescription\":").append(quoted(path.rootDescription()))
                .append(",\"transient\":").append(path.isTransient())
                .append(",\"transientReason\":").append(quoted(path.transientReason()))
                .append(",\"libraryHold\":").append(path.libraryHold().map(h -> quoted(h.name())).orElse("null"));
            appendChange(ChangeHints.of(path), sb);
            sb.append('}');
        }
        sb.append("],\"cycles\":[");
        for (int c = 0; c < r.cycles().size(); c++) {
            if (c > 0) {
                sb.append(',');
            }
            sb.append('[');
            List<PathStep> elements = r.cycles().get(c).elements();
            for (int i = 0; i < elements.size(); i++) {
                PathStep s = elements.get(i);
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"className\":").append(quoted(s.className()))
                    .append(",\"reference\":").append(quoted(s.reference()))
                    .append(",\"referenceKind\":").append(quoted(s.referenceKind().name())).append('}');
            }
            sb.append(']');
        }
        sb.append("]}");
        return sb.toString();
    }

    private static void appendChange(Optional<ChangeHint> hint, StringBuilder sb) {
        sb.append(",\"whatToChange\":").append(hint.map(h -> quoted(h.line())).orElse("null"))
            .append(",\"changeKind\":").append(hint.map(h -> quoted(h.kind().wireName())).orElse("null"));
    }
}
