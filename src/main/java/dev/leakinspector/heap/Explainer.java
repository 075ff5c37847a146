package dev.leakinspector.heap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The heap engine's one way to answer "why is it alive?" for an indexed dump: select the objects asked about
 * ({@link ExplainRequest}), keep the first {@code maxObjects}, and analyse them ({@link LeakAnalyzer}) as reported
 * leaks. The command line's {@code analyze}, the retain graph, a live session's explanations and the JUnit extension
 * all ask here.
 *
 * <p>Runs on the calling thread (seconds on big dumps); progress goes to the listener ({@link HeapStep#SELECTING},
 * then the analyzer's steps) and the cancel token stops it within each step. Stateless.
 */
public final class Explainer {
    private Explainer() {
    }

    /**
     * @throws IllegalArgumentException with a one-line reason when the request's selector matches nothing (see
     *                                  {@link ObjectSelector#select}); watches asked about never throw, their answer
     *                                  says what became of them
     */
    public static ExplainResult explain(HprofIndex index, ExplainRequest request, ProgressListener progress,
                                        CancelToken cancel) {
        long start = System.nanoTime();
        progress.onProgress(HeapStep.SELECTING, 0.0);
        // Found once: the analyzer needs them too (their live referents count as leaking).
        long[][] watches = ObjectSelector.watchedReferents(index, cancel);
        int[] targets;
        List<Long> aliveWatchIds = new ArrayList<>();
        Map<Long, ExplainResult.WatchAnswer> answers = new LinkedHashMap<>();
        if (request.selector() != null) {
            targets = request.selector().select(index, watches, cancel);
        } else {
            targets = watchReferents(index, request.watchIds(), watches, aliveWatchIds, answers);
        }
        int matched = targets.length;
        if (targets.length > request.maxObjects()) {
            targets = Arrays.copyOf(targets, request.maxObjects());
        }
        progress.onProgress(HeapStep.SELECTING, 1.0);
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("select", (System.nanoTime() - start) / 1_000_000);
        if (targets.length == 0) {
            return new ExplainResult(List.of(), matched, answers, timings);
        }
        Set<Long> chosen = new HashSet<>();
        for (int t : targets) {
            chosen.add(index.objectId(t));
        }
        LeakAnalyzer analyzer = new LeakAnalyzer(index, progress, cancel).findCycles(request.cycles());
        List<ObjectAnalysis> analyses = analyzer.analyze(targets, request.paths(), chosen, watches);
        timings.putAll(analyzer.timingsMillis());
        for (int i = 0; i < aliveWatchIds.size() && i < analyses.size(); i++) {
            long watchId = aliveWatchIds.get(i);
            answers.put(watchId, new ExplainResult.WatchAnswer(watchId, ExplainResult.Found.ALIVE,
                    Optional.of(analyses.get(i)), ""));
        }
        answers.values().removeIf(Objects::isNull); // live watches beyond maxObjects: not explained
        return new ExplainResult(analyses, matched, answers, timings);
    }

    /**
     * The dense indexes of the watches' live referents, in the order asked; fills {@code alive} with their watch ids
     * and {@code answers} with an entry per watch id asked (the live ones get theirs once analysed).
     */
    private static int[] watchReferents(HprofIndex index, List<Long> watchIds, long[][] watches, List<Long> alive,
                                        Map<Long, ExplainResult.WatchAnswer> answers) {
        IntList targets = new IntList(Math.max(1, watchIds.size()));
        for (long watchId : watchIds) {
            if (answers.containsKey(watchId)) {
                continue; // asked twice: one answer
            }
            int referent = ObjectSelector.referentOrMissing(index, watches, watchId);
            if (referent >= 0) {
                alive.add(watchId);
                targets.add(referent);
                answers.put(watchId, null); // keeps the order asked; filled once analysed
            } else {
                ExplainResult.Found found = ObjectSelector.isCleared(watches, watchId)
                        ? ExplainResult.Found.COLLECTED : ExplainResult.Found.NOT_IN_DUMP;
                answers.put(watchId, new ExplainResult.WatchAnswer(watchId, found, Optional.empty(),
                        ObjectSelector.whyNoReferent(index, watches, watchId)));
            }
        }
        return targets.toArray();
    }
}
