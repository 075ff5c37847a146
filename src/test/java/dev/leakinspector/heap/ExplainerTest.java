package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap engine's one explain entry point on a hand-written dump: three views a static array keeps, and the agent's
 * watches on one of them (live), on a collected one (cleared) and none for the others.
 */
class ExplainerTest {
    @TempDir
    Path dir;

    private long[] views;

    private HprofIndex dump() throws IOException {
        MiniHeap h = new MiniHeap();
        h.cls("com.acme.App", "java.lang.Object");
        h.cls("com.acme.View", "java.lang.Object");
        h.cls(ObjectSelector.WATCHED_REFERENCE_CLASS, "java.lang.Object", "referent", "id");
        views = new long[] {h.obj("com.acme.View"), h.obj("com.acme.View"), h.obj("com.acme.View")};
        h.staticField("com.acme.App", "VIEWS", h.array(views));
        h.obj(ObjectSelector.WATCHED_REFERENCE_CLASS, "referent", views[1], "id", 7L);
        h.obj(ObjectSelector.WATCHED_REFERENCE_CLASS, "referent", 0L, "id", 8L);
        return h.open(dir.resolve("views.hprof"));
    }

    @Test
    void everyWatchAskedGetsAnAnswerInTheOrderAsked() throws IOException {
        try (HprofIndex index = dump()) {
            ExplainResult result = Explainer.explain(index, ExplainRequest.watches(List.of(8L, 99L, 7L)),
                    ProgressListener.NONE, CancelToken.NEVER);
            assertEquals(List.of(8L, 99L, 7L), List.copyOf(result.byWatchId().keySet()));
            ExplainResult.WatchAnswer collected = result.byWatchId().get(8L);
            assertEquals(ExplainResult.Found.COLLECTED, collected.found());
            assertEquals("watch id 8: the object was collected (its reference is cleared)", collected.why());
            ExplainResult.WatchAnswer unknown = result.byWatchId().get(99L);
            assertEquals(ExplainResult.Found.NOT_IN_DUMP, unknown.found());
            assertEquals("no watched reference with id 99 in the dump", unknown.why());
            assertFalse(unknown.analysis().isPresent());
            ExplainResult.WatchAnswer alive = result.byWatchId().get(7L);
            assertEquals(ExplainResult.Found.ALIVE, alive.found());
            ObjectAnalysis analysis = alive.analysis().orElseThrow();
            assertEquals(views[1], analysis.objectId());
            List<PathStep> steps = analysis.paths().get(0).steps();
            assertEquals(LeakingStatus.YES, steps.get(steps.size() - 1).leaking());
            assertEquals(List.of(analysis), result.analyses());
            assertEquals(1, result.matched());
        }
    }

    @Test
    void aSelectorIsCutAtMaxObjectsAndTheChosenObjectsAreReportedLeaks() throws IOException {
        try (HprofIndex index = dump()) {
            ExplainResult result = Explainer.explain(index,
                    ExplainRequest.objects(ObjectSelector.byClass("com.acme.View")).withPaths(1).withMaxObjects(2),
                    ProgressListener.NONE, CancelToken.NEVER);
            assertEquals(3, result.matched());
            assertTrue(result.capped());
            assertEquals(List.of(views[0], views[1]), result.analyses().stream().map(ObjectAnalysis::objectId).toList());
            for (ObjectAnalysis a : result.analyses()) {
                assertEquals(1, a.paths().size());
                PathStep last = a.paths().get(0).steps().get(a.paths().get(0).steps().size() - 1);
                assertEquals("reported as leaking", last.leakingReason());
            }
            assertTrue(result.byWatchId().isEmpty());
            assertEquals(List.of("select", "paths", "retained", "cycles"), List.copyOf(result.timingsMillis().keySet()));
        }
    }

    @Test
    void aSelectorThatMatchesNothingSaysWhy() throws IOException {
        try (HprofIndex index = dump()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explainer.explain(index,
                    ExplainRequest.objects(ObjectSelector.byWatchId(8)), ProgressListener.NONE, CancelToken.NEVER));
            assertEquals("watch id 8: the object was collected (its reference is cleared)", e.getMessage());
        }
    }

    @Test
    void progressNamesEachStepInOrderFromZeroToOne() throws IOException {
        try (HprofIndex index = dump()) {
            List<HeapStep> steps = new ArrayList<>();
            Map<HeapStep, Double> last = new LinkedHashMap<>();
            Explainer.explain(index, ExplainRequest.objects(ObjectSelector.byClass("com.acme.View")), (step, fraction) -> {
                assertTrue(fraction >= 0 && fraction <= 1, step + " " + fraction);
                if (steps.isEmpty() || steps.get(steps.size() - 1) != step) {
                    steps.add(step);
                }
                last.put(step, fraction);
            }, CancelToken.NEVER);
            assertEquals(List.of(HeapStep.SELECTING, HeapStep.PATHS, HeapStep.RETAINED_SIZES, HeapStep.CYCLES), steps);
            last.forEach((step, fraction) -> assertEquals(1.0, fraction, step.toString()));
        }
    }

    @Test
    void cyclesAreLeftOutWhenNotAsked() throws IOException {
        try (HprofIndex index = dump()) {
            ExplainResult result = Explainer.explain(index,
                    ExplainRequest.watches(List.of(7L)).withCycles(false), ProgressListener.NONE, CancelToken.NEVER);
            assertEquals(List.of("select", "paths", "retained", "cycles"), List.copyOf(result.timingsMillis().keySet()));
            assertTrue(result.analyses().get(0).cycles().isEmpty());
        }
    }

    @Test
    void aRequestNamesItsObjectsOneWayWithAtLeastOnePathAndObject() {
        assertThrows(IllegalArgumentException.class, () -> new ExplainRequest(null, null, 3, 1, true));
        assertThrows(IllegalArgumentException.class,
                () -> new ExplainRequest(ObjectSelector.byClass("A"), List.of(1L), 3, 1, true));
        assertThrows(IllegalArgumentException.class, () -> ExplainRequest.watches(List.of(1L)).withPaths(0));
        assertThrows(IllegalArgumentException.class, () -> ExplainRequest.watches(List.of(1L)).withMaxObjects(0));
    }
}
