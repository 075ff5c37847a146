package dev.leakinspector.app;

import dev.leakinspector.session.RecordedSession;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * One session's window: loads {@code session.fxml}, feeds it the session's batches, and on close detaches
 * (for a live session) and lets go of everything, so closed windows never pile up in memory. FX thread only.
 */
public final class SessionWindow {
    private final RecordedSession session;
    private final Stage stage;
    private final SessionController controller;

    private SessionWindow(RecordedSession session, Stage stage, SessionController controller) {
        this.session = session;
        this.stage = stage;
        this.controller = controller;
    }

    /**
     * Opens a window for {@code session}.
     *
     * @param batcher the batcher its feed schedules drains through (null for a saved session)
     */
    public static SessionWindow open(AppContext context, RecordedSession session, PulseBatcher batcher) {
        FXMLLoader loader = new FXMLLoader(SessionWindow.class.getResource("session.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("session.fxml is part of the application and must load", e);
        }
        Stage stage = new Stage();
        stage.setScene(LeakInspectorApp.styledScene(root));
        SessionController controller = loader.getController();
        controller.init(context, session, stage);
        SessionWindow window = new SessionWindow(session, stage, controller);
        if (batcher != null) {
            batcher.drainWith(controller::drain);
            controller.drain();
        }
        stage.setOnHidden(event -> {
            if (batcher != null) {
                batcher.close();
            }
            context.sessionClosed(window);
            controller.dispose();
            // After the app's own shutdown the context has detached everything already.
            if (session.isEditable() && !context.background().isShutdown()) {
                CompletableFuture.runAsync(() -> session.detach("the user closed the session window"),
                        context.background());
            }
        });
        context.sessionOpened(window);
        stage.show();
        return window;
    }

    public RecordedSession session() {
        return session;
    }

    public Stage stage() {
        return stage;
    }

    SessionController controller() {
        return controller;
    }
}
