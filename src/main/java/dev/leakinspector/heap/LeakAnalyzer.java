package dev.leakinspector.heap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers "why is this object alive" for chosen objects of an indexed dump: k shortest strong paths from GC roots
 * with leaking status and suspect references per step, reference cycles through the object (≤ 20), retained size,
 * a fingerprint and a verdict hint from the first path's shape ({@link PathShape}). Objects the agent watches
 * ({@code WatchedReference} referents) and the ids the caller passes as reported count as leaking; showing windows,
 * the components and nodes they show and class objects are not leaking. Paths from durable roots come before paths
 * from a UI thread's locals captured mid-event ({@link TransientRoots}); a path through a documented JDK/toolkit hold
 * ({@link LibraryHolds}) has no suspect references and comes after the paths without one.
 *
 * <p>Not thread-safe: one analyzer per thread (the index itself may be shared).
 */
public final class LeakAnalyzer {
    /** Default number of paths per object. */
    public static final int DEFAULT_PATHS = 3;
    /** Longest cycle reported. */
    public static final int MAX_CYCLE_LENGTH = 20;

    private final HprofIndex index;
    private final ProgressListener progress;
    private final CancelToken cancel;
    private final Map<String, Long> timingsMillis = new LinkedHashMap<>();
    private final ShowingObjects showing;
    private boolean retainedSizes = true;
    private boolean cycles = true;
    private LibraryHolds libraryHolds = LibraryHolds.defaults();
    private TransientRoots transientRoots;

    public LeakAnalyzer(HprofIndex index, ProgressListener progress, CancelToken cancel) {
        this.index = index;
        this.progress = progress;
        this.cancel = cancel;
        this.showing = new ShowingObjects(index);
    }

    /** Whether {@link #analyze} computes retained sizes (default true); when off they are -1. Returns this. */
    public LeakAnalyzer computeRetainedSizes(boolean on) {
        this.retainedSizes = on;
        return this;
    }

    /** Whether {@link #analyze} looks for reference cycles (default true). Returns this. */
    public LeakAnalyzer findCycles(boolean on) {
        this.cycles = on;
        return this;
    }

    /** The JDK/toolkit holds to recognise (default: {@link LibraryHolds#defaults()}). Returns this. */
    public LeakAnalyzer libraryHolds(LibraryHolds holds) {
        this.libraryHolds = holds;
        return this;
    }

    /** Milliseconds spent per phase of the last {@link #analyze} call ("select" when selecting, "paths", "retained", "cycles"). */
    public Map<String, Long> timingsMillis() {
        return Collections.unmodifiableMap(timingsMillis);
    }

    /** Selects objects and analyses them; the chosen objects are treated as reported (leaking). */
    public List<ObjectAnalysis> analyze(ObjectSelector selector, int k) {
        long t0 = System.nanoTime();
        int[] targets = selector.select(index, cancel);
        long selectMillis = (System.nanoTime() - t0) / 1_000_000;
        Set<Long> reported = new HashSet<>();
        for (int t : targets) {
            reported.add(index.objectId(t));
        }
        List<ObjectAnalysis> result = analyze(targets, k, reported);
        Map<String, Long> withSelect = new LinkedHashMap<>();
        withSelect.put("select", selectMillis);
        withSelect.putAll(timingsMillis);
        timingsMillis.clear();
        timingsMillis.putAll(withSelect);
        return result;
    }

    /**
     * Analyses the objects with these dense indexes.
     *
     * @param targets          dense indexes ({@link HprofIndex#indexOf})
     * @param k                paths per object, at least 1
     * @param reportedLeakIds  ids of objects known to be leaking (agent-reported); watched referents are added
     */
    public List<ObjectAnalysis> analyze(int[] targets, int k, Set<Long> reportedLeakIds) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        return analyze(targets, k, reportedLeakIds, ObjectSelector.watchedReferents(index, cancel));
    }

    /**
     * Like {@link #analyze(int[], int, Set)} with the dump's watches already found, so a caller that has them spares
     * another pass over the heap.
     *
     * @param watches the agent's watches in this index, as {@link ObjectSelector#watchedReferents(HprofIndex, CancelToken)}
     *                returns them; their live referents count as leaking
     */
    public List<ObjectAnalysis> analyze(int[] targets, int k, Set<Long> reportedLeakIds, long[][] watches) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        Set<Long> leaking = new HashSet<>(reportedLeakIds);
        for (long[] w : watches) {
            if (w[1] != 0) {
                leaking.add(w[1]);
            }
        }
        timingsMillis.clear();
        long t0 = System.nanoTime();
        ShortestPathFinder finder = new ShortestPathFinder(index, progress, cancel);
        finder.computeParents();
        transientRoots = finder.transientRoots();
        List<List<ShortestPathFinder.NodePath>> nodePaths = finder.paths(targets, k);
        // A first path through a JDK/toolkit hold: search again with that reference last, so that the program's own
        // path, if there is one, comes first even when longer (LeakCanary's library leaks). Rare, so a second search
        // costs nothing in the usual case.
        for (int round = 0; round < MAX_HOLD_ROUNDS && deferHolds(finder, nodePaths); round++) {
            finder.computeParents();
            nodePaths = finder.paths(targets, k);
        }
        List<List<RetentionPath>> named = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            List<RetentionPath> paths = new ArrayList<>();
            for (ShortestPathFinder.NodePath np : nodePaths.get(i)) {
                paths.add(toRetentionPath(np, leaking));
            }
            // durable before transient, then the program's own paths before the JDK/toolkit holds; stable, so
            // shortest first within each group
            paths.sort(Comparator.comparing(RetentionPath::isTransient)
                    .thenComparing(path -> path.libraryHold().isPresent()));
            named.add(paths);
        }
        nodePaths = null;
        long t1 = System.nanoTime();
        timingsMillis.put("paths", (t1 - t0) / 1_000_000);
        long[] retained = new long[targets.length];
        java.util.Arrays.fill(retained, -1);
        if (retainedSizes) {
            progress.onProgress(HeapStep.RETAINED_SIZES, 0, 1);
            // the search tree just built spares the retained sizes a search of their own over the whole heap
            ShortestPathFinder.TargetSubtrees tree = finder.targetSubtrees(targets);
            finder = null; // its parent array (4 bytes per object) is not needed any more
            retained = new RetainedSizeCalculator(index, cancel).retainedSizes(targets, tree);
            progress.onProgress(HeapStep.RETAINED_SIZES, 1, 1);
        }
        finder = null; // not kept through the cycle search either, with or without retained sizes
        long t2 = System.nanoTime();
        timingsMillis.put("retained", (t2 - t1) / 1_000_000);
        CycleFinder cycleFinder = new CycleFinder(index, cancel);
        List<ObjectAnalysis> out = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            int t = targets[i];
            List<RetentionPath> paths = named.get(i);
            List<RetainCycle> cycleList = new ArrayList<>();
            if (cycles) {
                for (int[] c : cycleFinder.cyclesThrough(t, MAX_CYCLE_LENGTH)) {
                    cycleList.add(toCycle(c));
                }
            }
            RetentionPath first = paths.isEmpty() ? null : paths.get(0);
            String fingerprint = first == null ? "" : LeakFingerprint.of(first);
            PathShape.Hint hint = PathShape.of(first);
            Optional<LibraryHold> hold = first == null ? Optional.empty() : first.libraryHold();
            out.add(new ObjectAnalysis(index.objectId(t), index.className(t), retained[i], fingerprint, paths, cycleList,
                    hold, hint.verdict(), hint.reason()));
            progress.onProgress(HeapStep.CYCLES, i + 1, targets.length);
        }
        timingsMillis.put("cycles", (System.nanoTime() - t2) / 1_000_000);
        return out;
    }

    /** How many times a search is repeated with newly found JDK/toolkit hold references deferred. */
    private static final int MAX_HOLD_ROUNDS = 3;

    /** Defers the hold references on the targets' first paths; whether any was new. */
    private boolean deferHolds(ShortestPathFinder finder, List<List<ShortestPathFinder.NodePath>> nodePaths) {
        boolean added = false;
        for (List<ShortestPathFinder.NodePath> paths : nodePaths) {
            if (paths.isEmpty()) {
                continue;
            }
            ShortestPathFinder.NodePath first = paths.get(0);
            int[] nodes = first.nodes();
            for (int i = 1; i < nodes.length; i++) {
                HprofIndex.Reference ref = index.describeReference(nodes[i - 1], nodes[i], first.occurrences()[i]);
                if (ref != null && libraryHolds.matchField(ref.kind(), ref.declaringClass(), ref.name()).isPresent()) {
                    added |= finder.deferEdge(nodes[i - 1], nodes[i]);
                }
            }
        }
        return added;
    }

    private RetentionPath toRetentionPath(ShortestPathFinder.NodePath np, Set<Long> leaking) {
        int[] nodes = np.nodes();
        List<PathStep> steps = new ArrayList<>();
        GcRootKind rootKind;
        String rootText;
        ReferenceKind rootRefKind;
        Optional<LibraryHold> hold = Optional.empty();
        int holdStep = -1;
        if (np.rootRecord() >= 0) {
            rootKind = index.rootKind(np.rootRecord());
            rootText = index.describeRoot(np.rootRecord());
            rootRefKind = rootKind == GcRootKind.JAVA_FRAME || rootKind == GcRootKind.JNI_LOCAL ? ReferenceKind.LOCAL : ReferenceKind.ROOT;
            if (hasThread(rootKind)) {
                hold = libraryHolds.matchThread(index.threadName(index.rootThreadSerial(np.rootRecord())));
                holdStep = hold.isPresent() ? 0 : -1;
            }
        } else {
            rootKind = GcRootKind.CLASS;
            rootText = GcRootKind.CLASS.description();
            rootRefKind = ReferenceKind.ROOT;
        }
        for (int i = 0; i < nodes.length; i++) {
            int node = nodes[i];
            String reference;
            ReferenceKind kind;
            if (i == 0) {
                reference = rootText;
                kind = rootRefKind;
            } else {
                HprofIndex.Reference ref = index.describeReference(nodes[i - 1], node, np.occurrences()[i]);
                reference = ref == null ? "?" : ref.display();
                kind = ref == null ? ReferenceKind.INSTANCE_FIELD : ref.kind();
                if (ref != null && hold.isEmpty()) {
                    hold = libraryHolds.matchField(ref.kind(), ref.declaringClass(), ref.name());
                    holdStep = hold.isPresent() ? i : -1;
                }
            }
            boolean isClass = index.isClassObject(node);
            PathStep step = new PathStep(index.className(node), reference, kind, LeakingStatus.UNKNOWN, "", false,
                index.objectId(node), isClass);
            step = classify(step, node, i == 0, leaking);
            steps.add(i == 0 ? step : inheritNotLeaking(steps.get(i - 1), step));
        }
        if (hold.isPresent()) {
            // a documented JDK/toolkit hold: nothing here is the program's to remove
            steps.set(holdStep, steps.get(holdStep).withLibraryHold(true));
        } else {
            markSuspects(steps);
        }
        return new RetentionPath(rootKind, rootText, steps, transientRoots.reason(np.rootRecord()), hold);
    }

    private static boolean hasThread(GcRootKind kind) {
        return kind == GcRootKind.JAVA_FRAME || kind == GcRootKind.JNI_LOCAL || kind == GcRootKind.THREAD_OBJECT
                || kind == GcRootKind.NATIVE_STACK || kind == GcRootKind.THREAD_BLOCK;
    }

    private PathStep classify(PathStep step, int node, boolean root, Set<Long> leaking) {
        if (leaking.contains(step.objectId())) {
            return step.withLeaking(LeakingStatus.YES, "reported as leaking");
        }
        if (step.classObject()) {
            return step.withLeaking(LeakingStatus.NO, "a class is never leaking");
        }
        PathStep shown = showing.classify(step, node);
        if (shown != step) {
            return shown;
        }
        return root ? step.withLeaking(LeakingStatus.NO, "GC root") : step;
    }

    /**
     * Objects that live exactly as long as a not-leaking object before them on the path are not
     * leaking either, so the suspect references start where the program's own objects do: at the
     * listener registered, the task scheduled, the entry stored. Two cases: an object a static
     * field holds (it lives as long as its class), and the internal state of a not-leaking object
     * — collections, JavaFX properties and bindings, bean listener support, thread-local maps, the
     * animation pulse timer. Leaking (reported) objects are never downgraded.
     */
    private static PathStep inheritNotLeaking(PathStep previous, PathStep step) {
        if (step.leaking() != LeakingStatus.UNKNOWN || previous.leaking() != LeakingStatus.NO) {
            return step;
        }
        if (previous.classObject() && step.referenceKind() == ReferenceKind.STATIC_FIELD) {
            return step.withLeaking(LeakingStatus.NO, "held by a static field: lives as long as its class");
        }
        if (isInternalState(step.className())) {
            return step.withLeaking(LeakingStatus.NO, "internal state of the not-leaking "
                    + previous.className().substring(previous.className().lastIndexOf('.') + 1));
        }
        return step;
    }

    /** Library classes that only ever hold their owner's state (element class for arrays). */
    private static boolean isInternalState(String className) {
        if (className.equals("java.lang.Object[]")) {
            return true;
        }
        String element = className.endsWith("[]") ? className.substring(0, className.indexOf('[')) : className;
        for (String prefix : INTERNAL_STATE_PREFIXES) {
            if (element.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> INTERNAL_STATE_PREFIXES = List.of("java.util.", "java.beans.",
            "javax.swing.event.EventListenerList", "javax.swing.ArrayTable", "java.awt.AWTEventMulticaster",
            "java.lang.ThreadLocal", "javafx.beans.", "javafx.collections.", "com.sun.javafx.binding.",
            "com.sun.javafx.collections.", "com.sun.javafx.tk.", "com.sun.scenario.");

    /** Marks as suspect the references into steps after the last not-leaking step, up to the first leaking one. */
    private static void markSuspects(List<PathStep> steps) {
        int firstLeaking = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).leaking() == LeakingStatus.YES) {
                firstLeaking = i;
                break;
            }
        }
        if (firstLeaking < 0) {
            return;
        }
        int lastNotLeaking = -1;
        for (int i = 0; i < firstLeaking; i++) {
            if (steps.get(i).leaking() == LeakingStatus.NO) {
                lastNotLeaking = i;
            }
        }
        for (int i = lastNotLeaking + 1; i <= firstLeaking; i++) {
            if (i > 0) {
                steps.set(i, steps.get(i).withSuspect(true));
            }
        }
    }

    private RetainCycle toCycle(int[] cycle) {
        List<PathStep> elements = new ArrayList<>();
        for (int i = 0; i < cycle.length; i++) {
            int node = cycle[i];
            int prev = cycle[(i + cycle.length - 1) % cycle.length];
            HprofIndex.Reference ref = index.describeReference(prev, node);
            elements.add(new PathStep(index.className(node), ref == null ? "?" : ref.display(),
                ref == null ? ReferenceKind.INSTANCE_FIELD : ref.kind(), LeakingStatus.UNKNOWN, "", false,
                index.objectId(node), index.isClassObject(node)));
        }
        return new RetainCycle(elements);
    }
}
