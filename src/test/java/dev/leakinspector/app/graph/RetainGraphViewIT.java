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
import javafx.scene.Node;
import org.junit.jupiter.api.Test;

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
 * mark the reference to the window as suspect. The dump is deleted afterwards.
 */
class RetainGraphViewIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String CONTROLLER = "dev.leakinspector.demo.ModelListenerPattern$StatusController";

    @Test
    void patternOneGraphShowsModelListenerControllerAndTheSuspectReference() throws Exception {
        try {
            AgentJar.locate();
        } catch (IOException e) {
            // run by surefire (a -Dtest pattern matching *IT) before the package phase built the agent
            assumeTrue(false, "the agent jar is not built yet; failsafe runs this test after package: " + e.getMessage());
        }
        Path dir = Files.createTempDirectory("leak-inspector-graph-it");
        Path dump = dir.resolve("pattern1.hprof");
        RetainGraph graph;
        try (PatternOneLeak pattern = PatternOneLeak.start(START)) {
            LeakSuspected leak = pattern.leak();
            // dumped while the agent is attached: its watches are in the dump and name the object
            heapDump(pattern.demo().pid(), dump);
            try (HprofIndex index = HeapDump.open(dump, ProgressListener.NONE, CancelToken.NEVER)) {
                graph = RetainGraphLoader.forWatch(index, leak.watchId(), leak.className(),
                        String.join(" › ", leak.viewStack()), 3, ProgressListener.NONE, CancelToken.NEVER);
            }
        } finally {
            deleteTree(dir);
        }
        assertFalse(Files.exists(dump), "the dump is deleted after analysis");
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
