package dev.leakinspector.session;

import dev.leakinspector.heap.GcRootKind;
import dev.leakinspector.heap.LibraryHold;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathVerdict;
import dev.leakinspector.heap.RetentionPath;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a heap dump's explanation raises a retained report to a leak, and when it must not. */
class VerdictRefinementTest {
    private static final RetentionPath DURABLE = new RetentionPath(GcRootKind.STICKY_CLASS, "static Model.INSTANCE",
            List.of());
    private static final RetentionPath TRANSIENT = new RetentionPath(GcRootKind.JAVA_FRAME,
            "local variable in thread \"AWT-EventQueue-0\"", List.of(), "captured mid-event", Optional.empty());

    private static final LibraryHold HOLD = new LibraryHold("tooltip manager", LibraryHold.Kind.INSTANCE_FIELD,
            "javax.swing.ToolTipManager", "insideComponent", "keeps the component the mouse was last over", "");

    private static ObjectAnalysis analysis(PathVerdict verdict, List<RetentionPath> paths, Optional<LibraryHold> hold) {
        return new ObjectAnalysis(1, "a.Page", 100, "f", paths, List.of(), hold, verdict,
                "retained through a listener list (Model.listeners)");
    }

    @Test
    void aRetainedReportKeptByAListenerListIsALeak() {
        Optional<VerdictChanged> change = VerdictRefinement.of(7, Verdict.RETAINED,
                analysis(PathVerdict.LEAK, List.of(DURABLE), Optional.empty()));
        assertEquals(Optional.of(new VerdictChanged(7, Verdict.LEAK,
                "heap dump: retained through a listener list (Model.listeners)")), change);
    }

    @Test
    void nothingChangesWithoutProofAboutTheProgram() {
        assertTrue(VerdictRefinement.of(7, Verdict.RETAINED,
                analysis(PathVerdict.CACHE, List.of(DURABLE), Optional.empty())).isEmpty(), "a cache stays retained");
        assertTrue(VerdictRefinement.of(7, Verdict.RETAINED,
                analysis(PathVerdict.UNDECIDED, List.of(DURABLE), Optional.empty())).isEmpty());
        assertTrue(VerdictRefinement.of(7, Verdict.RETAINED,
                analysis(PathVerdict.LEAK, List.of(TRANSIENT), Optional.empty())).isEmpty(), "only mid-event locals");
        assertTrue(VerdictRefinement.of(7, Verdict.RETAINED,
                analysis(PathVerdict.LEAK, List.of(DURABLE), Optional.of(HOLD))).isEmpty(), "a JDK/toolkit hold");
        assertTrue(VerdictRefinement.of(7, Verdict.LEAK,
                analysis(PathVerdict.CACHE, List.of(DURABLE), Optional.empty())).isEmpty(),
                "a leak kept by a plain field is not lowered: the agent saw it closed");
    }

    @Test
    void aLeakOnlyAJdkHoldKeepsIsLoweredToRetainedNamingTheHold() {
        assertEquals(Optional.of(new VerdictChanged(7, Verdict.RETAINED, VerdictRefinement.JDK_HOLD
                        + "tooltip manager: keeps the component the mouse was last over")),
                VerdictRefinement.of(7, Verdict.LEAK, analysis(PathVerdict.UNDECIDED, List.of(DURABLE), Optional.of(HOLD))));
    }
}
