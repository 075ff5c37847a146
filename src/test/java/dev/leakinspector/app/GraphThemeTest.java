package dev.leakinspector.app;

import dev.leakinspector.app.graph.RetainGraphView;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.graph.Graphs;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Retain Cycle graph's canvas follows the app's theme: dark behind the drawing in the dark theme. */
class GraphThemeTest {
    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forUnitTests();

    @Test
    void theCanvasIsDarkInTheDarkTheme() throws Exception {
        double dark = darkShare(Theme.DARK);
        double light = darkShare(Theme.LIGHT);
        assertTrue(dark > 0.6, "mostly dark in the dark theme: " + dark);
        assertTrue(light < 0.4, "mostly light in the light theme: " + light);
    }

    private static double darkShare(Theme theme) throws Exception {
        // as in the Retain Cycle window: the window is showing (its progress) when the graph arrives
        Stage stage = AppFx.call(() -> {
            BorderPane root = new BorderPane(new javafx.scene.control.Label("Indexing the heap dump…"));
            theme.applyTo(root);
            Stage s = new Stage();
            s.setScene(LeakInspectorApp.styledScene(root));
            s.setWidth(900);
            s.setHeight(700);
            s.show();
            return s;
        });
        AppFx.awaitPulse();
        RetainGraphView shown = AppFx.call(() -> {
            RetainGraphView view = new RetainGraphView();
            view.setGraph(RetainGraph.of(Graphs.bigDialog()));
            ((BorderPane) stage.getScene().getRoot()).setCenter(
                    new javafx.scene.control.SplitPane(new javafx.scene.control.Label("trace"), view));
            return view;
        });
        AppFx.awaitPulse();
        AppFx.awaitPulse();
        return AppFx.call(() -> {
            RetainGraphView view = shown;
            Region viewport = (Region) view.lookup(".graph-viewport");
            // what is drawn, not only what is declared: the share of bright pixels over the whole viewport
            javafx.scene.image.WritableImage image = viewport.snapshot(null, null);
            int bright = 0;
            int all = 0;
            for (int y = 0; y < (int) image.getHeight(); y += 4) {
                for (int x = 0; x < (int) image.getWidth(); x += 4) {
                    all++;
                    if (image.getPixelReader().getColor(x, y).getBrightness() > 0.8) {
                        bright++;
                    }
                }
            }
            stage.close();
            return 1 - (double) bright / all;
        });
    }
}
