package dev.leakinspector.app.graph;

import dev.leakinspector.graph.GraphColors;
import dev.leakinspector.graph.GraphFolding;
import dev.leakinspector.graph.RetainGraph;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.leakinspector.app.graph.FxGraphs.*;
import static dev.leakinspector.graph.Graphs.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A big graph (a leaked dialog with a scene of {@value dev.leakinspector.graph.Graphs#CONTROLS} controls, 37 objects)
 * in the view under headless Monocle: readable at open, internals folded, opened and folded back by the user,
 * labels never cut, and the colours the same as the exports'.
 */
class RetainGraphReadableTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final RetainGraph graph = bigDialogGraph();

    @Test
    void opensOnTheSuspectsWithTextNoSmallerThanTheUiFontAndTheDialogsInsidesFolded() throws Exception {
        assertTrue(graph.nodes().size() >= 30, "a big graph: " + graph.nodes().size());
        RetainGraphView view = show(graph);
        assertTrue(onFx(() -> FxGraphs.smallestLabelOnScreen(view)) >= Font.getDefault().getSize() - 1e-6,
                "smallest label " + onFx(() -> FxGraphs.smallestLabelOnScreen(view)) + " px < UI font " + Font.getDefault().getSize());
        List<RetainGraph.Node> drawn = onFx(() -> nodeBoxes(view)).stream().map(FxGraphs::modelOf).toList();
        List<RetainGraph.Node> groups = drawn.stream().filter(RetainGraph.Node::isGroup).toList();
        assertEquals(1, groups.size(), drawn.toString());
        assertEquals("… 26 objects inside the PrefsDialog", groups.get(0).title());
        assertTrue(drawn.size() < 15, "folded: " + drawn.size());
        // the suspect references and their ends are in view
        Bounds viewport = onFx(() -> view.lookup(".graph-viewport").localToScene(view.lookup(".graph-viewport").getLayoutBounds()));
        for (long id : List.of(HANDLER, DIALOG)) {
            Node box = onFx(() -> view.lookup("#" + RetainGraph.keyOf(id)));
            Bounds b = onFx(() -> box.localToScene(box.getLayoutBounds()));
            assertTrue(viewport.contains(b), RetainGraph.keyOf(id) + " " + b + " outside " + viewport);
        }
    }

    @Test
    void aClickOnTheFoldedNodeShowsTheObjectsAndFoldAllFoldsThemBack() throws Exception {
        RetainGraphView view = show(graph);
        RetainGraph.Node group = onFx(() -> view.getDrawnGraph().nodes().stream().filter(RetainGraph.Node::isGroup).findFirst().orElseThrow());
        Node box = onFx(() -> view.lookup("#" + group.key()));
        onFx(() -> view.reveal(group.objectId()));
        new FxRobot().clickOn(box, MouseButton.PRIMARY);
        await("the dialog's insides drawn", WAIT, () -> view.lookup("#" + RetainGraph.keyOf(DIALOG_ROOT)) != null);
        assertEquals(graph.nodes().size() - 3, onFx(() -> nodeBoxes(view)).size(), "all but the two collection insides (3 objects)");
        assertTrue(onFx(() -> FxGraphs.smallestLabelOnScreen(view)) >= Font.getDefault().getSize() - 1e-6, "still readable");
        GraphFolding.Group inside = onFx(() -> view.getDrawnGraph().groupsContaining(DIALOG_ROOT).get(0));
        onFx(() -> {
            view.fold(inside);
            return null;
        });
        assertNull(onFx(() -> view.lookup("#" + RetainGraph.keyOf(DIALOG_ROOT))), "folded back");
        // select(id) from a trace opens what it needs
        assertTrue(onFx(() -> view.select(SKIN + 3)));
        assertEquals(SKIN + 3, onFx(view::getSelectedNode).objectId());
        Node skin = onFx(() -> view.lookup("#" + RetainGraph.keyOf(SKIN + 3)));
        Bounds viewport = onFx(() -> view.lookup(".graph-viewport").localToScene(view.lookup(".graph-viewport").getLayoutBounds()));
        assertTrue(viewport.contains(onFx(() -> skin.localToScene(skin.getLayoutBounds()))), "scrolled into view");
        onFx(() -> {
            view.foldAll();
            return null;
        });
        assertNull(onFx(() -> view.lookup("#" + RetainGraph.keyOf(SKIN + 3))));
        assertFalse(onFx(() -> view.select(0xdead)), "no such object");
    }

    @Test
    void theOverviewIsOneClickAwayAndAClickInItMovesTheView() throws Exception {
        RetainGraphView view = show(graph);
        assertNull(onFx(() -> visibleOverview(view)), "hidden at open");
        javafx.scene.control.ToggleButton button = onFx(() -> (javafx.scene.control.ToggleButton) view.lookupAll(".toggle-button")
                .stream().filter(b -> "Overview".equals(((javafx.scene.control.ToggleButton) b).getText())).findFirst().orElseThrow());
        new FxRobot().clickOn(button, MouseButton.PRIMARY);
        Node overview = onFx(() -> visibleOverview(view));
        assertNotNull(overview, "one click shows it");
        Bounds b = onFx(() -> overview.localToScreen(overview.getLayoutBounds()));
        assertTrue(b.getWidth() > 20 && b.getHeight() > 20, b.toString());
        // zoomed in on the leaked dialog, the root at the top of the graph is out of view
        onFx(() -> {
            view.zoom(2.5);
            return view.reveal(DIALOG);
        });
        Node rootBox = onFx(() -> view.lookup("#" + RetainGraph.keyOf(REGISTRY_CLASS)));
        Bounds viewport = onFx(() -> view.lookup(".graph-viewport").localToScene(view.lookup(".graph-viewport").getLayoutBounds()));
        assertFalse(viewport.contains(onFx(() -> rootBox.localToScene(rootBox.getLayoutBounds()))), "the root is out of view");
        double[] at = onFx(() -> {
            GraphCanvas c = (GraphCanvas) view.lookup(".graph-viewport");
            var box = c.graphLayout().boxes().get(REGISTRY_CLASS);
            double scale = overview.getLayoutBounds().getWidth() / c.graphLayout().width();
            return new double[] {box.centerX() * scale, box.centerY() * scale};
        });
        new FxRobot().clickOn(b.getMinX() + at[0], b.getMinY() + at[1], MouseButton.PRIMARY);
        Bounds rootNow = onFx(() -> rootBox.localToScene(rootBox.getLayoutBounds()));
        assertTrue(viewport.intersects(rootNow), "a click on the root in the overview brings it into view: " + rootNow);
    }

    private static Node visibleOverview(RetainGraphView view) {
        Node n = view.lookup(".graph-overview");
        return n != null && n.isVisible() ? n : null;
    }

    @Test
    void noLabelIsCutAtAnyZoom() throws Exception {
        RetainGraphView view = show(graph.folded(Set.of()).full());
        for (double factor : new double[] {1, 1 / 1.25, 1 / 1.25, 1 / 1.25, 1.25 * 1.25 * 1.25 * 1.25 * 1.25}) {
            onFx(() -> {
                view.zoom(factor);
                return null;
            });
            onFx(() -> null);
            List<String> cut = onFx(() -> {
                List<String> out = new ArrayList<>();
                for (Node n : view.lookup(".graph-canvas").lookupAll(".label")) {
                    Label l = (Label) n;
                    if (l.getWidth() + 0.5 < l.prefWidth(-1)) {
                        out.add(l.getText() + " " + l.getWidth() + " < " + l.prefWidth(-1));
                    }
                }
                return out;
            });
            assertEquals(List.of(), cut, "at zoom " + onFx(view::getZoom));
        }
    }

    @Test
    void theViewAndTheExportsDrawInTheSameColours() throws Exception {
        RetainGraphView view = show(graph);
        String svg = onFx(view::toSvg);
        for (Node box : onFx(() -> nodeBoxes(view))) {
            RetainGraph.Node n = modelOf(box);
            Region r = (Region) box;
            Color fill = onFx(() -> (Color) r.getBackground().getFills().get(0).getFill());
            Color stroke = onFx(() -> (Color) r.getBorder().getStrokes().get(0).getTopStroke());
            assertEquals(Color.web(GraphColors.fill(n)), fill, n.title());
            assertEquals(Color.web(GraphColors.stroke(n)), stroke, n.title());
            assertTrue(svg.contains("fill=\"" + GraphColors.fill(n) + "\" stroke=\"" + GraphColors.stroke(n) + "\""), n.title());
        }
        for (Node line : onFx(() -> edgeLines(view))) {
            RetainGraph.Edge e = edgeOf(line);
            assertEquals(Color.web(GraphColors.edge(e)), onFx(() -> ((Shape) line).getStroke()), e.reference());
            assertTrue(svg.contains("stroke=\"" + GraphColors.edge(e) + "\""), e.reference());
        }
    }

    @Test
    void theStylesheetNamesNoColourOfItsOwnAndEveryOneItUsesComesFromGraphColors() throws IOException {
        String css;
        try (InputStream in = RetainGraphView.class.getResourceAsStream("graph.css")) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String rules = css.replaceAll("(?s)/\\*.*?\\*/", "");
        assertFalse(Pattern.compile("#[0-9a-fA-F]{3,8}\\b|rgba?\\(").matcher(rules).find(), "a colour literal in graph.css");
        Matcher m = Pattern.compile("-graph-[a-z-]+").matcher(rules);
        while (m.find()) {
            assertTrue(GraphColors.lookedUpColors().containsKey(m.group()), m.group() + " is not in GraphColors");
        }
    }

}
