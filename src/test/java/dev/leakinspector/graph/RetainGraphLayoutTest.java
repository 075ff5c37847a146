package dev.leakinspector.graph;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.leakinspector.graph.Graphs.*;
import static org.junit.jupiter.api.Assertions.*;

class RetainGraphLayoutTest {
    private final RetainGraphLayout layout = new RetainGraphLayout(RetainGraphLayout.fixedMetrics(7, 15));

    @Test
    void rootsAreAboveTheLeakedObjectAndEachPathRunsDownwards() {
        RetainGraph g = RetainGraph.builder().add(patternOne(), "Stage \"1 Listener\" › Scene").build();
        RetainGraphLayout.Result r = layout.layout(g);
        RetainGraphLayout.Box stage = r.boxes().get(STAGE);
        for (RetainGraph.Node n : g.nodes()) {
            if (n.objectId() != STAGE) {
                assertTrue(r.boxes().get(n.objectId()).y() < stage.y(), n + " should be above the leaked object");
            }
        }
        for (RetainGraph.Edge e : g.edges()) {
            double from = r.boxes().get(e.from()).y();
            double to = r.boxes().get(e.to()).y();
            if (e.backEdge()) {
                assertTrue(from > to, "a back edge points up: " + e);
            } else {
                assertTrue(from < to, "an edge points down: " + e);
            }
        }
        assertTrue(r.boxes().get(MODEL_CLASS).y() < r.boxes().get(MODEL).y());
    }

    @Test
    void nodesDoNotOverlapAndLabelsFit() {
        RetainGraph g = RetainGraph.builder().add(patternOne(), "Stage \"1 Listener\" › Scene › BorderPane").build();
        RetainGraphLayout.Result r = layout.layout(g);
        List<RetainGraphLayout.Box> boxes = new ArrayList<>(r.boxes().values());
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).overlaps(boxes.get(j)), boxes.get(i) + " overlaps " + boxes.get(j));
            }
        }
        for (RetainGraph.Node n : g.nodes()) {
            RetainGraphLayout.Box b = r.boxes().get(n.objectId());
            for (RetainGraphLayout.NodeLine line : r.lines().get(n.objectId())) {
                double factor = line.role() == RetainGraphLayout.NodeLine.Role.TITLE ? 1.1 : 1.0;
                assertTrue(line.text().length() * 7 * factor + 2 * RetainGraphLayout.PADDING_X <= b.width(), line + " fits in " + b);
            }
            assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.width() <= r.width() && b.y() + b.height() <= r.height());
        }
        for (RetainGraphLayout.EdgeRoute route : r.routes()) {
            assertTrue(route.points().size() >= 2, route.toString());
            RetainGraphLayout.Box target = r.boxes().get(route.edge().to());
            RetainGraphLayout.Point end = route.points().get(route.points().size() - 1);
            assertTrue(Math.abs(end.y() - target.y()) < 1 || Math.abs(end.y() - (target.y() + target.height())) < 1,
                    "the route ends at the held object: " + route);
        }
    }

    @Test
    void aCycleBackIntoTheRootKeepsTheRootOnTop() {
        // stage → A → B → thread (the root of the second path) → task → controller → stage
        dev.leakinspector.heap.ObjectAnalysis base = patternOne();
        dev.leakinspector.heap.RetainCycle throughRoot = new dev.leakinspector.heap.RetainCycle(java.util.List.of(
                step("javafx.stage.Stage", "Controller.stage", dev.leakinspector.heap.ReferenceKind.INSTANCE_FIELD, dev.leakinspector.heap.LeakingStatus.UNKNOWN, false, STAGE),
                step("com.acme.A", "Stage.a", dev.leakinspector.heap.ReferenceKind.INSTANCE_FIELD, dev.leakinspector.heap.LeakingStatus.UNKNOWN, false, 0x1001),
                step("com.acme.B", "A.b", dev.leakinspector.heap.ReferenceKind.INSTANCE_FIELD, dev.leakinspector.heap.LeakingStatus.UNKNOWN, false, 0x1002),
                step("java.lang.Thread", "B.thread", dev.leakinspector.heap.ReferenceKind.INSTANCE_FIELD, dev.leakinspector.heap.LeakingStatus.UNKNOWN, false, THREAD),
                step("com.acme.Task", "Thread.target", dev.leakinspector.heap.ReferenceKind.INSTANCE_FIELD, dev.leakinspector.heap.LeakingStatus.UNKNOWN, false, TASK),
                step("com.acme.Controller", "Task.owner", dev.leakinspector.heap.ReferenceKind.INSTANCE_FIELD, dev.leakinspector.heap.LeakingStatus.UNKNOWN, false, CONTROLLER)));
        RetainGraph g = RetainGraph.builder().add(new dev.leakinspector.heap.ObjectAnalysis(base.objectId(), base.className(),
                base.retainedBytes(), base.fingerprint(), base.paths(), java.util.List.of(throughRoot)), null).build();
        RetainGraph.Edge intoRoot = g.edges().stream().filter(e -> e.to() == THREAD).findFirst().orElseThrow();
        assertTrue(intoRoot.backEdge(), intoRoot.toString());
        RetainGraphLayout.Result r = layout.layout(g);
        for (RetainGraph.Node n : g.nodes()) {
            if (n.objectId() != THREAD && n.objectId() != MODEL_CLASS) {
                assertTrue(r.boxes().get(n.objectId()).y() > Math.min(r.boxes().get(THREAD).y(), r.boxes().get(MODEL_CLASS).y()),
                        n.title() + " is below the roots");
            }
        }
    }

    @Test
    void aLocalVariableRootNamesItsThreadAndFrame() {
        RetainGraph g = RetainGraph.of(patternOne());
        assertEquals(java.util.List.of("GC root: local in thread \"pool-1\"", "frame Foo.run"),
                RetainGraphLayout.rootLines(g.node(THREAD).orElseThrow()));
        assertEquals(java.util.List.of("GC root: System class"), RetainGraphLayout.rootLines(g.node(MODEL_CLASS).orElseThrow()));
        RetainGraph.Node queue = new RetainGraph.Node(1, "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue",
                false, dev.leakinspector.heap.LeakingStatus.NO, "", dev.leakinspector.heap.GcRootKind.JAVA_FRAME,
                "local variable in thread \"demo-heartbeat\" at java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue"
                        + ".take(ScheduledThreadPoolExecutor.java:1182)", false, "", -1, true);
        assertEquals(java.util.List.of("GC root: local in thread \"demo-heartbeat\"",
                "frame ScheduledThreadPoolExecutor$DelayedWorkQueue.take"), RetainGraphLayout.rootLines(queue));
    }

    @Test
    void refusesAGraphWithNothingToDraw() {
        assertThrows(IllegalArgumentException.class, () -> layout.layout(RetainGraph.objectCollected("A", null)));
    }
}
