package dev.leakinspector.heap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, in a heap dump with no other hint, the UI objects that should be dead, and explains each.
 *
 * <p>The rule, in two steps. First the candidates ({@link UiCandidates}): the topmost UI objects that were on screen
 * once and are not now: a JavaFX window shown and hidden (not a popup window), a tree of JavaFX nodes rendered once and
 * now in no window (its top a Parent: a lone shape or text is a toolkit part), a Swing/AWT window shown and then disposed or hidden, a tree of Swing/AWT components laid out once
 * and now in no window; what is inside such a window or tree is counted under it, not reported again. Then what keeps
 * each candidate, as {@code analyze} explains it (durable paths first): it is a <b>leak</b> when the program keeps it
 * through a listener list, a collection a static field holds, a thread, timer, executor or running animation (the
 * path verdict "leak"), or when a hidden Swing/AWT window is kept only by AWT's list of windows not disposed; it is a <b>JDK/toolkit hold</b> (shown, marked, not counted) when only a documented
 * JDK/toolkit reference keeps it; and it is <b>not reported</b> when a plain field or a live owner's collection keeps
 * it (a dialog kept to be shown again, a page cache: one dump cannot tell reuse from a leak) or when only a UI thread's
 * local keeps it mid-event. One that nothing strong keeps is left out (it goes at the next GC).
 *
 * <p>Scales as the engine does: one pass over the dump's primitive-array index for the candidates, one breadth-first
 * search for all their paths. At most {@link #MAX_CANDIDATES} candidates are explained. Not thread-safe; runs on the
 * calling thread and honours the cancel token.
 */
public final class UiLeakFinder {
    /** The most candidates explained in one run (windows first); the rest are counted as not explained. */
    public static final int MAX_CANDIDATES = 500;
    /** One-paragraph statement of the rule for reports (text and JSON). */
    public static final String RULE = "A UI object is reported when it was on screen once and is not now (a JavaFX"
            + " window shown and hidden, not a popup; a JavaFX node tree (a pane or control at its top) rendered once and"
            + " now in no window; a Swing/AWT"
            + " window shown and then disposed or hidden; a Swing/AWT component tree laid out once and now in no window),"
            + " only the topmost (what is inside it is counted under it), and when the program keeps it through a"
            + " listener list, a collection a static field holds, a thread, timer, executor or running animation, or,"
            + " for a hidden Swing/AWT window, when only AWT's list of windows not disposed keeps it (never disposed)."
            + " Kept only by a documented JDK/toolkit hold: shown, marked, not counted. Kept by a plain field or a live"
            + " owner's collection (reuse or a cache cannot be told from one dump), or only mid-event: not reported.";

    private final HprofIndex index;
    private final ProgressListener progress;
    private final CancelToken cancel;
    private final Map<String, Long> timingsMillis = new LinkedHashMap<>();
    private boolean cycles = true;

    public UiLeakFinder(HprofIndex index, ProgressListener progress, CancelToken cancel) {
        this.index = index;
        this.progress = progress;
        this.cancel = cancel;
    }

    /** The result of one run. Immutable. */
    public record Result(List<UiLeak> all, int candidatesNotExplained) {
        public Result {
            all = List.copyOf(all);
        }

        /** The ones with this status, in finding order. */
        public List<UiLeak> with(UiLeak.Status status) {
            return all.stream().filter(l -> l.status() == status).toList();
        }

        /** The leaks: what the exit code and the count are about. */
        public List<UiLeak> leaks() {
            return with(UiLeak.Status.LEAK);
        }

        /** Leaks and JDK/toolkit holds grouped by {@link UiLeak#groupKey()}, in first-seen order. */
        public Map<String, List<UiLeak>> groups(UiLeak.Status status) {
            Map<String, List<UiLeak>> out = new LinkedHashMap<>();
            for (UiLeak l : with(status)) {
                out.computeIfAbsent(l.groupKey(), key -> new ArrayList<>()).add(l);
            }
            return out;
        }
    }

    /**
     * The finding with the strong reference cycles through its object (up to {@link LeakAnalyzer#MAX_CYCLE_LENGTH}),
     * shortest first, as {@code analyze} lists them; {@link #find} leaves them empty. Same thread rules as {@link #find}.
     */
    public UiLeak withCycles(UiLeak leak) {
        ObjectAnalysis a = leak.analysis();
        int node = index.indexOf(a.objectId());
        if (node < 0) {
            return leak;
        }
        List<RetainCycle> cycles = new ArrayList<>();
        for (int[] cycle : new CycleFinder(index, cancel).cyclesThrough(node, LeakAnalyzer.MAX_CYCLE_LENGTH)) {
            List<PathStep> elements = new ArrayList<>();
            for (int i = 0; i < cycle.length; i++) {
                int to = cycle[i];
                HprofIndex.Reference ref = index.describeReference(cycle[(i + cycle.length - 1) % cycle.length], to);
                elements.add(new PathStep(index.className(to), ref == null ? "?" : ref.display(),
                        ref == null ? ReferenceKind.INSTANCE_FIELD : ref.kind(), LeakingStatus.UNKNOWN, "", false,
                        index.objectId(to), index.isClassObject(to)));
            }
            cycles.add(new RetainCycle(elements));
        }
        return new UiLeak(leak.kind(), leak.descendants(), leak.title(), new ObjectAnalysis(a.objectId(), a.className(),
                a.retainedBytes(), a.fingerprint(), a.paths(), cycles, a.libraryHold(), a.pathVerdict(),
                a.pathVerdictReason()));
    }

    /**
     * AWT keeps every window shown and not disposed in a static list until {@code dispose()}. Searched last, like a
     * JDK/toolkit hold, so that a program's own path (a dialog kept to be shown again) comes first; but when only that
     * list keeps a hidden window, the program hid it and never disposed it: that is the program's leak.
     */
    private static final LibraryHold AWT_WINDOW_LIST = new LibraryHold("AWT window list", LibraryHold.Kind.STATIC_FIELD,
            "java.awt.Window", "allWindows", "AWT keeps every window that was shown and not disposed until dispose()", "");

    /** An analysis kept only by {@link #AWT_WINDOW_LIST}, made the program's leak; any other unchanged. */
    private static ObjectAnalysis hiddenNotDisposed(ObjectAnalysis a) {
        if (a.libraryHold().filter(h -> h.equals(AWT_WINDOW_LIST)).isEmpty()) {
            return a;
        }
        List<RetentionPath> paths = new ArrayList<>();
        for (RetentionPath p : a.paths()) {
            if (p.libraryHold().filter(h -> h.equals(AWT_WINDOW_LIST)).isEmpty()) {
                paths.add(p);
                continue;
            }
            List<PathStep> steps = new ArrayList<>();
            for (PathStep s : p.steps()) {
                // the list's reference is the one to cut, by dispose()
                steps.add(s.libraryHold() ? s.withLibraryHold(false).withSuspect(true) : s);
            }
            paths.add(new RetentionPath(p.rootKind(), p.rootDescription(), steps, p.transientReason(), Optional.empty()));
        }
        return new ObjectAnalysis(a.objectId(), a.className(), a.retainedBytes(), a.fingerprint(), paths, a.cycles(),
                Optional.empty(), PathVerdict.LEAK, "hidden and never disposed: only AWT's list of windows not disposed"
                        + " keeps it (static Window.allWindows); dispose() it when it closes");
    }

    /**
     * For each candidate, the candidate (position in {@code targets}) whose window or tree its first path passes
     * through, else -1: a table header kept by its table inside a leaked page, a page's node kept by the leaked
     * window's controller, is part of that leak, not one of its own (topmost only). Followed to the end of a chain;
     * a chain that loops keeps its members.
     */
    private int[] heldThroughOtherCandidate(UiCandidates scan, int[] targets, List<ObjectAnalysis> analyses) {
        Map<Integer, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < targets.length; i++) {
            position.put(targets[i], i);
        }
        int[] direct = new int[targets.length];
        java.util.Arrays.fill(direct, -1);
        for (int i = 0; i < targets.length; i++) {
            List<RetentionPath> paths = analyses.get(i).paths();
            if (paths.isEmpty()) {
                continue;
            }
            List<PathStep> steps = paths.get(0).steps();
            // the last step that is inside another candidate: the nearest holder
            for (int s = steps.size() - 2; s >= 0 && direct[i] < 0; s--) {
                int node = index.indexOf(steps.get(s).objectId());
                if (node < 0) {
                    continue;
                }
                Integer p = position.get(node);
                if (p == null) {
                    int container = scan.candidateContaining(node);
                    p = container < 0 ? null : position.get(container);
                }
                if (p != null && p != i) {
                    direct[i] = p;
                }
            }
        }
        int[] top = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            int x = i;
            int hops = 0;
            while (direct[x] >= 0 && hops <= targets.length) {
                x = direct[x];
                hops++;
            }
            top[i] = direct[i] < 0 || hops > targets.length ? -1 : x;
        }
        return top;
    }

    /**
     * Whether {@link #find} looks for the reference cycles of the first finding of each group shown (default true);
     * the others get them from {@link #withCycles}. Returns this.
     */
    public UiLeakFinder findCycles(boolean on) {
        this.cycles = on;
        return this;
    }

    /** Milliseconds per phase of the last run: "candidates", then the analyzer's phases. */
    public Map<String, Long> timingsMillis() {
        return java.util.Collections.unmodifiableMap(timingsMillis);
    }

    /** Finds and explains the candidates, {@code k} paths each (at least 1). */
    public Result find(int k) {
        timingsMillis.clear();
        long t0 = System.nanoTime();
        progress.onProgress(HeapStep.UI_OBJECTS, 0, 1);
        UiCandidates scan = new UiCandidates(index, cancel);
        List<UiCandidates.Candidate> candidates = scan.find();
        progress.onProgress(HeapStep.UI_OBJECTS, 1, 1);
        timingsMillis.put("candidates", (System.nanoTime() - t0) / 1_000_000);
        int notExplained = Math.max(0, candidates.size() - MAX_CANDIDATES);
        if (notExplained > 0) {
            candidates = candidates.subList(0, MAX_CANDIDATES);
        }
        if (candidates.isEmpty()) {
            return new Result(List.of(), 0);
        }
        int[] targets = new int[candidates.size()];
        Set<Long> candidateIds = new HashSet<>();
        for (int i = 0; i < targets.length; i++) {
            targets[i] = candidates.get(i).node();
            candidateIds.add(index.objectId(targets[i]));
        }
        // cycles are looked for later, for the objects shown (withCycles): through a window there are many, and each
        // search costs far more than the paths of all candidates together
        LeakAnalyzer analyzer = new LeakAnalyzer(index, progress, cancel).findCycles(false)
                .libraryHolds(LibraryHolds.defaults().with(AWT_WINDOW_LIST));
        // every candidate is treated as reported: the suspects end at the first candidate on a path
        List<ObjectAnalysis> analyses = new ArrayList<>(analyzer.analyze(targets, k, candidateIds));
        analyses.replaceAll(UiLeakFinder::hiddenNotDisposed);
        timingsMillis.putAll(analyzer.timingsMillis());
        int[] heldThrough = heldThroughOtherCandidate(scan, targets, analyses);
        int[] descendants = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            descendants[i] += candidates.get(i).descendants();
            if (heldThrough[i] >= 0) {
                descendants[heldThrough[i]] += 1 + candidates.get(i).descendants();
            }
        }
        List<UiLeak> out = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            // nothing strong keeps it: it goes at the next GC, nothing to say about it
            if (heldThrough[i] < 0 && !analyses.get(i).paths().isEmpty()) {
                UiCandidates.Candidate c = candidates.get(i);
                out.add(new UiLeak(c.kind(), descendants[i], c.title(), analyses.get(i)));
            }
        }
        long t1 = System.nanoTime();
        if (cycles) {
            // the first of each group shown is the one whose trace is printed
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < out.size(); i++) {
                UiLeak l = out.get(i);
                if (l.status() != UiLeak.Status.NOT_REPORTED && seen.add(l.groupKey())) {
                    out.set(i, withCycles(l));
                }
                progress.onProgress(HeapStep.CYCLES, i + 1, out.size());
            }
        }
        timingsMillis.put("cycles", (System.nanoTime() - t1) / 1_000_000);
        return new Result(out, notExplained);
    }
}
