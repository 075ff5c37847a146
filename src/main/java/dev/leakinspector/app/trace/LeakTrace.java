package dev.leakinspector.app.trace;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.heap.ChangeHint;
import dev.leakinspector.heap.ChangeHints;
import dev.leakinspector.heap.LibraryHold;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathStep;
import dev.leakinspector.heap.ReferenceKind;
import dev.leakinspector.heap.RetentionPath;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns analysed objects into the lines of the leak trace: one {@link TracePath} per retention path (durable paths
 * first, transient ones after, each group in the analyser's order), one {@link TraceStep} per object on it with the
 * marks the view shows (suspect, JDK/toolkit hold, transient root) and the "What to change" line
 * ({@link ChangeHints}) on the step it is about. The same reading of a path as {@code LeakTraceText}, for a list
 * rather than text. Stateless; call from any thread.
 */
public final class LeakTrace {
    private static final String SEPARATOR = " \u00b7 ";

    private LeakTrace() {
    }

    /**
     * The paths of every analysis, in order; an analysis without paths gives none. With several analyses each label
     * starts with its object's class ({@code JDialog · Path 1 · …}), numbered when they share it ({@code JDialog #2}).
     */
    public static List<TracePath> of(List<ObjectAnalysis> analyses) {
        List<TracePath> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ObjectAnalysis analysis : analyses) {
            String name = RetainGraph.shortName(analysis.className());
            int ordinal = seen.merge(name, 1, Integer::sum);
            boolean same = analyses.stream().filter(a -> RetainGraph.shortName(a.className()).equals(name)).count() > 1;
            String prefix = analyses.size() < 2 ? "" : name + (same ? " #" + ordinal : "") + SEPARATOR;
            List<RetentionPath> paths = new ArrayList<>(analysis.paths());
            // the analyser lists durable paths first already; a stable sort keeps it so whatever its order
            paths.sort(Comparator.comparing(RetentionPath::isTransient));
            List<TracePath> own = new ArrayList<>();
            for (int p = 0; p < paths.size(); p++) {
                own.add(path(prefix + "Path " + (p + 1), paths.get(p), analysis.objectId()));
            }
            out.addAll(toldApart(own));
        }
        return out;
    }

    /** One path's lines, labelled {@code name · where its root holds it}. */
    static TracePath path(String name, RetentionPath path, long leakedObjectId) {
        String holdWhy = path.libraryHold().map(LeakTrace::holdText).orElse("");
        List<PathStep> steps = path.steps();
        Optional<ChangeHint> hint = ChangeHints.of(path);
        int hintAt = hint.map(h -> hintStep(steps, h)).orElse(-1);
        List<TraceStep> lines = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            PathStep s = steps.get(i);
            String stepHold = s.libraryHold() ? (holdWhy.isEmpty() ? "a documented JDK/toolkit hold" : holdWhy) : "";
            lines.add(new TraceStep(i, s.objectId(), s.className(), s.classObject(),
                    i == 0 ? path.rootDescription() : s.reference(), s.referenceKind(), s.leaking(), s.leakingReason(),
                    s.suspect(), stepHold, i == 0 ? path.transientReason() : "", i == steps.size() - 1,
                    i == hintAt && hint.get().isProgramChange() ? List.of(hint.get().line()) : List.of()));
        }
        String label = name + SEPARATOR + where(path) + (path.libraryHold().isPresent() ? SEPARATOR + "JDK/toolkit hold" : "");
        return new TracePath(label, path.rootDescription(), path.transientReason(), holdWhy, leakedObjectId, lines);
    }

    /**
     * Paths of one object whose roots read the same ({@code static AppModel.INSTANCE} twice) are told apart by the
     * first reference where they part from the earlier one: {@code Path 2 · static AppModel.INSTANCE · via Label.text}.
     */
    static List<TracePath> toldApart(List<TracePath> paths) {
        List<TracePath> out = new ArrayList<>(paths.size());
        for (int p = 0; p < paths.size(); p++) {
            TracePath path = paths.get(p);
            String where = whereOf(path.label());
            TracePath earlier = null;
            for (int e = 0; e < p && earlier == null; e++) {
                if (whereOf(paths.get(e).label()).equals(where)) {
                    earlier = paths.get(e);
                }
            }
            if (earlier == null) {
                out.add(path);
                continue;
            }
            List<TraceStep> mine = path.steps();
            int i = 0;
            while (i < mine.size() - 1 && i < earlier.steps().size() && mine.get(i).objectId() == earlier.steps().get(i).objectId()) {
                i++;
            }
            out.add(new TracePath(path.label() + SEPARATOR + "via " + mine.get(i).shortReferenceText(), path.rootDescription(),
                    path.transientReason(), path.libraryHoldWhy(), path.leakedObjectId(), mine));
        }
        return out;
    }

    /** A label without its {@code Path n · } (and any object prefix): where the root holds the path. */
    private static String whereOf(String label) {
        int path = label.indexOf("Path ");
        int separator = label.indexOf(SEPARATOR, path);
        return separator < 0 ? label : label.substring(separator + SEPARATOR.length());
    }

    /**
     * The step a "What to change" line is about: the one whose incoming reference it names (a listener list, a
     * static collection, a field), else the top of the suspect stretch, else the JDK/toolkit hold, else the leaked
     * object.
     */
    static int hintStep(List<PathStep> steps, ChangeHint hint) {
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).reference().equals(hint.reference()) && (steps.get(i).suspect() || steps.get(i).libraryHold())) {
                return i;
            }
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).suspect()) {
                return i;
            }
        }
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).libraryHold()) {
                return i;
            }
        }
        return steps.size() - 1;
    }

    /**
     * Where the path's root holds it, short enough for a tab: the static field of a class root by its class's simple
     * name ({@code static AppModel.INSTANCE}, {@code static Inspectors.ACTIVE} for {@code Pattern$Inspectors}), a thread by its name ({@code thread "pool-1"}; for a transient root
     * {@code transient: JavaFX Application Thread}), else the root's description.
     */
    static String where(RetentionPath path) {
        String thread = threadName(path.rootDescription());
        if (path.isTransient()) {
            return "transient: " + (thread.isEmpty() ? path.rootDescription() : thread);
        }
        List<PathStep> steps = path.steps();
        if (steps.size() > 1 && steps.get(0).classObject() && steps.get(1).referenceKind() == ReferenceKind.STATIC_FIELD) {
            return TraceStep.shortReference(steps.get(1).reference(), ReferenceKind.STATIC_FIELD);
        }
        if (!steps.isEmpty() && steps.get(0).classObject()) {
            return RetainGraph.shortName(steps.get(0).className()) + " class";
        }
        return thread.isEmpty() ? path.rootDescription() : "thread \"" + thread + "\"";
    }

    /** The thread a root description names ({@code … thread "main" at …}), or empty. */
    static String threadName(String rootDescription) {
        int at = rootDescription.indexOf("thread \"");
        if (at < 0) {
            return "";
        }
        int start = at + "thread \"".length();
        int end = rootDescription.indexOf('"', start);
        return end < 0 ? "" : rootDescription.substring(start, end);
    }

    private static String holdText(LibraryHold hold) {
        return hold.name() + ": " + hold.why() + (hold.bugId().isEmpty() ? "" : " (" + hold.bugId() + ")");
    }
}
