package dev.leakinspector.app;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
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
 * Takes a screenshot of the Retain Cycle window as it opens (the leak trace above the graph) on a real leak: the demo's
 * pattern {@code args[1]} (default 13, a Swing preferences dialog hidden by Cancel) in its own JVM under xvfb-run,
 * with path {@code args[2]} shown (default 0, the first); pattern 14 is dumped while its handler holds the leak in a
 * local of the JavaFX thread, so the trace has a transient path too. Saves {@code args[0]} (default {@code retain-cycle-trace.png}); {@code -Dleakinspector.theme=dark} for the dark
 * theme. Run it on a display: {@code xvfb-run -a java -cp <test class path>
 * -Dleakinspector.agentJar=target/leak-inspector-agent.jar dev.leakinspector.app.TraceScreenshot out.png}. Not a test.
 */
public final class TraceScreenshot {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private TraceScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "retain-cycle-trace.png");
        String pattern = args.length > 1 ? args[1] : "13";
        int path = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        ExecutorService background = Executors.newCachedThreadPool();
        List<String> jvmArgs = new ArrayList<>(XvfbTarget.HEADLESS_FX_WITH_AWT_DISPLAY);
        jvmArgs.add("-Xmx256m");
        try (XvfbTarget demo = XvfbTarget.start(XvfbTarget.xvfbRun().orElseThrow(), Jdks.current(), jvmArgs,
                List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.demo.DemoMain"), TIMEOUT,
                "--script", pattern)) {
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            LeakSuspected leak = events.await(LeakSuspected.class,
                    l -> l.viewStack().stream().anyMatch(v -> v.contains(pattern + " ")), TIMEOUT);
            if (pattern.equals("14")) {
                // pattern 14's handler holds the leak in a UI-thread local for 8 s: dump then, for a transient path
                demo.output().awaitLineStartingWith("DEMO step 14 busy ", TIMEOUT);
            }
            LiveSession live = session;
            AppFx.run(() -> RetainCycleWindow.open(null, background, live, List.of(LeakRecord.of(leak)), m -> { }));
            AppFx.await("the Retain Cycle graph", TIMEOUT, () -> RetainCycleWindows.graphView()
                    .map(g -> g.getGraph() != null && g.getGraph().state() == RetainGraph.State.GRAPH).orElse(false));
            Stage stage = RetainCycleWindows.open().orElseThrow();
            if (path > 0) {
                AppFx.run(() -> ((dev.leakinspector.app.trace.LeakTraceView) stage.getScene().getRoot()
                        .lookup(".leak-trace")).showPath(path));
            }
            // two pulses: the trace's rows and the graph's fit are laid out
            AppFx.awaitPulse();
            AppFx.awaitPulse();
            var image = AppFx.call(() -> stage.getScene().snapshot(null));
            Files.createDirectories(out.toAbsolutePath().getParent());
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
            System.out.println("saved " + out.toAbsolutePath());
            session.detach("screenshot taken");
        } finally {
            background.shutdownNow();
            Platform.exit();
        }
    }
}
