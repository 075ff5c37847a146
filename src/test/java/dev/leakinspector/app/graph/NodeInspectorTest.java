package dev.leakinspector.app.graph;

import dev.leakinspector.graph.Graphs;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.graph.RetainGraphLoader;
import dev.leakinspector.graph.NodeInspector;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.ObjectContents;
import dev.leakinspector.heap.ObjectInspector;
import dev.leakinspector.heap.ObjectSelector;
import dev.leakinspector.heap.ProgressListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static dev.leakinspector.app.graph.FxGraphs.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The details pane with a {@link NodeInspector} on a real heap dump of this JVM, under headless Monocle: a click
 * shows the object's fields (references to the graph's objects marked, a double-click follows them) and its
 * retained size, computed in the background; a newer request cancels the computation still running; closing the
 * inspector waits for the tasks that read the index. Without an inspector the pane shows what the graph knows.
 */
class NodeInspectorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final PseudoClass IN_GRAPH = PseudoClass.getPseudoClass("in-graph");

    // The leak in the dump: Inventory.model → Model.listeners → ArrayList → Object[] → Listener.window → DetailsWindow
    static final class Inventory {
        static Model model;
    }

    static final class Model {
        final String name = "orders model";
        int revision = 7;
        final List<Object> listeners = new ArrayList<>();
    }

    static final class Listener {
        final DetailsWindow window;

        Listener(DetailsWindow window) {
            this.window = window;
        }
    }

    static final class DetailsWindow {
        final String title = "Order 42";
        final byte[] pixels = new byte[4096];
    }

    private static Path dir;
    private static HprofIndex index;
    private static RetainGraph graph;
    private static ExecutorService executor;

    @BeforeAll
    static void dumpAndAnalyse() throws Exception {
        Inventory.model = new Model();
        Inventory.model.listeners.add(new Listener(new DetailsWindow()));
        dir = Files.createTempDirectory("leak-inspector-node-details");
        Path dump = dir.resolve("details.hprof");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
        index = HeapDump.open(dump, ProgressListener.NONE, CancelToken.NEVER);
        graph = RetainGraphLoader.forObjects(index, ObjectSelector.byClass(DetailsWindow.class.getName()),
                "Stage \"Order 42\"", 3, ProgressListener.NONE, CancelToken.NEVER);
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "node-inspector-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void closeAndDelete() throws Exception {
        executor.shutdownNow();
        index.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void clickingAnObjectShowsItsFieldsAndItsRetainedSizeComputedInTheBackground() throws Exception {
        assertEquals(RetainGraph.State.GRAPH, graph.state(), graph.message());
        RetainGraphView view = show(graph);
        onFx(() -> {
            view.setInspector(new NodeInspector(index, executor));
            return null;
        });
        RetainGraph.Node listener = node(Listener.class, false);
        RetainGraph.Node window = graph.leakedObjects().get(0);
        click(view, listener);
        long expected = new ObjectInspector(index).retainedSize(listener.objectId(), CancelToken.NEVER);
        await("the listener's retained size", WAIT, () -> retainedSize(view).equals(RetainGraphView.bytes(expected)));
        assertTrue(expected >= 4096, "the window and its pixels: " + expected);
        await("the listener's fields", WAIT, () -> view.lookup(".node-fields") != null);
        assertEquals(List.of("window = " + FieldsTable.IN_GRAPH_MARK + "NodeInspectorTest$DetailsWindow@0x"
                + Long.toHexString(window.objectId())), rows(view));
        assertTrue(detailTexts(view).contains("Fields"), detailTexts(view).toString());

        // what the user sees: the row is marked, and a double-click on it goes to the window
        // the row's mark comes with its cell, laid out in a pulse after the fields arrive
        await("the field in the graph marked", WAIT, () -> !markedRows(view).isEmpty());
        TableRow<?> row = onFx(() -> markedRows(view).get(0));
        new FxRobot().doubleClickOn(row, MouseButton.PRIMARY);
        await("the window selected", WAIT, () -> view.getSelectedNode().objectId() == window.objectId());
        // the leaked window's size came with the analysis; the inspector computes the same
        assertEquals(window.retainedBytes(), new ObjectInspector(index).retainedSize(window.objectId(), CancelToken.NEVER));
        await("the window's fields", WAIT, () -> rows(view).size() == 2);
        assertEquals(RetainGraphView.bytes(window.retainedBytes()), onFx(() -> retainedSize(view)));
        List<String> windowRows = onFx(() -> rows(view));
        assertTrue(windowRows.stream().anyMatch(r -> r.matches("title = String@0x[0-9a-f]+ \"Order 42\"")), windowRows.toString());
        assertTrue(windowRows.stream().anyMatch(r -> r.matches("pixels = byte\\[4096]@0x[0-9a-f]+")), windowRows.toString());

        RetainGraph.Node model = node(Model.class, false);
        click(view, model);
        long modelBytes = new ObjectInspector(index).retainedSize(model.objectId(), CancelToken.NEVER);
        await("the model's retained size", WAIT, () -> retainedSize(view).equals(RetainGraphView.bytes(modelBytes)));
        await("the model's fields", WAIT, () -> rows(view).size() == 3);
        List<String> modelRows = onFx(() -> rows(view));
        assertTrue(modelRows.contains("revision = int 7"), modelRows.toString());
        assertTrue(modelRows.contains("listeners = " + FieldsTable.IN_GRAPH_MARK + "ArrayList@0x"
                + Long.toHexString(node("java.util.ArrayList").objectId())), modelRows.toString());
        assertTrue(modelRows.stream().anyMatch(r -> r.matches("name = String@0x[0-9a-f]+ \"orders model\"")), modelRows.toString());

        RetainGraph.Node inventory = node(Inventory.class, true);
        click(view, inventory);
        await("the class's statics", WAIT, () -> detailTexts(view).contains("Static fields"));
        assertEquals(List.of("model = " + FieldsTable.IN_GRAPH_MARK + "NodeInspectorTest$Model@0x"
                + Long.toHexString(model.objectId())), onFx(() -> rows(view)));

        // the list's array is folded into one step, "ArrayList[0]": a click on the step shows it
        RetainGraph.Node array = node("java.lang.Object[]");
        assertNull(onFx(() -> view.lookup("#" + array.key())), "folded");
        Node step = onFx(() -> view.lookupAll(".graph-group-step").stream()
                .filter(l -> ((Label) l).getText().equals("ArrayList[0]")).findFirst().orElseThrow());
        onFx(() -> view.reveal(node("java.util.ArrayList").objectId()));
        new FxRobot().clickOn(step, MouseButton.PRIMARY);
        await("the array drawn", WAIT, () -> view.lookup("#" + array.key()) != null);
        click(view, array);
        await("the array's elements", WAIT, () -> detailTexts(view).contains("Elements"));
        List<String> elements = onFx(() -> rows(view));
        assertEquals("[0] = " + FieldsTable.IN_GRAPH_MARK + "NodeInspectorTest$Listener@0x" + Long.toHexString(listener.objectId()),
                elements.get(0));
        assertTrue(elements.subList(1, elements.size()).stream().allMatch(e -> e.endsWith("= null")), elements.toString());
        assertTrue(detailTexts(view).stream().anyMatch(t -> t.startsWith("Object[] of length " + elements.size() + " · shallow size")),
                detailTexts(view).toString());
    }

    @Test
    void withoutAnInspectorTheDetailsAreWhatTheGraphKnows() throws Exception {
        RetainGraphView view = show(graph);
        click(view, node(Listener.class, false));
        List<String> texts = onFx(() -> detailTexts(view));
        assertTrue(texts.contains("Leaking"), texts.toString());
        assertNull(onFx(() -> view.lookup(".node-fields")), "no fields without a dump");
        assertNull(onFx(() -> view.lookup(".retained-size")), "no retained size for an object the analysis did not size");
        click(view, graph.leakedObjects().get(0));
        assertEquals(RetainGraphView.bytes(graph.leakedObjects().get(0).retainedBytes()), onFx(() -> retainedSize(view)));
    }

    @Test
    void anObjectTheDumpLacksIsSaidToBeMissing() throws Exception {
        RetainGraph handMade = RetainGraph.builder().add(Graphs.patternOne(), null).build();
        RetainGraphView view = show(handMade);
        onFx(() -> {
            view.setInspector(new NodeInspector(index, executor));
            return null;
        });
        click(view, handMade.node(Graphs.CONTROLLER).orElseThrow());
        await("the failure said", WAIT, () -> detailTexts(view).stream().anyMatch(t -> t.startsWith("Not read from the heap dump")));
        await("and for the size", WAIT, () -> retainedSize(view).startsWith("not available: the dump has no object 0x60"));
    }

    @Test
    void aNewRequestCancelsTheComputationStillRunningAndSizesAreRemembered() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        NodeInspector inspector = new NodeInspector(index, queued::add);
        long model = node(Model.class, false).objectId();
        long listener = node(Listener.class, false).objectId();
        CompletableFuture<Long> first = inspector.retainedSize(model);
        assertSame(first, inspector.retainedSize(model), "asking again for the object being computed waits for it");
        CompletableFuture<Long> second = inspector.retainedSize(listener);
        queued.forEach(Runnable::run);
        queued.clear();
        Throwable failure = first.handle((bytes, error) -> error).get();
        assertTrue(NodeInspector.isCancellation(failure), String.valueOf(failure));
        assertEquals(new ObjectInspector(index).retainedSize(listener, CancelToken.NEVER), second.get());
        CompletableFuture<Long> again = inspector.retainedSize(listener);
        assertTrue(again.isDone() && queued.isEmpty(), "remembered, not computed again");
        assertEquals(second.get(), again.get());
    }

    @Test
    void closingWaitsForTheTasksThatReadTheIndexThenRefusesNewOnes() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        NodeInspector inspector = new NodeInspector(index, queued::add);
        long model = node(Model.class, false).objectId();
        CompletableFuture<ObjectContents> contents = inspector.contents(model);
        CompletableFuture<Long> size = inspector.retainedSize(model);
        CompletableFuture<Void> closed = inspector.close();
        assertFalse(closed.isDone(), "two tasks still to run");
        queued.forEach(Runnable::run);
        assertTrue(closed.isDone());
        assertEquals(3, contents.get().fields().size());
        assertTrue(NodeInspector.isCancellation(size.handle((bytes, error) -> error).get()), "the size was cancelled");
        long listener = node(Listener.class, false).objectId();
        assertTrue(inspector.contents(listener).isCompletedExceptionally());
        assertTrue(inspector.retainedSize(listener).isCompletedExceptionally());
    }

    // ------------------------------------------------------------------ helpers

    private static RetainGraph.Node node(Class<?> type, boolean classObject) {
        return graph.nodes().stream().filter(n -> n.className().equals(type.getName()) && n.classObject() == classObject)
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " in " + graph.nodes()));
    }

    private static RetainGraph.Node node(String className) {
        return graph.nodes().stream().filter(n -> n.className().equals(className) && !n.classObject())
                .findFirst().orElseThrow(() -> new AssertionError("no " + className + " in " + graph.nodes()));
    }

    private static void click(RetainGraphView view, RetainGraph.Node node) throws Exception {
        onFx(() -> view.reveal(node.objectId()));
        Node box = onFx(() -> view.lookup("#" + node.key()));
        new FxRobot().clickOn(box, MouseButton.PRIMARY);
        onFx(() -> null);
        assertEquals(node.objectId(), onFx(view::getSelectedNode).objectId());
    }

    /** FX thread: the retained size shown, or "" when there is none. */
    private static String retainedSize(RetainGraphView view) {
        Label label = (Label) view.lookup(".retained-size");
        return label == null ? "" : label.getText();
    }

    /** FX thread: the rows of the fields table as "name = value", as the table shows them; empty when there is none. */
    private static List<String> rows(RetainGraphView view) {
        FieldsTable table = (FieldsTable) view.lookup(".node-fields");
        return table == null ? List.of() : table.getItems().stream().map(f -> f.name() + " = " + table.valueText(f)).toList();
    }

    /** FX thread: the drawn rows marked as leading to another object of the graph. */
    private static List<TableRow<?>> markedRows(RetainGraphView view) {
        List<TableRow<?>> out = new ArrayList<>();
        for (Node n : view.lookup(".node-fields").lookupAll(".table-row-cell")) {
            if (n.getPseudoClassStates().contains(IN_GRAPH)) {
                out.add((TableRow<?>) n);
            }
        }
        return out;
    }

    /** FX thread: the texts of the details pane's labels. */
    private static List<String> detailTexts(RetainGraphView view) {
        List<String> out = new ArrayList<>();
        for (Node n : view.lookup(".graph-details").lookupAll(".label")) {
            out.add(((Label) n).getText());
        }
        return out;
    }
}
