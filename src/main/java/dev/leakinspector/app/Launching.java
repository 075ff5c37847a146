package dev.leakinspector.app;

import dev.leakinspector.session.LaunchSettings;
import dev.leakinspector.session.RecordedSession;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The start screen's Launch…: reads what was launched last, asks with a {@link LaunchDialog}, remembers the answer,
 * and starts the program with the agent ({@link RecordedSession#launch}). The program's output goes where Leak
 * Inspector's goes; the program keeps running when its session window is closed or Leak Inspector quits.
 *
 * <p>Threading: called on the FX thread; file I/O and the start run on the context's background threads.
 */
final class Launching {
    private Launching() {
    }

    /** Shows the dialog, filled in with what was launched last, and hands the user's choice to {@code chosen}. */
    static void ask(AppContext context, Stage owner, Consumer<LaunchSettings> chosen) {
        Path file = LaunchSettings.fileFor(context.sessionDirectory());
        CompletableFuture.supplyAsync(() -> {
            try {
                return LaunchSettings.load(file);
            } catch (IOException e) {
                // Nothing to fill in: the dialog starts empty and saving replaces the unreadable file.
                System.err.println("Leak Inspector: could not read " + file + ": " + e.getMessage());
                return LaunchSettings.empty();
            }
        }, context.background()).thenAccept(initial -> Platform.runLater(() ->
                new LaunchDialog(owner, initial).dialog().showAndWait().ifPresent(chosen)));
    }

    /** Remembers {@code settings}, then starts the program and its recorded session. */
    static CompletableFuture<RecordedSession> start(AppContext context, LaunchSettings settings, PulseBatcher batcher) {
        return CompletableFuture.supplyAsync(() -> {
            Path file = LaunchSettings.fileFor(context.sessionDirectory());
            try {
                settings.save(file);
            } catch (IOException e) {
                // Not remembering is no reason not to start it.
                System.err.println("Leak Inspector: could not remember the launch settings in " + file + ": " + e.getMessage());
            }
            try {
                return RecordedSession.launch(settings.command(), settings.displayName(), context.settings(),
                        context.sessionDirectory(), batcher.scheduler());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, context.background());
    }

    /** The error shown when the program could not be started or its agent never connected. */
    static Alert failed(Stage owner, LaunchSettings settings, Throwable cause) {
        Alert alert = new Alert(Alert.AlertType.ERROR, cause.getMessage() == null ? cause.toString() : cause.getMessage());
        alert.initOwner(owner);
        alert.setTitle("Cannot launch the program");
        alert.setHeaderText("Leak Inspector could not start " + settings.displayName() + " with its agent");
        return alert;
    }
}
