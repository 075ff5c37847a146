package dev.leakinspector.graph;

import dev.leakinspector.heap.GcRootKind;
import dev.leakinspector.heap.LeakingStatus;
import dev.leakinspector.heap.ObjectAnalysis;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static dev.leakinspector.graph.Graphs.*;
import static org.junit.jupiter.api.Assertions.*;

class RetainGraphTest {

    @Test
    void aJdkToolkitHoldIsAMarkedEdgeNotASuspectAndATransientRootSaysSo() {
        dev.leakinspector.heap.LibraryHold hold = dev.leakinspector.heap.LibraryHolds.defaults().all().stream()
                .filter(h -> h.pattern().equals("field javax.swing.ToolTipManager.insideComponent")).findFirst().orElseThrow();
        dev.leakinspector.heap.RetentionPath viaTips = new dev.leakinspector.heap.RetentionPath(GcRootKind.STICKY_CLASS,
                "System class", List.of(
                    step("javax.swing.ToolTipManager", "System class", dev.leakinspector.heap.ReferenceKind.ROOT, LeakingStatus.NO, false, MODEL_CLASS),
                    new dev.leakinspector.heap.PathStep("javax.swing.JButton", "ToolTipManager.insideComponent",
                        dev.leakinspector.heap.ReferenceKind.INSTANCE_FIELD, LeakingStatus.UNKNOWN, "", false, CONTROLLER, false, true),
                    step("javax.swing.JInternalFrame", "Component.parent", dev.leakinspector.heap.ReferenceKind.INSTANCE_FIELD, LeakingStatus.YES, false, STAGE)),
                "", java.util.Optional.of(hold));
        dev.leakinspector.heap.RetentionPath viaPaint = new dev.leakinspector.heap.RetentionPath(GcRootKind.JAVA_FRAME,
                "local variable in thread \"AWT-EventQueue-0\" at javax.swing.JComponent._paintImmediately(JComponent.java:5210)", List.of(
                    step("javax.swing.JButton", "local", dev.leakinspector.heap.ReferenceKind.LOCAL, LeakingStatus.NO, false, THREAD),
                    step("javax.swing.JInternalFrame", "Component.parent", dev.leakinspector.heap.ReferenceKind.INSTANCE_FIELD, LeakingStatus.YES, false, STAGE)),
                "local variable in thread \"AWT-EventQueue-0\" at javax.swing.JComponent._paintImmediately(JComponent.java:5210), captured mid-event",
                java.util.Optional.empty());
        ObjectAnalysis a = new ObjectAnalysis(STAGE, "javax.swing.JInternalFrame", 10, "f", List.of(viaTips, viaPaint), List.of(),
                java.util.Optional.of(hold), dev.leakinspector.heap.PathVerdict.UNDECIDED, "");
        RetainGraph g = RetainGraph.builder().add(a, "JInternalFrame").build();
        RetainGraph.Edge held = g.edges().stream().filter(e -> e.to() == CONTROLLER).findFirst().orElseThrow();
        assertTrue(held.libraryHold());
        assertEquals(hold.why(), held.libraryHoldWhy());
        assertFalse(held.suspect());
        assertTrue(g.edges().stream().filter(e -> e.to() == STAGE).noneMatch(RetainGraph.Edge::libraryHold));
        assertTrue(g.node(THREAD).orElseThrow().rootDescription().startsWith("transient: local variable in thread \"AWT-EventQueue-0\""));
    }

    @Test
    void pathsMergeWhereTheyShareObjects() {
        RetainGraph g = RetainGraph.builder().add(patternOne(), "Stage \"1 Listener\" › Scene").build();
        assertEquals(RetainGraph.State.GRAPH, g.state());
        // 7 + 4 steps, controller and stage shared, scene from a cycle: 7 + 2 + 1
        assertEquals(10, g.nodes().size());
        assertEquals(1, g.edges().stream().filter(e -> e.from() == CONTROLLER && e.to() == STAGE
                && e.reference().equals("Controller.stage")).count(), "one edge for a reference both paths take");
        RetainGraph.Node controller = g.node(CONTROLLER).orElseThrow();
        assertTrue(controller.onPath());
        assertEquals(2, g.edges().stream().filter(e -> e.to() == CONTROLLER && e.onPath()).count(), "held by the listener and the task");
        assertEquals(1, g.edges().stream().filter(e -> e.to() == CONTROLLER && !e.onPath()).count(), "and by the stage, in a cycle");
    }

    @Test
    void rootsCarryTheirKindAndTheLeakedObjectIsFlagged() {
        RetainGraph g = RetainGraph.builder().add(patternOne(), "Stage \"1 Listener\" › Scene").build();
        assertEquals(GcRootKind.STICKY_CLASS, g.node(MODEL_CLASS).orElseThrow().rootKind());
        assertEquals(GcRootKind.JAVA_FRAME, g.node(THREAD).orElseThrow().rootKind());
        assertNull(g.node(MODEL).orElseThrow().rootKind());
        RetainGraph.Node stage = g.node(STAGE).orElseThrow();
        assertTrue(stage.leakedObject());
        assertEquals(12345, stage.retainedBytes());
        assertEquals("Stage \"1 Listener\" › Scene", stage.label());
        assertEquals(List.of(stage), g.leakedObjects());
        assertEquals(-1, g.node(CONTROLLER).orElseThrow().retainedBytes());
        assertEquals("", g.node(CONTROLLER).orElseThrow().label());
        assertEquals(LeakingStatus.NO, g.node(MODEL).orElseThrow().leaking());
        assertEquals(LeakingStatus.UNKNOWN, g.node(LISTENER).orElseThrow().leaking());
        assertEquals("AppModel class", g.node(MODEL_CLASS).orElseThrow().title());
    }

    @Test
    void suspectReferencesAreFlaggedOnTheirEdges() {
        RetainGraph g = RetainGraph.of(patternOne());
        List<String> suspects = g.edges().stream().filter(RetainGraph.Edge::suspect).map(RetainGraph.Edge::reference)
                .collect(Collectors.toList());
        assertTrue(suspects.contains("ChangeListener[0]"), suspects.toString());
        assertTrue(suspects.contains("Controller.stage"), suspects.toString());
        assertFalse(suspects.contains("static AppModel.INSTANCE"), "the model is not leaking: its static is no suspect");
        assertTrue(g.edges().stream().filter(e -> e.inCycle() && !e.onPath()).noneMatch(RetainGraph.Edge::suspect));
    }

    @Test
    void cyclesBecomeBackEdgesThatKeepTheLeakedObjectAtTheBottom() {
        RetainGraph g = RetainGraph.of(patternOne());
        List<RetainGraph.Edge> back = g.edges().stream().filter(RetainGraph.Edge::backEdge).collect(Collectors.toList());
        // the hops out of the stage close the cycles: Stage.scene-side (Window.scene) and Stage.userData
        assertEquals(2, back.size(), back.toString());
        assertTrue(back.stream().allMatch(e -> e.from() == STAGE && e.inCycle()), back.toString());
        RetainGraph.Edge sceneHoldsStage = g.edges().stream().filter(e -> e.from() == SCENE && e.to() == STAGE)
                .findFirst().orElseThrow();
        assertTrue(sceneHoldsStage.inCycle());
        assertFalse(sceneHoldsStage.backEdge());
        assertFalse(g.node(SCENE).orElseThrow().onPath());
        RetainGraph.Edge pathEdge = g.edges().stream().filter(e -> e.from() == CONTROLLER && e.to() == STAGE).findFirst().orElseThrow();
        assertTrue(pathEdge.onPath() && pathEdge.inCycle() && !pathEdge.backEdge(), "a cycle along a path edge keeps it a path edge");
    }

    @Test
    void cyclesCanBeLimitedOrLeftOut() {
        assertEquals(9, RetainGraph.builder().add(patternOne(), null).maxCycles(0).build().nodes().size());
        assertTrue(RetainGraph.builder().add(patternOne(), null).maxCycles(0).build().edges().stream()
                .noneMatch(RetainGraph.Edge::backEdge));
        assertEquals(9, RetainGraph.builder().add(patternOne(), null).maxCycles(1).build().nodes().size() - 1);
    }

    @Test
    void nothingToDrawStatesSayWhy() {
        ObjectAnalysis weaklyReachable = new ObjectAnalysis(0x99, "com.acme.Dialog", 100, "", List.of(), List.of());
        RetainGraph none = RetainGraph.builder().add(weaklyReachable, "Stage \"Prefs\"").build();
        assertEquals(RetainGraph.State.NO_STRONG_PATH, none.state());
        assertTrue(none.message().contains("weakly reachable"), none.message());
        assertTrue(none.message().contains("Dialog"), none.message());
        assertTrue(none.nodes().isEmpty());

        RetainGraph gone = RetainGraph.objectCollected("com.acme.Dialog", "Stage \"Prefs\"");
        assertEquals(RetainGraph.State.OBJECT_COLLECTED, gone.state());
        assertTrue(gone.message().contains("Object Deallocated"), gone.message());
        assertTrue(gone.message().contains("Stage \"Prefs\""), gone.message());
    }

    @Test
    void severalAnalysedObjectsMergeIntoOneGraph() {
        ObjectAnalysis stage = patternOne();
        ObjectAnalysis controller = new ObjectAnalysis(CONTROLLER, "com.acme.Controller", 99, "",
                List.of(stage.paths().get(0).steps().size() > 0 ? new dev.leakinspector.heap.RetentionPath(
                        stage.paths().get(0).rootKind(), stage.paths().get(0).rootDescription(),
                        stage.paths().get(0).steps().subList(0, 6)) : null), List.of());
        RetainGraph g = RetainGraph.builder().add(stage, "Stage").add(controller, "Controller view").build();
        assertEquals(10, g.nodes().size());
        assertEquals(2, g.leakedObjects().size());
        assertEquals(99, g.node(CONTROLLER).orElseThrow().retainedBytes());
        assertEquals(LeakingStatus.YES, g.node(CONTROLLER).orElseThrow().leaking());
    }
}
