package dev.leakinspector.app.graph;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.graph.RetainGraphLoader;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.LeakAnalyzer;
import dev.leakinspector.heap.ObjectSelector;
import dev.leakinspector.heap.ProgressListener;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * Opens the Retain Cycle graph of a heap dump in a window, without a session: for trying the view and for the
 * README's screenshots.
 * <pre>
 * java -cp leak-inspector.jar dev.leakinspector.app.graph.RetainGraphPreview dump.hprof
 *      (--class NAME | --watch-id ID | --object-id 0x…) [--label TEXT] [--paths K] [--dark]
 *      [--screenshot out.png] [--svg out.svg] [--dot out.dot] [--size WxH] [--max-cycles N] [--expand] [--overview]
 * </pre>
 * {@code --max-cycles} draws up to N cycles per object (default {@value RetainGraph.Builder#DEFAULT_MAX_CYCLES});
 * {@code --expand} opens every folded group before the screenshot, {@code --overview} shows the overview.
 * With {@code --screenshot} it saves the window as a PNG once the graph is shown and exits; {@code --svg} and
 * {@code --dot} write the view's exports as well. The dump is analysed
 * on the launcher thread before the window opens; the window runs on the FX thread.
 */
public final class RetainGraphPreview {
    private static RetainGraph graph;
    private static String title;
    private static Path screenshot;
    private static Path svg;
    private static Path dot;
    private static boolean dark;
    private static double width = 1400;
    private static double height = 900;
    private static boolean expand;
    private static boolean overview;

    private RetainGraphPreview() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: RetainGraphPreview <file.hprof> (--class NAME | --watch-id ID | --object-id 0x…)"
                    + " [--label TEXT] [--paths K] [--dark] [--screenshot out.png] [--svg out.svg] [--dot out.dot] [--size WxH]"
                    + " [--max-cycles N] [--expand] [--overview]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        ObjectSelector selector = null;
        String label = null;
        int k = LeakAnalyzer.DEFAULT_PATHS;
        long watchId = -1;
        int maxCycles = RetainGraph.Builder.DEFAULT_MAX_CYCLES;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--class": selector = ObjectSelector.byClass(args[++i]); break;
                case "--object-id": selector = ObjectSelector.byObjectId(Long.parseUnsignedLong(args[++i].replaceFirst("^0[xX]", ""), 16)); break;
                case "--watch-id": watchId = Long.parseLong(args[++i]); break;
                case "--label": label = args[++i]; break;
                case "--paths": k = Integer.parseInt(args[++i]); break;
                case "--dark": dark = true; break;
                case "--max-cycles": maxCycles = Integer.parseInt(args[++i]); break;
                case "--expand": expand = true; break;
                case "--overview": overview = true; break;
                case "--screenshot": screenshot = Path.of(args[++i]); break;
                case "--svg": svg = Path.of(args[++i]); break;
                case "--dot": dot = Path.of(args[++i]); break;
                case "--size": {
                    String[] wh = args[++i].split("x");
                    width = Double.parseDouble(wh[0]);
                    height = Double.parseDouble(wh[1]);
                    break;
                }
                default:
                    System.err.println("unexpected argument " + args[i]);
                    System.exit(2);
            }
        }
        try (HprofIndex index = HeapDump.open(file, ProgressListener.NONE, CancelToken.NEVER)) {
            graph = watchId >= 0
                    ? RetainGraphLoader.forWatch(index, watchId, null, label, k, ProgressListener.NONE, CancelToken.NEVER)
                    : RetainGraphLoader.forObjects(index, selector, label, k, ProgressListener.NONE, CancelToken.NEVER);
        }
        if (maxCycles != RetainGraph.Builder.DEFAULT_MAX_CYCLES && graph.state() == RetainGraph.State.GRAPH) {
            RetainGraph.Builder b = RetainGraph.builder().maxCycles(maxCycles);
            for (dev.leakinspector.heap.ObjectAnalysis a : graph.analyses()) {
                b.add(a, label);
            }
            graph = b.build();
        }
        List<RetainGraph.Node> leaked = graph.leakedObjects();
        title = "Retain Cycle — " + (leaked.isEmpty() ? file.getFileName() : leaked.get(0).shortClassName());
        // Platform.startup rather than Application.launch: a main class extending Application is refused when
        // JavaFX is on the class path ("JavaFX runtime components are missing")
        Platform.startup(() -> show(new Stage()));
    }

    private static void show(Stage stage) {
        RetainGraphView view = new RetainGraphView();
        Scene scene = new Scene(view, width, height);
        if (dark) {
            // what a dark theme does to Modena: a dark base; the view's stylesheet follows the looked-up colours
            view.setStyle("-fx-base: #2b2d30; -fx-background: #1e1f22; -fx-control-inner-background: #1e1f22;");
        }
        stage.setTitle(title);
        stage.setScene(scene);
        stage.show();
        view.setGraph(graph);
        if (expand && view.getDrawnGraph() != null) {
            view.getDrawnGraph().groups().forEach(view::expand);
        }
        view.setOverviewShown(overview);
        // the focus would otherwise sit on the first toolbar button and ring it in screenshots
        view.requestFocus();
        try {
            if (svg != null) {
                view.exportSvg(svg);
            }
            if (dot != null) {
                view.exportDot(dot);
            }
        } catch (java.io.IOException e) {
            System.err.println("export failed: " + e);
        }
        if (screenshot != null) {
            // two pulses: one to lay out and fit, one to render what the fit changed
            Platform.runLater(() -> Platform.runLater(() -> {
                try {
                    javafx.scene.image.WritableImage image = scene.snapshot(null);
                    javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                            screenshot.toFile());
                    System.out.println("saved " + screenshot);
                } catch (Exception e) {
                    System.err.println("screenshot failed: " + e);
                }
                Platform.exit();
            }));
        }
    }
}
