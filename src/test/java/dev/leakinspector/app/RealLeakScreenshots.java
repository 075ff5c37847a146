package dev.leakinspector.app;

import dev.leakinspector.app.graph.RetainGraphView;
import dev.leakinspector.graph.GraphFolding;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The README's Retain Cycle screenshots of a leak in a program that is not our demo: the precision benchmark's
 * JavaFX sample browser, whose "Detach chart" window is closed while its chart still listens on a static theme
 * setting. Starts the browser in its own JVM (Monocle), attaches the real agent, runs its script until that window
 * is reported, opens the Retain Cycle window on it as the app does, and saves {@code retain-cycle-trace.png} (the
 * window as it opens: the trace above the graph) and {@code retain-cycle-expanded.png} (the Stage's own internals
 * expanded) into {@code args[0]} (default {@code assets}); with {@code -Dleakinspector.theme=dark} the names end in
 * {@code -dark}. Run it on a display: {@code xvfb-run -a java -cp <test class path>
 * -Dleakinspector.agentJar=target/leak-inspector-agent.jar dev.leakinspector.app.RealLeakScreenshots assets}.
 * Not a test.
 */
public final class RealLeakScreenshots {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String LEAKED_WINDOW = "DetachedChartWindow";

    private RealLeakScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets");
        Files.createDirectories(out);
        String suffix = Theme.current() == Theme.DARK ? "-dark" : "";
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        ExecutorService background = Executors.newCachedThreadPool();
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        jvmArgs.add("-Xmx384m");
        try (TargetProcess browser = TargetProcess.start(Jdks.current(), jvmArgs,
                List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.precision.SampleBrowserTarget"))) {
            long pid = Long.parseLong(browser.awaitLineStartingWith("READY ", TIMEOUT).substring("READY ".length()).strip());
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(pid, SessionSettings.defaults(), events);
            browser.send("script 30");
            LeakSuspected leak = events.await(LeakSuspected.class, l -> l.className().endsWith(LEAKED_WINDOW), TIMEOUT);
            AppFx.run(() -> RetainCycleWindow.open(null, background, session, List.of(LeakRecord.of(leak)), m -> { }));
            AppFx.await("the Retain Cycle graph", TIMEOUT, () -> RetainCycleWindows.graphView().map(view -> view.getGraph() != null
                    && view.getGraph().state() == RetainGraph.State.GRAPH).orElse(false));
            RetainGraphView view = RetainCycleWindows.graphView().orElseThrow();
            Stage window = AppFx.call(() -> (Stage) view.getScene().getWindow());
            AppFx.run(() -> {
                window.setWidth(1280);
                window.setHeight(900);
            });
            AppFx.awaitPulse();
            // the window opens on the suspects at a readable zoom; after the resize, show it as it would have opened
            AppFx.run(view::showReadable);
            snapshot(window, out.resolve("retain-cycle-trace" + suffix + ".png"));

            GraphFolding.Group internals = AppFx.call(() -> view.getDrawnGraph().groups().stream()
                    .filter(g -> g.kind() == GraphFolding.Kind.INTERNALS).findFirst().orElseThrow(() ->
                            new AssertionError("no folded internals in " + view.getDrawnGraph().nodes().size() + " nodes")));
            AppFx.run(() -> view.expand(internals));
            snapshot(window, out.resolve("retain-cycle-expanded" + suffix + ".png"));
            System.out.println("saved in " + out.toAbsolutePath() + ": " + leak.className() + ", "
                    + AppFx.call(() -> view.getGraph().nodes().size()) + " nodes, " + internals.size() + " folded");
            session.detach("screenshots taken");
        } finally {
            background.shutdownNow();
            Platform.exit();
        }
    }


    private static void snapshot(Stage window, Path file) throws Exception {
        // two pulses: the trace's rows and the graph's drawing are laid out
        AppFx.awaitPulse();
        AppFx.awaitPulse();
        var image = AppFx.call(() -> window.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
