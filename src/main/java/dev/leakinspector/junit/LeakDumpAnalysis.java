package dev.leakinspector.junit;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.ExplainRequest;
import dev.leakinspector.heap.ExplainResult;
import dev.leakinspector.heap.Explainer;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathStep;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.heap.RetentionPath;
import dev.leakinspector.session.HeapDumpFiles;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why the watched objects of a test are alive: one heap dump of this JVM ({@code live=true}, so the JVM collects
 * first and the dump holds only what is reachable), written into a private temporary folder, analysed by the heap
 * engine (the agent's weak references in the dump say which object each watch is), then deleted, or kept when asked.
 *
 * <p>Paths through the test harness's own holds are dropped, and an object that only such paths keep is not a leak of
 * the code under test:
 * <ul>
 *   <li>an instance of the test class: a test's own field that keeps its window is released with the test instance;</li>
 *   <li>{@value #MONOCLE_WINDOW_MANAGER}{@code .}{@value #MONOCLE_FOCUSED_WINDOW}: Monocle, the headless platform
 *       TestFX tests run on, keeps the last focused window there, closed or not, until another window takes the
 *       focus (a desktop moves the focus by itself when a window closes).</li>
 * </ul>
 *
 * <p>Blocking (the JVM pauses while it dumps; indexing takes about a second per 100 MB of heap); test thread.
 */
final class LeakDumpAnalysis {
    /**
     * The paths found per watch id (an object the dump's collection freed, or that only the test instance keeps, is
     * absent), and the dump if kept (only when some object is in it).
     */
    record Result(Map<Long, ObjectAnalysis> byWatchId, Path keptDump, long dumpBytes) {
    }

    static final String MONOCLE_WINDOW_MANAGER = "com.sun.glass.ui.monocle.MonocleWindowManager";
    static final String MONOCLE_FOCUSED_WINDOW = "focusedWindow";

    private LeakDumpAnalysis() {
    }

    /**
     * @param testClassNames the test class and the classes it is nested in: their instances are not counted as holders
     * @throws IOException with the JVM's reason when the dump could not be written or read
     */
    static Result analyse(List<Long> watchIds, Set<String> testClassNames, boolean keepDump) throws IOException {
        HeapDumpFiles files = HeapDumpFiles.createPrivate();
        Path dump = files.newDumpPath(ProcessHandle.current().pid());
        boolean kept = false;
        try {
            HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (diagnostics == null) {
                throw new IOException("this JVM cannot write heap dumps (no HotSpot diagnostics)");
            }
            diagnostics.dumpHeap(dump.toString(), true);
            long bytes = java.nio.file.Files.size(dump);
            Map<Long, ObjectAnalysis> analyses;
            try (HprofIndex index = HeapDump.open(dump, ProgressListener.NONE, CancelToken.NEVER)) {
                analyses = analyse(index, watchIds, testClassNames);
            }
            Path keptDump = null;
            if (keepDump && !analyses.isEmpty()) {
                keptDump = files.keep(dump);
                kept = true;
            }
            return new Result(analyses, keptDump, bytes);
        } finally {
            if (!kept) {
                files.delete();
            }
        }
    }

    private static Map<Long, ObjectAnalysis> analyse(HprofIndex index, List<Long> watchIds, Set<String> testClassNames) {
        // Cycles would only lengthen the message; the paths say what to change.
        ExplainResult result = Explainer.explain(index, ExplainRequest.watches(watchIds).withCycles(false),
                ProgressListener.NONE, CancelToken.NEVER);
        Map<Long, ObjectAnalysis> byWatchId = new LinkedHashMap<>();
        for (ExplainResult.WatchAnswer answer : result.byWatchId().values()) {
            answer.analysis().map(analysis -> withoutHarnessPaths(analysis, testClassNames))
                    .filter(analysis -> !analysis.paths().isEmpty())
                    .ifPresent(analysis -> byWatchId.put(answer.watchId(), analysis));
        }
        return byWatchId;
    }

    /** The analysis with only the paths that do not go through one of the harness's holds (see the class comment). */
    static ObjectAnalysis withoutHarnessPaths(ObjectAnalysis analysis, Set<String> testClassNames) {
        List<RetentionPath> kept = new ArrayList<>();
        for (RetentionPath path : analysis.paths()) {
            if (!throughHarness(path, testClassNames)) {
                kept.add(path);
            }
        }
        if (kept.size() == analysis.paths().size()) {
            return analysis;
        }
        return new ObjectAnalysis(analysis.objectId(), analysis.className(), analysis.retainedBytes(),
                analysis.fingerprint(), kept, analysis.cycles());
    }

    private static boolean throughHarness(RetentionPath path, Set<String> testClassNames) {
        List<PathStep> steps = path.steps();
        for (int i = 0; i < steps.size(); i++) {
            PathStep step = steps.get(i);
            if (!step.classObject() && testClassNames.contains(step.className())) {
                return true;
            }
            if (i + 1 < steps.size() && step.className().equals(MONOCLE_WINDOW_MANAGER)
                    && steps.get(i + 1).reference().endsWith("." + MONOCLE_FOCUSED_WINDOW)) {
                return true;
            }
        }
        return false;
    }
}
