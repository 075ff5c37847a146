package dev.leakinspector.app.graph;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.graph.RetainGraphLayout;
import dev.leakinspector.heap.LeakTraceText;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.leakinspector.app.graph.FxGraphs.*;
import static dev.leakinspector.graph.Graphs.*;
import static org.junit.jupiter.api.Assertions.*;

/** The view under headless Monocle with a hand-made graph: what it draws, clicks, zoom, exports. */
class RetainGraphViewTest {
    private final RetainGraph graph = RetainGraph.builder().add(patternOne(), "Stage \"1 Listener\" › Scene").build();

    @Test
    void drawsEveryObjectOnceWithItsStatusAndEveryEdgeWithItsStyle() throws Exception {
        RetainGraphView view = show(graph);
        List<Node> boxes = onFx(() -> nodeBoxes(view));
        assertEquals(graph.nodes().size(), boxes.size());
        Node stage = onFx(() -> view.lookup("#" + graph.node(STAGE).orElseThrow().key()));
        assertTrue(stage.getStyleClass().containsAll(List.of("graph-node", "leaked")), stage.getStyleClass().toString());
        Node model = onFx(() -> view.lookup("#" + graph.node(MODEL).orElseThrow().key()));
        assertTrue(model.getStyleClass().contains("leaking-no"));
        Node root = onFx(() -> view.lookup("#" + graph.node(MODEL_CLASS).orElseThrow().key()));
        assertTrue(root.getStyleClass().contains("gc-root"));
        List<String> rootTexts = onFx(() -> texts(root));
        assertTrue(rootTexts.contains("AppModel class") && rootTexts.contains("GC root: System class"), rootTexts.toString());
        List<String> stageTexts = onFx(() -> texts(stage));
        assertTrue(stageTexts.contains("Stage \"1 Listener\" › Scene"), "the view-stack label: " + stageTexts);

        List<Node> lines = onFx(() -> edgeLines(view));
        assertEquals(graph.edges().size(), lines.size());
        for (Node line : lines) {
            RetainGraph.Edge e = edgeOf(line);
            assertEquals(e.suspect(), line.getStyleClass().contains("suspect"), e.toString());
            assertEquals(e.backEdge(), line.getStyleClass().contains("back-edge"), e.toString());
        }
        // suspect edges are drawn thicker than plain ones: CSS applied
        double suspectWidth = lines.stream().filter(l -> edgeOf(l).suspect()).mapToDouble(l -> ((javafx.scene.shape.Shape) l).getStrokeWidth()).min().orElseThrow();
        double plainWidth = lines.stream().filter(l -> !edgeOf(l).suspect()).mapToDouble(l -> ((javafx.scene.shape.Shape) l).getStrokeWidth()).max().orElseThrow();
        assertTrue(suspectWidth > plainWidth, suspectWidth + " vs " + plainWidth);
    }

    @Test
    void labelsFitInTheirBoxes() throws Exception {
        RetainGraphView view = show(graph);
        List<String> tooWide = onFx(() -> {
            List<String> out = new ArrayList<>();
            for (Node box : nodeBoxes(view)) {
                for (Node l : box.lookupAll(".label")) {
                    Label label = (Label) l;
                    if (label.prefWidth(-1) > ((javafx.scene.layout.Region) box).getWidth() - 2 * RetainGraphLayout.PADDING_X + 0.5) {
                        out.add(label.getText() + " " + label.prefWidth(-1) + " > " + ((javafx.scene.layout.Region) box).getWidth());
                    }
                }
            }
            return out;
        });
        assertEquals(List.of(), tooWide);
    }

    @Test
    void clickingAnObjectShowsItsDetailsAndCallsBack() throws Exception {
        RetainGraphView view = show(graph);
        assertEquals(STAGE, onFx(view::getSelectedNode).objectId(), "the leaked object is selected first");
        AtomicReference<RetainGraph.Node> clicked = new AtomicReference<>();
        onFx(() -> {
            view.setOnNodeSelected(clicked::set);
            return null;
        });
        Node controller = onFx(() -> view.lookup("#" + graph.node(CONTROLLER).orElseThrow().key()));
        onFx(() -> view.reveal(CONTROLLER));
        new FxRobot().clickOn(controller, MouseButton.PRIMARY);
        onFx(() -> null);
        assertNotNull(clicked.get(), "callback");
        assertEquals(CONTROLLER, clicked.get().objectId());
        assertEquals(CONTROLLER, onFx(view::getSelectedNode).objectId());
        List<String> details = onFx(() -> texts(view.lookup(".graph-details")));
        assertTrue(details.contains("com.acme.Controller"), details.toString());
        assertTrue(details.stream().anyMatch(t -> t.contains("Controller$$Lambda$1.arg$1  (suspect)\n   from Controller$$Lambda$1")), details.toString());
        assertTrue(details.contains(WHAT_TO_CHANGE), "an end of a suspect reference says what to change: " + details);
        Node modelClass = onFx(() -> view.lookup("#" + graph.node(MODEL_CLASS).orElseThrow().key()));
        onFx(() -> view.reveal(MODEL_CLASS));
        new FxRobot().clickOn(modelClass, MouseButton.PRIMARY);
        onFx(() -> null);
        assertEquals(MODEL_CLASS, onFx(view::getSelectedNode).objectId());
        List<String> rootDetails = onFx(() -> texts(view.lookup(".graph-details")));
        assertFalse(rootDetails.contains("What to change"), "not on the GC root, far from the suspects: " + rootDetails);
    }

    private static final String WHAT_TO_CHANGE =
            "Remove the listener from AppModel.status when the window closes (or add it as a WeakChangeListener)";

    @Test
    void leakedObjectDetailsGiveTheRetainedSize() throws Exception {
        RetainGraphView view = show(graph);
        List<String> details = onFx(() -> texts(view.lookup(".graph-details")));
        assertTrue(details.contains("12,345 bytes (12.1 KiB)"), details.toString());
        assertTrue(details.contains("YES — reported as leaking"), details.toString());
        assertEquals(WHAT_TO_CHANGE, onFx(() -> ((Label) view.lookup(".what-to-change")).getText()));
    }

    @Test
    void zoomButtonsAndFit() throws Exception {
        RetainGraphView view = show(graph);
        // the graph was set before the view had a size (see FxGraphs.show): it opens readable, at 100 %
        assertEquals(1, onFx(view::getZoom), 1e-9, "text in the UI font's size at open");
        onFx(() -> {
            view.fit();
            return null;
        });
        double fitted = onFx(view::getZoom);
        assertTrue(fitted > 0 && fitted < 1, "the graph is larger than its viewport: fitted, scaled down: " + fitted);
        Button plus = onFx(() -> (Button) view.lookupAll(".button").stream()
                .filter(b -> "+".equals(((Button) b).getText())).findFirst().orElseThrow());
        new FxRobot().clickOn(plus);
        assertEquals(fitted * 1.25, onFx(view::getZoom), 1e-9);
        onFx(() -> {
            view.fit();
            return null;
        });
        assertEquals(fitted, onFx(view::getZoom), 1e-9);
        // after fit, every node is inside the visible viewport
        Bounds viewport = onFx(() -> {
            Node vp = view.lookup(".graph-viewport");
            return vp.localToScene(vp.getLayoutBounds());
        });
        for (Node box : onFx(() -> nodeBoxes(view))) {
            Bounds b = onFx(() -> box.localToScene(box.getLayoutBounds()));
            assertTrue(viewport.contains(b), modelOf(box).title() + " " + b + " outside " + viewport);
        }
    }

    @Test
    void nothingToDrawShowsWhy() throws Exception {
        RetainGraphView view = show(RetainGraph.objectCollected("com.acme.Dialog", "Stage \"Prefs\""));
        Label message = onFx(() -> (Label) view.lookup(".graph-message"));
        assertTrue(onFx(message::isVisible));
        assertTrue(message.getText().contains("Object Deallocated"), message.getText());
        assertEquals(0, onFx(() -> nodeBoxes(view)).size());
        assertEquals(message.getText() + System.lineSeparator(), onFx(view::traceText));

        RetainGraph weak = RetainGraph.builder().add(new dev.leakinspector.heap.ObjectAnalysis(1, "com.acme.Dialog", 8, "",
                List.of(), List.of()), null).build();
        onFx(() -> {
            view.setGraph(weak);
            return null;
        });
        assertTrue(onFx(message::isVisible));
        assertTrue(message.getText().contains("weakly reachable"), message.getText());
        onFx(() -> {
            view.setGraph(graph);
            return null;
        });
        assertFalse(onFx(message::isVisible), "a graph hides the message");
    }

    @Test
    void exportsAndCopyAsText(@TempDir Path dir) throws Exception {
        RetainGraphView view = show(graph);
        Path png = dir.resolve("g.png");
        Path svg = dir.resolve("g.svg");
        Path dot = dir.resolve("g.dot");
        onFx(() -> {
            view.exportPng(png);
            view.exportSvg(svg);
            view.exportDot(dot);
            return null;
        });
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertTrue(image.getWidth() > 300 && image.getHeight() > 300, image.getWidth() + "x" + image.getHeight());
        assertTrue(Files.readString(svg).contains("<svg"));
        assertTrue(Files.readString(dot).contains("-> \"n70\""));
        assertEquals(LeakTraceText.format(graph.analyses()), onFx(view::traceText));
        onFx(() -> {
            view.copyAsText();
            return null;
        });
        assertEquals(LeakTraceText.format(graph.analyses()), onFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()));
    }

    @Test
    void aReplacedGraphIsNotKeptByTheView() throws Exception {
        RetainGraphView view = show(RetainGraph.builder().add(patternOne(), "first").build());
        java.lang.ref.ReferenceQueue<Object> queue = new java.lang.ref.ReferenceQueue<>();
        java.lang.ref.WeakReference<RetainGraph> first = new java.lang.ref.WeakReference<>(onFx(view::getGraph), queue);
        onFx(() -> {
            view.setGraph(graph);
            return null;
        });
        onFx(() -> null); // a pulse: tooltips and CSS of the removed nodes let go
        java.lang.ref.Reference<?> cleared = null;
        for (int i = 0; i < 50 && cleared == null; i++) {
            System.gc();
            cleared = queue.remove(100);
        }
        assertSame(first, cleared, "the first graph is collectable once replaced");
    }

    private static List<String> texts(Node parent) {
        List<String> out = new ArrayList<>();
        for (Node n : parent.lookupAll(".label")) {
            out.add(((Label) n).getText());
        }
        return out;
    }
}
