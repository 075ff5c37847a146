package dev.leakinspector.app;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Takes the README's screenshot of Open Heap Dump…: opens the dump given as the first argument, waits for the list,
 * selects the row whose object name contains the second argument, and saves a scene snapshot to the third (e.g.
 * {@code assets/open-heap-dump.png}). Run it on a display: {@code xvfb-run -a java -cp <test class path>
 * dev.leakinspector.app.HeapDumpScreenshot demo.hprof "1 Listener" assets/open-heap-dump.png}. Not a test.
 */
public final class HeapDumpScreenshot {
    private HeapDumpScreenshot() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        var background = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "screenshot");
            t.setDaemon(true);
            return t;
        });
        Stage stage = AppFx.call(() -> HeapDumpWindow.open(null, background, Path.of(args[0])));
        AppFx.await("the list", Duration.ofSeconds(120), () -> stage.getScene().getRoot().lookup("#uiLeakTable") != null);
        TableView<dev.leakinspector.heap.UiLeak> table = AppFx.call(() ->
                (TableView<dev.leakinspector.heap.UiLeak>) stage.getScene().getRoot().lookup("#uiLeakTable"));
        AppFx.run(() -> table.getItems().stream().filter(l -> l.displayName().contains(args[1])).findFirst()
                .ifPresent(l -> table.getSelectionModel().select(l)));
        AppFx.awaitPulse();
        Scene scene = stage.getScene();
        var image = AppFx.call(() -> scene.snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of(args[2]).toFile());
        Platform.exit();
        System.exit(0);
    }
}
