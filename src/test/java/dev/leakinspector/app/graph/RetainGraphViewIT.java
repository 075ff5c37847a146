package dev.leakinspector.app.graph;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.graph.RetainGraphLoader;
import dev.leakinspector.attach.AgentJar;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.testing.PatternOneLeak;
import dev.leakinspector.graph.GraphFolding;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.leakinspector.app.graph.FxGraphs.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The graph of a real leak: the demo's pattern 1 (a listener on a long-lived model) in its own JVM, reported by
 * the agent, dumped with {@code jcmd}, analysed by its watch id and shown in a {@link RetainGraphView} under
 * headless Monocle. The graph must show the static model, the listener, the controller and the leaked window, and
 * mark the reference to the window as suspect; drawn with ten cycles (more than 30 objects), it must open readable
 * with the window's own internals folded into one node. The dump is deleted afterwards.
 */
class RetainGraphViewIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String CONTROLLER = "dev.leakinspector.demo.ModelListenerPattern$StatusController";

    /** Pattern 1's graph as the app draws it (3 cycles per object). */
    private static RetainGraph graph;
    /** The same analysis with {@value #BIG_CYCLES} cycles: a graph of more than 30 objects. */
    private static RetainGraph bigGraph;
    private static final int BIG_CYCLES = 10;

    @BeforeAll
    static void analysePatternOne() throws Exception {
        try {
            AgentJar.locate();
        } catch (IOException e) {
            // run by surefire (a -Dtest pattern matching *IT) before the package phase built the agent
            assumeTrue(false, "the agent jar is not built yet; failsafe runs this test after package: " + e.getMessage());
        }
        Path dir = Files.createTempDirectory("leak-inspector-graph-it");
        Path dump = dir.resolve("pattern1.hprof");
        try (PatternOneLeak pattern = PatternOneLeak.start(START)) {
            LeakSuspected leak = pattern.leak();
            // dumped while the agent is attached: its watches are in the dump and name the object
            heapDump(pattern.demo().pid(), dump);
            try (HprofIndex index = HeapDump.open(dump, ProgressListener.NONE, CancelToken.NEVER)) {
                String label = String.join(" › ", leak.viewStack());
                graph = RetainGraphLoader.forWatch(index, leak.watchId(), leak.className(), label, 3,
                        ProgressListener.NONE, CancelToken.NEVER);
                if (graph.state() == RetainGraph.State.GRAPH) {
                    bigGraph = RetainGraph.builder().maxCycles(BIG_CYCLES).add(graph.analyses().get(0), label).build();
                }
            }
        } finally {
            deleteTree(dir);
        }
        assertFalse(Files.exists(dump), "the dump is deleted after analysis");
    }

    /**
     * The leaked Stage with ten of its cycles (its properties, its listeners' holders, its scene's parts pointing
     * back at it): more than 30 objects. At open the text is no smaller than the UI font, the leaked Stage is in
     * view, and the Stage's own internals are one node with their count; a click on it draws them.
     */
    @Test
    void aBigRealGraphOpensReadableWithTheStagesInternalsFolded() throws Exception {
        assertEquals(RetainGraph.State.GRAPH, graph.state(), graph.message());
        assertTrue(bigGraph.nodes().size() >= 30, "a graph of at least 30 objects: " + bigGraph.nodes().size());
        RetainGraphView view = show(bigGraph);
        double uiFont = onFx(() -> javafx.scene.text.Font.getDefault().getSize());
        double smallest = onFx(() -> FxGraphs.smallestLabelOnScreen(view));
        assertTrue(smallest >= uiFont - 1e-6, "smallest label at open " + smallest + " px < UI font " + uiFont);

        RetainGraph.Node stage = bigGraph.leakedObjects().get(0);
        Bounds viewport = onFx(() -> view.lookup(".graph-viewport").localToScene(view.lookup(".graph-viewport").getLayoutBounds()));
        Node stageBox = onFx(() -> view.lookup("#" + stage.key()));
        assertTrue(viewport.contains(onFx(() -> stageBox.localToScene(stageBox.getLayoutBounds()))), "the leaked Stage in view");

        List<RetainGraph.Node> drawn = onFx(() -> nodeBoxes(view)).stream().map(FxGraphs::modelOf).toList();
        List<RetainGraph.Node> groups = drawn.stream().filter(RetainGraph.Node::isGroup).toList();
        assertEquals(1, groups.size(), "one folded node: " + drawn);
        RetainGraph.Node group = groups.get(0);
        GraphFolding.Group inside = onFx(() -> view.getDrawnGraph().groupOfNode(group.objectId()).orElseThrow());
        assertEquals(stage.objectId(), inside.anchor());
        assertTrue(inside.size() >= 10, "the Stage's internals: " + inside.size());
        assertEquals("… " + inside.size() + " objects inside the Stage", group.title());
        assertTrue(drawn.size() <= bigGraph.nodes().size() - inside.size() + 1, drawn.size() + " drawn");
        for (long member : inside.members()) {
            assertNull(onFx(() -> view.lookup("#" + RetainGraph.keyOf(member))), "folded: " + Long.toHexString(member));
        }

        Node groupBox = onFx(() -> view.lookup("#" + group.key()));
        onFx(() -> view.reveal(group.objectId()));
        new FxRobot().clickOn(groupBox, MouseButton.PRIMARY);
        await("the Stage's internals drawn", Duration.ofSeconds(20),
                () -> inside.members().stream().allMatch(m -> view.lookup("#" + RetainGraph.keyOf(m)) != null));
        assertTrue(onFx(() -> FxGraphs.smallestLabelOnScreen(view)) >= uiFont - 1e-6, "still readable once opened");
    }

    @Test
    void patternOneGraphShowsModelListenerControllerAndTheSuspectReference() throws Exception {
        assertEquals(RetainGraph.State.GRAPH, graph.state(), graph.message());

        RetainGraphView view = show(graph);
        List<Node> boxes = onFx(() -> nodeBoxes(view));
        List<String> classes = boxes.stream().map(b -> modelOf(b).className()).collect(Collectors.toList());

        RetainGraph.Node modelClass = node(boxes, n -> n.className().equals("dev.leakinspector.demo.AppModel") && n.classObject(), classes);
        assertTrue(modelClass.isRoot(), "the model's class (its static field) is where the path starts");
        RetainGraph.Node model = node(boxes, n -> n.className().equals("dev.leakinspector.demo.AppModel") && !n.classObject(), classes);
        RetainGraph.Node listener = node(boxes, n -> n.className().startsWith(CONTROLLER + "$$Lambda"), classes);
        RetainGraph.Node controller = node(boxes, n -> n.className().equals(CONTROLLER), classes);
        RetainGraph.Node window = node(boxes, RetainGraph.Node::leakedObject, classes);
        assertEquals("javafx.stage.Stage", window.className());
        assertTrue(window.label().startsWith("Stage \"1 Listener"), window.label());
        assertTrue(window.retainedBytes() > 0, "retained size of the leaked window");

        assertTrue(edge(graph, modelClass, model).isPresent(), "static AppModel.INSTANCE");
        assertTrue(edge(graph, listener, controller).isPresent(), "the listener captures the controller");
        RetainGraph.Edge toWindow = edge(graph, controller, window).orElseThrow(() -> new AssertionError("controller → window"));
        assertTrue(toWindow.suspect(), toWindow.toString());

        List<Node> suspectLines = onFx(() -> edgeLines(view).stream()
                .filter(l -> l.getStyleClass().contains("suspect")).collect(Collectors.toList()));
        assertTrue(suspectLines.stream().anyMatch(l -> edgeOf(l).equals(toWindow)), "the suspect edge is drawn as suspect");
        Node windowBox = onFx(() -> view.lookup("#" + window.key()));
        assertTrue(windowBox.getStyleClass().contains("leaked"));
        assertTrue(onFx(view::traceText).contains("╰→ javafx.stage.Stage instance"));
    }

    private static RetainGraph.Node node(List<Node> boxes, java.util.function.Predicate<RetainGraph.Node> p, List<String> all) {
        return boxes.stream().map(FxGraphs::modelOf).filter(p).findFirst()
                .orElseThrow(() -> new AssertionError("no such node among " + all));
    }

    private static Optional<RetainGraph.Edge> edge(RetainGraph g, RetainGraph.Node from, RetainGraph.Node to) {
        return g.edges().stream().filter(e -> e.from() == from.objectId() && e.to() == to.objectId() && e.onPath()).findFirst();
    }

    /** {@code jcmd <pid> GC.heap_dump <file>}: returns when the file is complete. */
    private static void heapDump(long pid, Path file) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_dump", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jcmd finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(Files.size(file) > 0, out);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
