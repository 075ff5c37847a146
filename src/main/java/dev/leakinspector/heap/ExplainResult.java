package dev.leakinspector.heap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Explainer#explain} found. Immutable.
 *
 * @param analyses      one per object explained, in the dump's order for a selector, in the order asked for watches
 *                      (only the watches whose object is in the dump)
 * @param matched       how many objects the request matched; more than {@code analyses} when the request's
 *                      {@code maxObjects} cut them ({@link #capped()})
 * @param byWatchId     for a request by watch ids: an answer per watch id asked, in the order asked; else empty
 * @param timingsMillis milliseconds per phase: "select", then {@link LeakAnalyzer#timingsMillis()}'s ("paths",
 *                      "retained", "cycles"; absent when no object was analysed)
 */
public record ExplainResult(List<ObjectAnalysis> analyses, int matched, Map<Long, WatchAnswer> byWatchId,
                            Map<String, Long> timingsMillis) {
    public ExplainResult {
        analyses = List.copyOf(analyses);
        byWatchId = Collections.unmodifiableMap(new LinkedHashMap<>(byWatchId));
        timingsMillis = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMillis));
    }

    /** Whether more objects matched than were explained. */
    public boolean capped() {
        return matched > analyses.size();
    }

    /** Whether the dump holds a watch's object: it does, the watch's reference was cleared, or the dump lacks it. */
    public enum Found {
        /** The object is in the dump and was analysed. */
        ALIVE,
        /** The watch's reference was cleared before the dump: the object was collected. */
        COLLECTED,
        /** No such watch in the dump (another target or session), or its object is missing from the dump. */
        NOT_IN_DUMP
    }

    /**
     * The answer for one watch asked about.
     *
     * @param analysis present when {@code found} is {@link Found#ALIVE}
     * @param why      one line when there is no analysis (as {@link ObjectSelector#referentOf} says it), else ""
     */
    public record WatchAnswer(long watchId, Found found, Optional<ObjectAnalysis> analysis, String why) {
    }
}
