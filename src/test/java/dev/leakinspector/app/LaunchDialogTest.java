package dev.leakinspector.app;

import dev.leakinspector.session.LaunchSettings;
import dev.leakinspector.session.SessionSettings;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start screen's Launch… dialog headless, driven with the robot: it opens with what was launched last (read from
 * the private settings file), refuses to launch with the reason under the fields, and hands over what was typed.
 */
class LaunchDialogTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forUnitTests();

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();

    @AfterEach
    void closeDialog() throws Exception {
        AppFx.run(() -> List.copyOf(Window.getWindows()).stream()
                .filter(window -> window instanceof Stage stage && "Launch a program".equals(stage.getTitle()))
                .forEach(Window::hide));
        AppFx.refocusAnchor();
    }

    private static Optional<Stage> dialogStage() {
        return Window.getWindows().stream().filter(window -> window instanceof Stage stage
                && "Launch a program".equals(stage.getTitle()) && stage.isShowing()).map(Stage.class::cast).findFirst();
    }

    private static String text(String id) throws Exception {
        return AppFx.call(() -> ((TextField) dialogStage().orElseThrow().getScene().lookup("#" + id)).getText());
    }

    private static String error() throws Exception {
        return AppFx.call(() -> ((Label) dialogStage().orElseThrow().getScene().lookup("#launch-error")).getText());
    }

    @Test
    void opensWithWhatWasLaunchedLastRefusesWhatCannotRunAndHandsOverWhatWasTyped() throws Exception {
        Path sessions = dataDir.resolve("sessions");
        new LaunchSettings("", "com.acme.Main", "build/classes", "", "--open \"my file.txt\"", "-Xmx1g")
                .save(LaunchSettings.fileFor(sessions));
        AppContext context = new AppContext(sessions, SessionSettings.defaults());
        AtomicReference<LaunchSettings> chosen = new AtomicReference<>();
        AppFx.run(() -> Launching.ask(context, null, chosen::set));
        AppFx.await("the dialog shows", WAIT, () -> dialogStage().isPresent());

        assertEquals("com.acme.Main", text("launch-program"));
        assertEquals("build/classes", text("launch-class-path"));
        assertEquals("--open \"my file.txt\"", text("launch-arguments"));
        assertEquals("-Xmx1g", text("launch-jvm-options"));
        assertEquals("", text("launch-java"));

        // A program argument typed among the JVM options: refused, and the dialog stays.
        robot.clickOn("#launch-jvm-options").write(" verbose");
        robot.clickOn("#launch-button");
        AppFx.awaitPulse();
        assertEquals("JVM options: 'verbose' is not an option (options start with -); put the program's own arguments"
                + " under Arguments.", error());
        assertTrue(AppFx.call(() -> dialogStage().isPresent()), "still open");
        assertEquals(null, chosen.get());

        robot.doubleClickOn("#launch-jvm-options").eraseText(20).write("-Xmx1g -verbose:gc");
        robot.clickOn("#launch-button");
        AppFx.await("the dialog closes with the settings", WAIT, () -> chosen.get() != null);
        assertEquals(new LaunchSettings("", "com.acme.Main", "build/classes", "", "--open \"my file.txt\"",
                "-Xmx1g -verbose:gc"), chosen.get());
        assertTrue(AppFx.call(() -> dialogStage().isEmpty()));
        context.close();
    }
}
