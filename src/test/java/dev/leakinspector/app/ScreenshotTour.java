package dev.leakinspector.app;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.app.graph.RetainGraphView;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionFile;
import dev.leakinspector.session.SessionSettings;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Takes the README's screenshots with the app's own scene snapshots: the start screen, then a session
 * with the demo's leaks (script "all") and pattern 1's breadcrumb selected, then pattern 1's Retain
 * Cycle window with the controller selected: its fields and retained size. The session is shown with every
 * report (not only the standing ones the list opens on), and once more grouped by kind (session-groups.png).
 * With {@code -Dleakinspector.theme=dark} it saves only the session, as session-dark.png. Run it on a display, e.g.
 * {@code xvfb-run -a java -cp <test class path> -Dleakinspector.agentJar=target/leak-inspector-agent.jar
 * dev.leakinspector.app.ScreenshotTour assets}. Not a test: it needs a real display and takes ~45 s.
 */
public final class ScreenshotTour {
    private ScreenshotTour() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "assets");
        Files.createDirectories(out);
        System.setProperty(StartController.DEMO_ARGS_PROPERTY, "--script all");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        Path data = Files.createTempDirectory("leak-inspector-tour");
        AppContext context = new AppContext(data.resolve("sessions"), SessionSettings.defaults());
        Stage startStage = AppFx.call(Stage::new);
        StartController start = AppFx.call(() -> LeakInspectorApp.showStartScreen(startStage, context));
        AppFx.await("JVMs listed", Duration.ofSeconds(30),
                () -> !((TableView<?>) startStage.getScene().lookup("#jvmTable")).getItems().isEmpty());
        AppFx.run(() -> ((TableView<?>) startStage.getScene().lookup("#jvmTable")).getSelectionModel().select(0));
        // The dark theme is shown once, on the session; the other screenshots are the light ones.
        boolean dark = Theme.current() == Theme.DARK;
        if (!dark) {
            snapshot(startStage.getScene(), out.resolve("start-screen.png"));
        }

        AppFx.run(start::tryDemo);
        AppFx.await("the session window", Duration.ofSeconds(90), () -> !context.openSessions().isEmpty());
        SessionWindow window = context.openSessions().get(0);
        AppFx.run(() -> {
            window.stage().setWidth(1280);
            window.stage().setHeight(760);
        });
        TableView<LeakRecord> list = SessionWindowIT.lookup(window.stage(), "#leakTable");
        var model = window.session().model();
        // Every tier on screen: leaks, a retained page, pattern 3's deallocation and pattern 6c's reuse.
        AppFx.await("the demo's reports in every tier", Duration.ofSeconds(240), () ->
                model.rows().stream().map(LeakRecord::statusKey).collect(java.util.stream.Collectors.toSet())
                        .containsAll(java.util.Set.of("leak", "retained", "reused", "deallocated")));
        // The list shows standing reports by default; the screenshot shows every tier and retraction.
        AppFx.run(() -> ((ChoiceBox<LeakFilter.Shown>) window.stage().getScene().lookup("#shownChoice"))
                .setValue(LeakFilter.Shown.ALL));
        // Let a few more stats arrive, so the heap line has a shape.
        int samples = AppFx.call(() -> window.session().model().heapHistory().size());
        AppFx.await("4 more heap samples (one a second)", Duration.ofSeconds(60),
                () -> window.session().model().heapHistory().size() >= samples + 4);
        AppFx.run(() -> {
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).viewStack().get(0).startsWith("Stage \"1 ")) {
                    list.getSelectionModel().clearAndSelect(i);
                }
            }
            list.requestFocus();
        });
        AppFx.awaitPulse();
        // Click the window's crumb, as a user would.
        AppFx.run(() -> SessionWindowIT.crumbButtons(window.stage()).get(0).fire());
        AppFx.awaitPulse();
        snapshot(window.stage().getScene(), out.resolve(dark ? "session-dark.png" : "session.png"));
        if (dark) {
            finish(context, out, data);
            return;
        }
        // The same session grouped by kind: how many instances of each are alive now.
        ToggleButton group = SessionWindowIT.lookup(window.stage(), "#groupToggle");
        AppFx.run(() -> group.setSelected(true));
        AppFx.awaitPulse();
        snapshot(window.stage().getScene(), out.resolve("session-groups.png"));
        AppFx.run(() -> group.setSelected(false));
        AppFx.run(() -> {
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).viewStack().get(0).startsWith("Stage \"1 ")) {
                    list.getSelectionModel().clearAndSelect(i);
                }
            }
        });

        // Retain Cycle on pattern 1, and a click on the controller that holds the window.
        Button retainCycleButton = SessionWindowIT.lookup(window.stage(), "#retainCycleButton");
        AppFx.run(retainCycleButton::fire);
        AppFx.await("the Retain Cycle graph", Duration.ofSeconds(120), () -> RetainCycleWindows.graphView()
                .map(view -> view.getGraph() != null && view.getGraph().state() == RetainGraph.State.GRAPH).orElse(false));
        RetainGraphView view = RetainCycleWindows.graphView().orElseThrow();
        Stage retainCycle = (Stage) AppFx.call(() -> view.getScene().getWindow());
        AppFx.run(() -> {
            retainCycle.setWidth(1280);
            retainCycle.setHeight(800);
        });
        AppFx.awaitPulse();
        AppFx.run(() -> {
            view.getGraph().nodes().stream().filter(n -> n.className().endsWith("$StatusController")).findFirst()
                    .ifPresent(n -> view.select(n.objectId()));
        });
        AppFx.await("the controller's retained size", Duration.ofSeconds(60), () -> {
            Node size = view.lookup(".retained-size");
            return size != null && ((Label) size).getText().contains("bytes");
        });
        AppFx.await("the controller's fields", Duration.ofSeconds(30), () -> view.lookup(".node-fields") != null);
        snapshot(retainCycle.getScene(), out.resolve("retain-cycle-pattern1.png"));
        finish(context, out, data);
    }

    private static void finish(AppContext context, Path out, Path data) throws Exception {
        System.out.println("saved in " + out.toAbsolutePath() + "; session files in " + data + " (format "
                + SessionFile.VERSION + ")");
        AppFx.run(() -> {
            context.close();
            Platform.exit();
        });
        System.exit(0);
    }


    private static void snapshot(Scene scene, Path file) throws Exception {
        AppFx.awaitPulse();
        var image = AppFx.call(() -> scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
