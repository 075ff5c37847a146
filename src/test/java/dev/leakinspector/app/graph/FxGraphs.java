package dev.leakinspector.app.graph;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.testing.FxThread;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** Shows a {@link RetainGraphView} in TestFX's primary stage (headless Monocle) and finds its parts. */
public final class FxGraphs {
    private static final Duration FX_TIMEOUT = Duration.ofSeconds(20);

    private FxGraphs() {
    }

    static Stage stage() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        return stage;
    }

    /** Puts a new view with {@code graph} into the primary stage and waits until it has been laid out. */
    static RetainGraphView show(RetainGraph graph) throws Exception {
        // within Monocle's headless screen (1280x800): a larger window overflows its frame buffer
        return show(graph, 1200, 760);
    }

    /**
     * Puts a new view into a {@code width} x {@code height} scene in the primary stage, with {@code graph} set
     * before the view is shown or laid out (so it fits once the viewport gets its size), and waits for a
     * layout pass.
     */
    static RetainGraphView show(RetainGraph graph, double width, double height) throws Exception {
        Stage stage = stage();
        RetainGraphView view = onFx(() -> {
            RetainGraphView v = new RetainGraphView();
            v.setGraph(graph);
            stage.setScene(new Scene(v, width, height));
            stage.show();
            return v;
        });
        FxThread.awaitPulse(FX_TIMEOUT);
        return view;
    }

    static <T> T onFx(Callable<T> action) throws Exception {
        return FxThread.call(FX_TIMEOUT, action);
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds; fails saying what it waited for. */
    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        FxThread.await(what, timeout, FX_TIMEOUT, condition);
    }

    /** The drawn node boxes (not the legend's swatches), each with the model node it shows. */
    static List<Node> nodeBoxes(RetainGraphView view) {
        return view.lookupAll(".graph-node").stream()
                .filter(n -> n.getProperties().get(RetainGraph.Node.class) != null).collect(Collectors.toList());
    }

    static RetainGraph.Node modelOf(Node box) {
        return (RetainGraph.Node) box.getProperties().get(RetainGraph.Node.class);
    }

    /** The drawn edge lines (not the legend's), each with the model edge it shows. */
    static List<Node> edgeLines(RetainGraphView view) {
        return view.lookupAll(".graph-edge").stream()
                .filter(n -> n.getProperties().get(RetainGraph.Edge.class) != null).collect(Collectors.toList());
    }

    static RetainGraph.Edge edgeOf(Node line) {
        return (RetainGraph.Edge) line.getProperties().get(RetainGraph.Edge.class);
    }

    /** The smallest text size, in scene pixels, of the labels drawn on the graph's canvas. FX thread. */
    public static double smallestLabelOnScreen(RetainGraphView view) {
        double min = Double.MAX_VALUE;
        for (Node n : view.lookup(".graph-canvas").lookupAll(".label")) {
            Label l = (Label) n;
            min = Math.min(min, l.getFont().getSize() * l.getLocalToSceneTransform().getMyy());
        }
        return min;
    }
}
