package dev.leakinspector.app.trace;

import dev.leakinspector.graph.Graphs;
import dev.leakinspector.heap.GcRootKind;
import dev.leakinspector.heap.LeakingStatus;
import dev.leakinspector.heap.LibraryHold;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathStep;
import dev.leakinspector.heap.PathVerdict;
import dev.leakinspector.heap.ReferenceKind;
import dev.leakinspector.heap.RetentionPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.leakinspector.graph.Graphs.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace's lines from hand-made analyses: labels, order, status text and the marks each step carries. */
class LeakTraceTest {
    private static final long STAGE = 0x70, SCENE = 0x80, FX_THREAD = 0x91, IM = 0xb0, IM_CONTEXT = 0xb1;
    private static final String FX_LOCAL = "local variable in thread \"JavaFX Application Thread\" at"
            + " com.sun.glass.ui.InvokeLaterDispatcher$Future.run(InvokeLaterDispatcher.java:96)";

    @Test
    void durablePathsAreLabelledByWhereTheirRootHoldsThem() {
        List<TracePath> paths = LeakTrace.of(List.of(Graphs.patternOne()));

        assertEquals(List.of("Path 1 \u00b7 static AppModel.INSTANCE", "Path 2 \u00b7 thread \"pool-1\""),
                paths.stream().map(TracePath::label).toList());
        TracePath first = paths.get(0);
        assertEquals(7, first.steps().size(), "one line per object, the root's first");
        assertEquals(Graphs.STAGE, first.leakedObjectId());
        assertFalse(first.isTransient());
    }

    @Test
    void eachStepSaysItsReferenceClassAndLeakingStatusWithWhy() {
        List<TraceStep> steps = LeakTrace.of(List.of(Graphs.patternOne())).get(0).steps();

        TraceStep root = steps.get(0);
        assertTrue(root.root());
        assertEquals("GC root: System class", root.referenceText());
        assertEquals("AppModel class", root.title(), "a class object says so");
        assertEquals("Leaking: NO (a class is never leaking)", root.statusText());
        assertEquals("static AppModel.INSTANCE", steps.get(1).referenceText());
        assertEquals("Leaking: NO (GC root)", steps.get(1).statusText());
        assertEquals("SimpleStringProperty", steps.get(2).title(), "the simple name; the full one is the tooltip's");
        assertEquals("javafx.beans.property.SimpleStringProperty", steps.get(2).className());
        assertEquals("Leaking: UNKNOWN", steps.get(2).statusText(), "no reason, no parentheses");
        TraceStep stage = steps.get(6);
        assertTrue(stage.leaked());
        assertEquals("Leaking: YES", stage.statusText());
        assertEquals(List.of(false, false, false, false, false, false, true),
                steps.stream().map(TraceStep::leaked).toList(), "only the last step is the leaked object");
    }

    @Test
    void theSuspectStretchIsMarkedAndWhatToChangeSitsAtTheReferenceItNames() {
        List<TraceStep> steps = LeakTrace.of(List.of(Graphs.patternOne())).get(0).steps();

        assertEquals(List.of(false, false, true, true, true, true, true), steps.stream().map(TraceStep::suspect).toList());
        assertEquals(List.of("Remove the listener from AppModel.status when the window closes (or add it as a WeakChangeListener)"),
                steps.get(2).changes(), "at the listener list's own reference, the top of the suspect stretch");
        assertEquals(1, steps.stream().mapToInt(s -> s.changes().size()).sum(), "shown once, at its step");
        assertTrue(steps.stream().noneMatch(TraceStep::libraryHold));
        assertTrue(steps.stream().noneMatch(TraceStep::transientRoot));
    }

    @Test
    void aTransientPathComesAfterTheDurableOneAndItsRootIsMarkedTransient() {
        RetentionPath fxLocal = new RetentionPath(GcRootKind.JAVA_FRAME, FX_LOCAL, List.of(
                new PathStep("javafx.stage.Stage", "local variable", ReferenceKind.LOCAL, LeakingStatus.YES,
                        "Stage hidden", false, STAGE, false)),
                FX_LOCAL + ", captured mid-event", Optional.empty());
        RetentionPath durable = new RetentionPath(GcRootKind.STICKY_CLASS, "System class", List.of(
                new PathStep("com.acme.Registry", "System class", ReferenceKind.ROOT, LeakingStatus.NO,
                        "a class is never leaking", false, 0x11, true),
                step("javafx.scene.Scene", "static Registry.LAST_SCENE", ReferenceKind.STATIC_FIELD, LeakingStatus.YES, true, SCENE),
                new PathStep("javafx.stage.Stage", "Scene.window", ReferenceKind.INSTANCE_FIELD, LeakingStatus.YES,
                        "Stage hidden", false, STAGE, false)));
        // listed transient first on purpose: the trace still shows the durable path first
        ObjectAnalysis stage = new ObjectAnalysis(STAGE, "javafx.stage.Stage", 100, "f", List.of(fxLocal, durable), List.of());

        List<TracePath> paths = LeakTrace.of(List.of(stage));

        assertEquals(List.of("Path 1 \u00b7 static Registry.LAST_SCENE", "Path 2 \u00b7 transient: JavaFX Application Thread"),
                paths.stream().map(TracePath::label).toList());
        TracePath transientPath = paths.get(1);
        assertTrue(transientPath.isTransient());
        TraceStep held = transientPath.steps().get(0);
        assertTrue(held.transientRoot() && held.root() && held.leaked(), "a one-step path: root and leaked object");
        assertEquals("Leaking: YES (Stage hidden)", held.statusText());
        assertEquals("GC root: local in \"JavaFX Application Thread\"", held.shortReferenceText(),
                "the frame is in the tooltip and the path's header");
        assertEquals("GC root: " + FX_LOCAL, held.referenceText());
        assertEquals(List.of(), held.changes(), "a transient root lets go by itself: nothing to change");
        assertTrue(paths.get(0).steps().stream().noneMatch(TraceStep::transientRoot), "a durable root is not transient");
        assertEquals("Leaking: YES (Stage hidden)", paths.get(0).steps().get(2).statusText());
        RetentionPath nested = new RetentionPath(GcRootKind.STICKY_CLASS, "System class", List.of(
                new PathStep("demo.Pattern$Inspectors", "System class", ReferenceKind.ROOT, LeakingStatus.NO, "", false, 0x12, true),
                step("javafx.stage.Stage", "static Pattern$Inspectors.ACTIVE", ReferenceKind.STATIC_FIELD, LeakingStatus.YES, true, STAGE)));
        assertEquals("Path 1 \u00b7 static Inspectors.ACTIVE", LeakTrace.of(List.of(new ObjectAnalysis(STAGE, "javafx.stage.Stage",
                1, "f", List.of(nested), List.of()))).get(0).label(), "a nested class by its own name");
    }

    @Test
    void aJdkHoldIsMarkedWithItsWhyAndIsNoSuspect() {
        LibraryHold hold = new LibraryHold("X11 input method focused component", LibraryHold.Kind.INSTANCE_FIELD,
                "sun.awt.X11InputMethodBase", "awtFocussedComponent", "the input method keeps the last focused"
                + " component until another one gets the focus", "JDK-8280468");
        RetentionPath viaHold = new RetentionPath(GcRootKind.STICKY_CLASS, "System class", List.of(
                new PathStep("sun.awt.X11InputMethodBase", "System class", ReferenceKind.ROOT, LeakingStatus.NO,
                        "a class is never leaking", false, IM, true),
                new PathStep("sun.awt.X11.XInputMethod", "static X11InputMethodBase.inputMethod", ReferenceKind.STATIC_FIELD,
                        LeakingStatus.NO, "GC root", false, IM_CONTEXT, false),
                new PathStep("javax.swing.JTextField", "X11InputMethodBase.awtFocussedComponent", ReferenceKind.INSTANCE_FIELD,
                        LeakingStatus.YES, "reported by the agent", false, 0xc0, false, true)),
                "", Optional.of(hold));
        ObjectAnalysis field = new ObjectAnalysis(0xc0, "javax.swing.JTextField", 10, "f", List.of(viaHold), List.of(),
                Optional.of(hold), PathVerdict.UNDECIDED, "");

        TracePath path = LeakTrace.of(List.of(field)).get(0);

        assertEquals("Path 1 \u00b7 static X11InputMethodBase.inputMethod \u00b7 JDK/toolkit hold", path.label());
        TraceStep held = path.steps().get(2);
        assertTrue(held.libraryHold());
        assertFalse(held.suspect(), "no program can remove it");
        assertEquals("X11 input method focused component: the input method keeps the last focused component until"
                + " another one gets the focus (JDK-8280468)", held.libraryHoldWhy());
        assertEquals(List.of(), held.changes(), "a hold is no change to make: its note says so");
        assertFalse(path.steps().get(1).libraryHold(), "only the hold's own reference is marked");
        assertEquals(0, path.suspectCount());
    }

    @Test
    void fieldReferencesAreNamedByTheirDeclaringClassesSimpleName() {
        List<TraceStep> steps = LeakTrace.of(List.of(Graphs.patternOne())).get(0).steps();

        assertEquals("GC root: System class", steps.get(0).shortReferenceText());
        assertEquals("static AppModel.INSTANCE", steps.get(1).shortReferenceText());
        assertEquals("Generic.helper", new TraceStep(1, 1, "X", false, "com.sun.javafx.binding.ExpressionHelper$Generic.helper",
                ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, "", false, "", "", false, List.of()).shortReferenceText());
        assertEquals("StatusController$$Lambda.arg$1", new TraceStep(1, 1, "X", false,
                "demo.ModelListenerPattern$StatusController$$Lambda$404+0x00007fd95c235138.arg$1",
                ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, "", false, "", "", false, List.of()).shortReferenceText());
        assertEquals("Object[2]", new TraceStep(1, 1, "X", false, "Object[2]",
                ReferenceKind.ARRAY_ELEMENT, LeakingStatus.UNKNOWN, "", false, "", "", false, List.of()).shortReferenceText());
    }

    @Test
    void pathsFromOneRootAreToldApartByWhereTheyPart() {
        ObjectAnalysis one = Graphs.patternOne();
        RetentionPath first = one.paths().get(0);
        List<PathStep> viaLabel = new java.util.ArrayList<>(first.steps().subList(0, 2));
        viaLabel.add(step("javafx.scene.control.Label", "AppModel.label", ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, true, 0x33));
        viaLabel.add(step("javafx.stage.Stage", "Label.window", ReferenceKind.INSTANCE_FIELD, LeakingStatus.YES, true, Graphs.STAGE));
        ObjectAnalysis twoFromOneRoot = new ObjectAnalysis(Graphs.STAGE, "javafx.stage.Stage", 1, "f",
                List.of(first, new RetentionPath(first.rootKind(), first.rootDescription(), viaLabel)), List.of());

        assertEquals(List.of("Path 1 \u00b7 static AppModel.INSTANCE", "Path 2 \u00b7 static AppModel.INSTANCE \u00b7 via AppModel.label"),
                LeakTrace.of(List.of(twoFromOneRoot)).stream().map(TracePath::label).toList());
    }

    @Test
    void severalLeakedObjectsNameTheirPathsByTheObject() {
        ObjectAnalysis one = Graphs.patternOne();
        ObjectAnalysis other = new ObjectAnalysis(0x99, "com.acme.OrdersPage", 1, "g", List.of(), List.of());

        List<TracePath> paths = LeakTrace.of(List.of(one, other));

        assertEquals(List.of("Stage \u00b7 Path 1 \u00b7 static AppModel.INSTANCE", "Stage \u00b7 Path 2 \u00b7 thread \"pool-1\""),
                paths.stream().map(TracePath::label).toList(), "an object without a path adds no tab");
        List<String> twoStages = LeakTrace.of(List.of(one, one)).stream().map(TracePath::label).toList();
        assertEquals("Stage #1 \u00b7 Path 1 \u00b7 static AppModel.INSTANCE", twoStages.get(0));
        assertEquals("Stage #2 \u00b7 Path 1 \u00b7 static AppModel.INSTANCE", twoStages.get(2), "objects of one class are numbered");
    }
}
