package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which section of a {@code --ui-leaks} report a finding goes in, from its analysis. */
class UiLeakTest {
    private static final PathStep ROOT = new PathStep("com.acme.Model", "Class", ReferenceKind.ROOT, LeakingStatus.NO,
            "a class is never leaking", false, 1, true);
    private static final PathStep WINDOW = new PathStep("javafx.stage.Stage", "static Model.windows", ReferenceKind.STATIC_FIELD,
            LeakingStatus.YES, "reported as leaking", true, 2, false);
    private static final RetentionPath DURABLE = new RetentionPath(GcRootKind.CLASS, "Class", List.of(ROOT, WINDOW));
    private static final RetentionPath TRANSIENT = new RetentionPath(GcRootKind.JAVA_FRAME, "local", List.of(ROOT, WINDOW),
            "local variable in thread \"JavaFX Application Thread\", captured mid-event", Optional.empty());
    private static final LibraryHold HOLD = new LibraryHold("focused window", LibraryHold.Kind.STATIC_FIELD,
            "java.awt.KeyboardFocusManager", "focusedWindow", "keeps the focused window", "");

    @Test
    void aLeakShapedDurablePathIsALeak() {
        assertEquals(UiLeak.Status.LEAK, leak(List.of(DURABLE), Optional.empty(), PathVerdict.LEAK).status());
    }

    @Test
    void aJdkHoldIsMarkedNotCounted() {
        assertEquals(UiLeak.Status.TOOLKIT_HOLD, leak(List.of(DURABLE), Optional.of(HOLD), PathVerdict.UNDECIDED).status());
    }

    @Test
    void aPlainFieldOrAnOwnersCollectionIsNotReported() {
        assertEquals(UiLeak.Status.NOT_REPORTED, leak(List.of(DURABLE), Optional.empty(), PathVerdict.CACHE).status());
        assertEquals(UiLeak.Status.NOT_REPORTED, leak(List.of(DURABLE), Optional.empty(), PathVerdict.UNDECIDED).status());
    }

    @Test
    void onlyMidEventOrNothingStrongIsNotReported() {
        assertEquals(UiLeak.Status.NOT_REPORTED, leak(List.of(TRANSIENT), Optional.empty(), PathVerdict.LEAK).status());
        assertEquals(UiLeak.Status.NOT_REPORTED, leak(List.of(), Optional.empty(), PathVerdict.UNDECIDED).status());
    }

    @Test
    void aWindowIsNamedByItsTitleAndGroupedByKindClassAndSuspects() {
        UiLeak a = leak(List.of(DURABLE), Optional.empty(), PathVerdict.LEAK);
        assertEquals("Stage \"Preferences\"", a.displayName());
        UiLeak sameShape = new UiLeak(UiLeakKind.FX_WINDOW, 3, "Other", a.analysis());
        assertEquals(a.groupKey(), sameShape.groupKey());
        UiLeak otherKind = new UiLeak(UiLeakKind.FX_NODE, 3, "", a.analysis());
        assertEquals(false, a.groupKey().equals(otherKind.groupKey()));
    }

    private static UiLeak leak(List<RetentionPath> paths, Optional<LibraryHold> hold, PathVerdict verdict) {
        ObjectAnalysis analysis = new ObjectAnalysis(2, "javafx.stage.Stage", 100, paths.isEmpty() ? "" : "f1", paths,
                List.of(), hold, verdict, "");
        return new UiLeak(UiLeakKind.FX_WINDOW, 17, "Preferences", analysis);
    }
}
