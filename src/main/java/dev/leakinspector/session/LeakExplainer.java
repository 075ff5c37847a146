package dev.leakinspector.session;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.ExplainRequest;
import dev.leakinspector.heap.ExplainResult;
import dev.leakinspector.heap.Explainer;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HeapStep;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.protocol.HeapDumpReady;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers "why is it still alive?" for watched objects of a live session: one heap dump of the
 * target, written by the agent into a private directory, analysed by the heap engine for every
 * watch asked about, then deleted (unless the user keeps it).
 *
 * <p>Blocking and long (the target pauses while it dumps, then the dump is indexed): call it on a
 * worker thread, never on a UI thread. Progress goes to the listener, {@link HeapStep#DUMPING} first,
 * then the heap engine's steps; the cancel token stops it between and within phases.
 * {@link #explainKeepingDumpOpen} leaves the indexed dump open for a caller that reads more from it.
 */
public final class LeakExplainer {
    /** How long the target may take to write its dump. */
    private static final long DUMP_TIMEOUT_MINUTES = 10;

    /**
     * Why one watched object is alive, or why there is nothing to show. The note is empty when the analysis speaks for
     * itself; else one line: collected, only weakly reachable, kept only by a UI thread's local captured mid-event,
     * or kept only by a documented JDK/toolkit hold (then {@code analysis.libraryHold()} names it and the report is
     * not the program's leak). The analysis carries the path verdict hint ({@code pathVerdict},
     * {@code pathVerdictReason}) a caller may turn into a verdict refinement.
     */
    public record Explanation(long watchId, Optional<ObjectAnalysis> analysis, String note) {
        static Explanation collected(long watchId) {
            return new Explanation(watchId, Optional.empty(),
                    "collected before the heap dump: an Object Deallocated case, nothing holds it any more");
        }
    }

    /**
     * The explanations by watch id; where the dump was written ({@code dumpFile}, deleted by now
     * unless {@code kept}) and its size; how long each phase took.
     */
    public record Result(Map<Long, Explanation> byWatchId, Path dumpFile, boolean kept, long dumpBytes,
                         Map<String, Long> timingsMillis) {
    }

    /**
     * The answer together with its dump, still indexed and open: for a window that reads more from it (an object's
     * fields, retained sizes) while it is shown. Whoever gets it owns it: {@link #close()} it once nothing reads
     * {@link #index()} (the index of {@code result().dumpFile()}) any more. Not thread-safe; close it from one thread.
     */
    public record OpenDump(Result result, HprofIndex index, HeapDumpFiles files) implements AutoCloseable {
        /**
         * Closes the index, then deletes the dump and the private directory it was written to; a dump the user
         * moved out of that directory meanwhile stays where it is. Idempotent.
         */
        @Override
        public void close() throws IOException {
            try {
                index.close();
            } finally {
                files.delete();
            }
        }
    }

    private LeakExplainer() {
    }

    /**
     * @param paths     shortest paths per object (at least 1)
     * @param keepDump  keep the dump (for other tools) instead of deleting it: it is moved, still private, to a
     *                  folder that no clean-up removes ({@link HeapDumpFiles#keep}); {@code dumpFile} says where
     * @throws IOException with a one-line reason: the dump failed (disk full, not supported), the
     *     target exited meanwhile, the dump is unreadable
     */
    public static Result explain(LiveSession session, List<Long> watchIds, int paths, boolean keepDump,
                                 ProgressListener progress, CancelToken cancel) throws IOException {
        OpenDump open = explainKeepingDumpOpen(session, watchIds, paths, progress, cancel);
        Result result = open.result();
        Path dumpFile = result.dumpFile();
        if (keepDump) {
            open.index().close();
            // Out of the folder named after this process, which a later start would take for abandoned.
            dumpFile = open.files().keep(dumpFile);
        } else {
            open.close();
        }
        return new Result(result.byWatchId(), dumpFile, keepDump, result.dumpBytes(), result.timingsMillis());
    }

    /**
     * Like {@link #explain} with the dump kept, but the dump stays indexed: the caller owns the {@link OpenDump} and
     * closes it (which deletes the dump) when it no longer reads from it. On failure or cancellation nothing is
     * left open or on disk.
     */
    public static OpenDump explainKeepingDumpOpen(LiveSession session, List<Long> watchIds, int paths,
                                                  ProgressListener progress, CancelToken cancel) throws IOException {
        Map<String, Long> timings = new LinkedHashMap<>();
        HeapDumpFiles files = HeapDumpFiles.createPrivate();
        HprofIndex index = null;
        try {
            long start = System.nanoTime();
            progress.onProgress(HeapStep.DUMPING, 0.0);
            HeapDumpReady dump = await(session.requestHeapDump(files.newDumpPath(session.pid())), cancel);
            if (!dump.succeeded()) {
                throw new IOException(dump.error());
            }
            progress.onProgress(HeapStep.DUMPING, 1.0);
            timings.put("dump", millisSince(start));
            start = System.nanoTime();
            index = HeapDump.open(Path.of(dump.path()), progress, cancel);
            timings.put("index", millisSince(start));
            Map<Long, Explanation> explanations = analyse(index, watchIds, paths, progress, cancel, timings);
            return new OpenDump(new Result(explanations, Path.of(dump.path()), true, dump.sizeBytes(), timings), index, files);
        } catch (IOException | RuntimeException | Error e) {
            try {
                if (index != null) {
                    index.close();
                }
                files.delete();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static Map<Long, Explanation> analyse(HprofIndex index, List<Long> watchIds, int paths, ProgressListener progress,
                                                  CancelToken cancel, Map<String, Long> timings) {
        ExplainResult result = Explainer.explain(index, ExplainRequest.watches(watchIds).withPaths(paths), progress, cancel);
        timings.putAll(result.timingsMillis());
        Map<Long, Explanation> explanations = new LinkedHashMap<>();
        for (ExplainResult.WatchAnswer answer : result.byWatchId().values()) {
            // a watch the dump lacks is one the agent dropped: its object was collected too
            explanations.put(answer.watchId(), answer.analysis()
                    .map(analysis -> new Explanation(answer.watchId(), Optional.of(analysis), noteOn(analysis)))
                    .orElseGet(() -> Explanation.collected(answer.watchId())));
        }
        return explanations;
    }

    /** The one-line note for an analysis whose paths do not speak for themselves, else "". */
    static String noteOn(ObjectAnalysis analysis) {
        if (analysis.paths().isEmpty()) {
            return "only weakly reachable: no strong path from a GC root holds it, it will be collected";
        }
        if (analysis.onlyTransientPaths()) {
            return "only transient paths: a UI thread's local captured mid-event holds it, nothing durable keeps it;"
                    + " it should be collected once that event is handled";
        }
        return analysis.libraryHold()
                .map(h -> "a JDK/toolkit hold keeps it, not the program: " + h.name() + ": " + h.why()
                        + (h.bugId().isEmpty() ? "" : " (" + h.bugId() + ")"))
                .orElse("");
    }

    /** Waits for the dump, giving up when the user cancels. */
    private static HeapDumpReady await(CompletableFuture<HeapDumpReady> answer, CancelToken cancel) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(DUMP_TIMEOUT_MINUTES);
        while (true) {
            cancel.throwIfCancelled();
            try {
                return answer.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillDumping) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the target did not finish its heap dump within " + DUMP_TIMEOUT_MINUTES + " minutes");
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the heap dump", e);
            }
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
