package dev.leakinspector.app;

import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionExport;

import javafx.application.Platform;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Exports a session as text or JSON: asks for a file (named after the session's), writes it off the JavaFX
 * thread and says in the status bar how that went. One per session window, dropped with it. FX thread only.
 */
final class SessionExporter {
    private final RecordedSession session;
    private final Stage owner;
    private final Executor background;
    private final SessionStatusBar status;

    /**
     * @param owner      the window the file chooser belongs to
     * @param background where the file is written
     */
    SessionExporter(RecordedSession session, Stage owner, Executor background, SessionStatusBar status) {
        this.session = session;
        this.owner = owner;
        this.background = background;
        this.status = status;
    }

    void exportText() {
        export("txt", "Text", () -> SessionExport.text(session.model()));
    }

    void exportJson() {
        export("json", "JSON", () -> SessionExport.json(session.model()));
    }

    /**
     * @param content the export, built (on the FX thread, from the model) only once a file was chosen: tens of
     *                MB for a 100,000-row session, not worth building for a cancelled dialog
     */
    private void export(String extension, String kind, Supplier<String> content) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the session as " + kind);
        String base = session.file().getFileName().toString();
        chooser.setInitialFileName(base.substring(0, base.lastIndexOf('.')) + "." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*." + extension));
        File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return;
        }
        String text = content.get();
        CompletableFuture.runAsync(() -> {
            try {
                Files.writeString(file.toPath(), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background).whenComplete((done, failure) -> Platform.runLater(() -> status.say(
                failure == null ? "Exported to " + file : "Could not export: " + failure.getCause().getMessage())));
    }
}
