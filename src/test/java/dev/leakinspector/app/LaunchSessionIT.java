package dev.leakinspector.app;

import dev.leakinspector.session.ConnectionState;
import dev.leakinspector.session.LaunchSettings;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.SessionSettings;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Launch… end to end, headless: the start screen's button opens the dialog with what was launched last, Launch starts
 * {@link LaunchedTarget} in its own JVM with the agent (and {@code -XX:+DisableAttachMechanism}, which attaching could
 * not get past), its leak arrives in the session window, and its exit ends the session with its exit code.
 */
class LaunchSessionIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private AppContext context;
    private long programPid;

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forIntegrationTests();

    @BeforeEach
    void openStartScreen() throws Exception {
        context = new AppContext(dataDir.resolve("sessions"),
                SessionSettings.defaults().withWatchRules(List.of(LaunchedTarget.RULE)));
        Stage startStage = AppFx.call(Stage::new);
        AppFx.call(() -> LeakInspectorApp.showStartScreen(startStage, context));
    }

    @AfterEach
    void closeEverything() throws Exception {
        if (programPid != 0) {
            ProcessHandle.of(programPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        AppFx.run(() -> {
            for (Window window : List.copyOf(Window.getWindows())) {
                if (window instanceof Stage stage && !AppFx.ANCHOR_TITLE.equals(stage.getTitle())) {
                    stage.close();
                }
            }
        });
        context.close();
    }

    @Test
    void launchStartsTheRememberedProgramWithTheAgentAndItsLeakAndExitReachTheSessionWindow() throws Exception {
        Path remembered = LaunchSettings.fileFor(context.sessionDirectory());
        // Typing a class path of hundreds of characters with the robot would take minutes: it is remembered instead.
        LaunchSettings settings = new LaunchSettings("", LaunchedTarget.class.getName(),
                System.getProperty("java.class.path"), "", "", "-Xmx64m -XX:+DisableAttachMechanism");
        settings.save(remembered);
        FxRobot robot = new FxRobot();

        robot.clickOn("Launch…");
        AppFx.await("the dialog", START, () -> Window.getWindows().stream().anyMatch(window ->
                window instanceof Stage stage && "Launch a program".equals(stage.getTitle())));
        robot.clickOn("#launch-button");

        AppFx.await("a session window", START, () -> !context.openSessions().isEmpty());
        SessionWindow window = context.openSessions().get(0);
        SessionModel model = window.session().model();
        programPid = model.target().pid();
        assertEquals("LaunchedTarget", model.target().displayName(), "named as the dialog names it");
        assertFalse(model.target().printedDynamicAgentWarning(), "started with the agent: no JEP 451 warning");
        AppFx.await("the leak", START, () -> model.rows().stream()
                .anyMatch(row -> row.className().equals(LaunchedTarget.Session.class.getName())));
        assertEquals(settings, LaunchSettings.load(remembered));
        assertTrue(Files.exists(remembered));

        ProcessHandle.of(programPid).orElseThrow().destroy(); // SIGTERM: exits with 143
        AppFx.await("the session ends", START, () -> model.state() == ConnectionState.ENDED);
        SessionEnd end = model.sessionEnd().orElseThrow();
        assertEquals(new SessionEnd(SessionEnd.Kind.TARGET_EXITED, "process " + programPid + " exited with code 143"), end);
    }
}
