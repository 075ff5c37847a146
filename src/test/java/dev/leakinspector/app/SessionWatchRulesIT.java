package dev.leakinspector.app;

import dev.leakinspector.attach.LocalJvm;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.TargetProcess;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against real target JVMs, headless: Enter in the start screen's filter selects the first of several matching
 * programs (and says so) and attaches to the only one; in the session window, a watch rule added by the user
 * reaches the agent and the object it watches is reported, and changing the ignore list afterwards keeps the rule.
 */
class SessionWatchRulesIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String TARGET = "dev.leakinspector.cli.ClosedSessionsTarget";
    private static final String RULE = TARGET + "$Session#close:this";

    @TempDir
    Path dataDir;

    private AppContext context;
    private Stage startStage;
    private StartController start;

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forIntegrationTests();

    @BeforeEach
    void openStartScreen() throws Exception {
        context = new AppContext(dataDir.resolve("sessions"), SessionSettings.defaults());
        startStage = AppFx.call(Stage::new);
        start = AppFx.call(() -> LeakInspectorApp.showStartScreen(startStage, context));
    }

    @AfterEach
    void closeEverything() throws Exception {
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
    void enterInTheFilterAttachesAndARuleAddedInTheSessionReportsTheObjectItWatches() throws Exception {
        // A token no other program on this machine has, so the filter's matches are exactly these two.
        String token = "rules-it-" + System.nanoTime();
        try (TargetProcess first = TargetProcess.start(Jdks.current(), List.of("-Xmx64m"), TARGET, token, "first");
             TargetProcess second = TargetProcess.start(Jdks.current(), List.of("-Xmx64m"), TARGET, token, "second")) {
            first.awaitLineStartingWith("READY", START);
            second.awaitLineStartingWith("READY", START);
            TableView<LocalJvm> jvms = SessionWindowIT.lookup(startStage, "#jvmTable");
            TextField filter = SessionWindowIT.lookup(startStage, "#filterField");
            Label said = SessionWindowIT.lookup(startStage, ".progress-label");
            AppFx.run(() -> start.refresh());
            AppFx.run(() -> filter.setText(token));
            AppFx.await("both targets listed", START, () -> jvms.getItems().size() == 2);

            FxRobot robot = new FxRobot();
            AppFx.run(filter::requestFocus);
            robot.type(KeyCode.ENTER);
            AppFx.await("the first selected", START, () -> jvms.getSelectionModel().getSelectedIndex() == 0);
            assertTrue(AppFx.call(said::getText).startsWith("2 programs match; the first is selected"),
                    AppFx.call(said::getText));
            assertTrue(context.openSessions().isEmpty(), "several matches: no attach until the user chooses");

            AppFx.run(() -> filter.setText(token + " second"));
            AppFx.await("one target left", START, () -> jvms.getItems().size() == 1);
            AppFx.run(filter::requestFocus);
            robot.type(KeyCode.ENTER);
            AppFx.await("a session window", START, () -> !context.openSessions().isEmpty());
            SessionWindow window = context.openSessions().get(0);
            assertEquals(1, AppFx.call(() -> context.openSessions().size()), "one attach, not two");
            assertEquals(second.pid(), window.session().model().target().pid(), "the one the filter left");

            addRule(window);
            // The ignore list after the rule: its new settings must carry the rule along.
            AppFx.run(() -> {
                ((TextField) window.stage().getScene().lookup("#ignoreField")).setText("com.example.cache.*");
                ((Button) window.stage().getScene().lookup("#addIgnoreButton")).fire();
            });
            assertEquals(List.of(RULE), AppFx.call(() -> window.session().watchRules()));

            SessionModel model = window.session().model();
            TableView<LeakRecord> list = SessionWindowIT.lookup(window.stage(), "#leakTable");
            // The rule reaches the agent asynchronously and nothing tells the target when: sessions closed before
            // it is installed are not watched, so close one at a time until one is reported.
            Optional<LeakRecord> reported = Optional.empty();
            for (int attempt = 0; attempt < 6 && reported.isEmpty(); attempt++) {
                second.send("close 1");
                second.awaitLineStartingWith("CLOSED 1", START);
                try {
                    AppFx.await("a rule-watched session reported", Duration.ofSeconds(10),
                            () -> ruleRow(list).isPresent());
                } catch (AssertionError notYet) {
                    // not installed yet when that one closed: try again
                }
                reported = AppFx.call(() -> ruleRow(list));
            }
            LeakRecord row = reported.orElseThrow(() -> new AssertionError("no rule-watched report: " + model.rows()));
            assertEquals(TARGET + "$Session", row.className());
            assertEquals("Leak", row.statusText());
        }
    }

    private static Optional<LeakRecord> ruleRow(TableView<LeakRecord> list) {
        return list.getItems().stream().filter(row -> row.trigger().equals("rule " + RULE)).findFirst();
    }

    /** Adds {@link #RULE} through the window's Watch rules editor, after a typo it must refuse. */
    private static void addRule(SessionWindow window) throws Exception {
        TextField field = SessionWindowIT.lookup(window.stage(), "#ruleField");
        Button add = SessionWindowIT.lookup(window.stage(), "#addRuleButton");
        Label message = SessionWindowIT.lookup(window.stage(), "#ruleMessage");
        AppFx.run(() -> {
            field.setText(TARGET + "$Session#close");
            add.fire();
        });
        assertTrue(AppFx.call(message::getText).contains("no ':<target>'"), AppFx.call(message::getText));
        AppFx.run(() -> {
            field.setText(RULE);
            add.fire();
        });
        assertEquals(List.of(RULE), AppFx.call(() -> window.session().watchRules()));
        assertTrue(AppFx.call(message::getText).startsWith("Sent to the agent"), AppFx.call(message::getText));
    }
}
