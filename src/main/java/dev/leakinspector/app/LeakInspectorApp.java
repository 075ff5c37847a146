package dev.leakinspector.app;

import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The desktop app: opens the start screen (and any session files named on the command line); on exit,
 * detaches from every target and stops the demo programs it started. JavaFX calls it on the FX thread.
 */
public final class LeakInspectorApp extends Application {
    private static final String STYLESHEET = "leak-inspector.css";

    private AppContext context;

    /** Starts JavaFX and the app; returns when the last window closes. Call on the main thread. */
    public static void launchApp(String... args) {
        Application.launch(LeakInspectorApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        context = AppContext.standard();
        showStartScreen(stage, context);
        List<String> files = getParameters().getUnnamed();
        for (String file : files) {
            StartController.openSessionFile(context, stage, Path.of(file));
        }
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }

    /** Fills {@code stage} with the start screen and shows it. */
    public static StartController showStartScreen(Stage stage, AppContext context) {
        FXMLLoader loader = new FXMLLoader(LeakInspectorApp.class.getResource("start.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("start.fxml is part of the application and must load", e);
        }
        stage.setScene(styledScene(root));
        stage.setTitle("Leak Inspector");
        StartController controller = loader.getController();
        controller.init(context, stage);
        stage.show();
        return controller;
    }

    /** A scene with our one stylesheet, light or dark as the desktop asks ({@link Theme}). */
    static Scene styledScene(Parent root) {
        Theme.current().applyTo(root);
        Scene scene = new Scene(root);
        scene.getStylesheets().add(LeakInspectorApp.class.getResource(STYLESHEET).toExternalForm());
        return scene;
    }
}
