package dev.leakinspector.app;

import dev.leakinspector.session.DemoProgram;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.app.graph.RetainGraphView;

import dev.leakinspector.attach.LocalJvm;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.TargetProcess;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.BreadCrumbBar;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app end to end, headless: the start screen attaches to a real demo JVM, the leaks of its script
 * arrive in the session window with their retraction and breadcrumbs, the target's death leaves a banner
 * and the rows, and the saved session reopens with the same rows.
 */
class SessionWindowIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String PATTERN_1 = "Stage \"1 Listener on a long-lived model\"";

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
    void attachingFromTheStartScreenShowsTheDemosLeaksRetractionBreadcrumbsAndSurvivesTheTargetsDeath()
            throws Exception {
        FxRobot robot = new FxRobot();
        try (TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of(), "--script", "1,1b,3")) {
            TableView<LocalJvm> jvms = awaitInJvmList(demo);
            AppFx.run(() -> {
                int index = indexOf(jvms, demo.pid());
                jvms.getSelectionModel().clearAndSelect(index);
                jvms.scrollTo(index);
            });
            // The keyboard way in: Enter fires the default Attach button.
            AppFx.run(jvms::requestFocus);
            robot.type(javafx.scene.input.KeyCode.ENTER);

            AppFx.await("a session window", START, () -> !context.openSessions().isEmpty());
            SessionWindow window = context.openSessions().get(0);
            SessionModel model = window.session().model();
            long doneAt = Long.parseLong(demo.awaitLineStartingWith("DEMO script done", START).replaceAll(".* ", ""));
            AppFx.await("the agent has checked every watch of the script", START, () -> model.stats()
                    .map(stats -> stats.pendingWatches() == 0 && stats.timestampMillis() > doneAt).orElse(false));
            TableView<LeakRecord> list = lookup(window.stage(), "#leakTable");
            AppFx.await("pattern 3 retracted", START, () -> model.rows().stream().anyMatch(row ->
                    row.viewStack().get(0).startsWith("Stage \"3 ") && row.statusText().startsWith("Deallocated after ")));
            // By default the list shows what may be leaking now, and says what it leaves out.
            Label hidden = lookup(window.stage(), "#hiddenLabel");
            AppFx.await("the default filter's note", START, () -> hidden.getText().equals("1 hidden: 1 deallocated"));
            assertTrue(AppFx.call(() -> rowFor(list, "3")).isEmpty(), "the retracted row is hidden");
            javafx.scene.control.Hyperlink showAll = lookup(window.stage(), "#showAllLink");
            AppFx.run(showAll::fire);

            List<String> titles = AppFx.call(() -> list.getItems().stream().map(row -> row.viewStack().get(0)).toList());
            assertEquals(2, titles.size(), "one row for pattern 1 and one for 3: " + titles);
            assertTrue(AppFx.call(() -> rowFor(list, "1b")).isEmpty(), "1b does not leak: " + titles);
            LeakRecord one = AppFx.call(() -> rowFor(list, "1")).orElseThrow();
            assertEquals("Leak", one.statusText());
            String retracted = AppFx.call(() -> rowFor(list, "3").orElseThrow().statusText());
            assertTrue(retracted.matches("Deallocated after \\d+\\.\\d s"), retracted);

            AppFx.run(() -> {
                list.requestFocus();
                list.getSelectionModel().clearAndSelect(list.getItems().indexOf(one));
            });
            AppFx.awaitPulse();
            BreadCrumbBar<String> crumbs = lookup(window.stage(), "#breadCrumbs");
            AppFx.await("breadcrumbs laid out", Duration.ofSeconds(10), () -> crumbTexts(crumbs).size() >= 3);
            assertEquals(List.of(PATTERN_1, "Scene", "BorderPane"), AppFx.call(() -> crumbTexts(crumbs)));
            AppFx.run(() -> crumbButtons(window.stage()).get(1).fire());
            Label crumbInfo = lookup(window.stage(), "#crumbInfo");
            assertTrue(AppFx.call(crumbInfo::getText).startsWith("A Scene, level 1 below the window"),
                    AppFx.call(crumbInfo::getText));
            assertEquals(3, (int) AppFx.call(() -> crumbTexts(crumbs).size()), "clicking a crumb keeps the whole stack");

            demo.close();
            Label banner = lookup(window.stage(), "#banner");
            AppFx.await("the banner", START, banner::isVisible);
            assertTrue(AppFx.call(banner::getText).contains("exited"), AppFx.call(banner::getText));
            assertEquals(2, (int) AppFx.call(() -> list.getItems().size()), "rows kept after the target died");

            Path file = window.session().file();
            List<String> liveRows = AppFx.call(() -> model.rows().stream().map(SessionWindowIT::describe).toList());
            AppFx.run(() -> StartController.openSessionFile(context, startStage, file));
            AppFx.await("the saved session's window", START, () -> context.openSessions().size() == 2);
            SessionWindow reopened = context.openSessions().get(1);
            TableView<LeakRecord> savedList = lookup(reopened.stage(), "#leakTable");
            javafx.scene.control.Hyperlink showAllSaved = lookup(reopened.stage(), "#showAllLink");
            AppFx.run(showAllSaved::fire);
            assertEquals(liveRows, AppFx.call(() -> savedList.getItems().stream().map(SessionWindowIT::describe).toList()));
            assertTrue(AppFx.call(() -> lookup(reopened.stage(), "#detachButton").isDisabled()), "saved sessions are read-only");
        }
    }

    /**
     * Retain Cycle on the rows of patterns 1 and 4, selected together: one heap dump, analysed, drawn as one graph.
     * For pattern 1 it has the static model (its class is the GC root), the listener, the controller and the
     * leaked Stage, and marks the reference to cut: the listener's registration. For pattern 4, the heartbeat's
     * executor and its view.
     */
    @Test
    void retainCycleOnPatterns1And4DrawsBothLeaksFromOneDumpWithTheReferencesToCut() throws Exception {
        try (TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of(), "--script", "1,4")) {
            TableView<LocalJvm> jvms = awaitInJvmList(demo);
            AppFx.run(() -> {
                jvms.getSelectionModel().clearAndSelect(indexOf(jvms, demo.pid()));
                ((Button) startStage.getScene().lookup("#attachButton")).fire();
            });
            AppFx.await("a session window", START, () -> !context.openSessions().isEmpty());
            SessionWindow window = context.openSessions().get(0);
            TableView<LeakRecord> list = lookup(window.stage(), "#leakTable");
            AppFx.await("patterns 1 and 4 reported", START, () -> rowFor(list, "1").isPresent() && rowFor(list, "4").isPresent());

            AppFx.run(() -> {
                list.getSelectionModel().clearSelection();
                list.getSelectionModel().select(rowFor(list, "4").orElseThrow());
                list.getSelectionModel().select(rowFor(list, "1").orElseThrow());
            });
            Button retainCycle = lookup(window.stage(), "#retainCycleButton");
            assertFalse(AppFx.call(retainCycle::isDisabled), "enabled for leaked rows of a live session");
            AppFx.run(retainCycle::fire);

            AppFx.await("the Retain Cycle graph", START, () -> retainGraph().map(graph -> graph.state() == RetainGraph.State.GRAPH)
                    .orElse(false));
            assertEquals(List.of("Retain Cycle \u2014 Stage and 1 more"), AppFx.call(() -> javafx.stage.Window.getWindows()
                    .stream().filter(w -> w instanceof Stage stage && stage.getTitle().startsWith("Retain Cycle"))
                    .map(w -> ((Stage) w).getTitle()).toList()), "one window, one dump, for both");
            RetainGraph graph = retainGraph().orElseThrow();
            List<String> classes = graph.nodes().stream().map(RetainGraph.Node::className).toList();
            assertTrue(classes.contains("dev.leakinspector.demo.AppModel"), "the static model: " + classes);
            assertTrue(classes.contains("com.sun.javafx.binding.ExpressionHelper$SingleChange"), "the listener list: " + classes);
            assertTrue(classes.contains("dev.leakinspector.demo.ModelListenerPattern$StatusController"), "the controller: " + classes);
            assertTrue(classes.contains("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue"), "pattern 4's work queue: " + classes);
            assertTrue(classes.contains("dev.leakinspector.demo.HeartbeatPattern$HeartbeatView"), "pattern 4's view: " + classes);
            assertEquals(List.of("javafx.stage.Stage", "javafx.stage.Stage"),
                    graph.leakedObjects().stream().map(RetainGraph.Node::className).toList());
            // The reference to remove is the listener's registration on the model's property; the
            // app-wide model and its property's internals are not leaking, so they are not marked.
            assertTrue(graph.edges().stream().anyMatch(edge -> edge.suspect()
                    && edge.reference().equals("ExpressionHelper$SingleChange.listener")), "the listener is marked: " + graph.edges());
            assertTrue(graph.edges().stream().noneMatch(edge -> edge.suspect() && edge.reference().equals("static AppModel.INSTANCE")),
                    "the static field holding the app-wide model is not: " + graph.edges());
        }
    }

    /** The graph shown by an open Retain Cycle window, if there is one. */
    private static Optional<RetainGraph> retainGraph() throws Exception {
        return AppFx.call(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof Stage stage && stage.getTitle() != null && stage.getTitle().startsWith("Retain Cycle"))
                .map(w -> w.getScene().getRoot().lookup(".retain-graph"))
                .filter(RetainGraphView.class::isInstance)
                .map(view -> ((RetainGraphView) view).getGraph())
                .filter(java.util.Objects::nonNull)
                .findFirst());
    }

    /** Try the Demo: the demo in its own JVM, attached with the demo's own watch rule, so pattern 11 leaks as labelled. */
    @Test
    void tryTheDemoStartsTheDemoInItsOwnJvmAndAttachesToIt() throws Exception {
        System.setProperty(StartController.DEMO_ARGS_PROPERTY, "--script 1,11");
        try {
            AppFx.run(() -> ((Button) startStage.getScene().lookup("#demoButton")).fire());
            AppFx.await("a session window on the demo", START, () -> !context.openSessions().isEmpty());
            SessionWindow window = context.openSessions().get(0);
            assertEquals(DemoProgram.NAME, window.session().model().target().displayName());
            assertTrue(window.session().model().target().pid() != ProcessHandle.current().pid());
            assertEquals(List.of(dev.leakinspector.demo.RuleWatchedSession.RULE), window.session().watchRules(),
                    "the demo's session carries the demo's rule");
            javafx.scene.control.ListView<?> rules = lookup(window.stage(), "#ruleList");
            assertEquals(List.of(dev.leakinspector.demo.RuleWatchedSession.RULE), AppFx.call(() -> List.copyOf(rules.getItems())));
            TableView<LeakRecord> list = lookup(window.stage(), "#leakTable");
            AppFx.await("pattern 1's report", START, () -> rowFor(list, "1").isPresent());
            AppFx.await("pattern 11's report, watched by the demo's rule", START, () -> list.getItems().stream()
                    .anyMatch(row -> row.trigger().equals("rule " + dev.leakinspector.demo.RuleWatchedSession.RULE)
                            && row.className().equals("dev.leakinspector.demo.RuleWatchedSession")));
        } finally {
            System.clearProperty(StartController.DEMO_ARGS_PROPERTY);
        }
        // closeEverything() closes the context, which stops the demo; the window is not needed for that.
    }

    @Test
    void aJdk21PlusTargetGetsTheDynamicAgentWarningExplainedAndAJdk17OneDoesNot() throws Exception {
        for (int feature : new int[] {17, 25}) {
            Path java = Jdks.find(feature).orElse(null);
            if (java == null) {
                continue;
            }
            try (TargetProcess demo = TargetProcess.startDemo(java, List.of())) {
                demo.awaitLineStartingWith("DEMO ready", START);
                int before = context.openSessions().size();
                AppFx.run(() -> start.attachTo(new LocalJvm(demo.pid(), "demo on JDK " + feature, "", true)));
                AppFx.await("the session window", START, () -> context.openSessions().size() == before + 1);
                SessionWindow window = context.openSessions().get(before);
                javafx.scene.control.Hyperlink warning = lookup(window.stage(), "#agentWarning");
                assertEquals(feature >= 21, (boolean) AppFx.call(warning::isVisible), "JDK " + feature);
                AppFx.run(() -> window.stage().close());
            }
        }
    }

    @Test
    void aFailedAttachSaysWhyInADialog() throws Exception {
        Process notJava = new ProcessBuilder("sleep", "60").start();
        try {
            AppFx.run(() -> start.attachTo(new LocalJvm(notJava.pid(), "sleep", "", true)));
            AppFx.await("an error dialog", START, () -> errorDialog().isPresent());
            String text = AppFx.call(() -> errorDialog().orElseThrow().getContentText());
            assertTrue(text.contains("is not a Java virtual machine"), text);
            assertTrue(context.openSessions().isEmpty());
        } finally {
            notJava.destroy();
        }
    }

    private static Optional<DialogPane> errorDialog() {
        return Window.getWindows().stream().filter(window -> window.getScene() != null)
                .map(window -> window.getScene().getRoot()).filter(DialogPane.class::isInstance)
                .map(DialogPane.class::cast).filter(pane -> pane.getStyleClass().contains("attach-error")).findFirst();
    }

    static String describe(LeakRecord row) {
        return row.watchId() + " " + row.statusText() + " " + row.className() + " " + row.viewStackText();
    }

    static Optional<LeakRecord> rowFor(TableView<LeakRecord> list, String pattern) {
        String prefix = "Stage \"" + pattern + " ";
        return list.getItems().stream().filter(row -> !row.viewStack().isEmpty() && row.viewStack().get(0).startsWith(prefix))
                .findFirst();
    }

    static List<String> crumbTexts(BreadCrumbBar<String> bar) {
        return bar.lookupAll(".button").stream().filter(Button.class::isInstance).map(node -> ((Button) node).getText())
                .toList();
    }

    static List<Button> crumbButtons(Stage stage) {
        return stage.getScene().lookup("#breadCrumbs").lookupAll(".button").stream().filter(Button.class::isInstance)
                .map(Button.class::cast).toList();
    }

    /** Once {@code demo} is ready, refreshes the start screen's JVM list and waits until it lists the demo. */
    private TableView<LocalJvm> awaitInJvmList(TargetProcess demo) throws Exception {
        demo.awaitLineStartingWith("DEMO ready", START);
        AppFx.run(() -> start.refresh());
        TableView<LocalJvm> jvms = lookup(startStage, "#jvmTable");
        AppFx.await("the demo in the JVM list", START,
                () -> jvms.getItems().stream().anyMatch(jvm -> jvm.pid() == demo.pid()));
        return jvms;
    }

    private static int indexOf(TableView<LocalJvm> table, long pid) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).pid() == pid) {
                return i;
            }
        }
        throw new AssertionError("pid " + pid + " is not in the list");
    }

    @SuppressWarnings("unchecked")
    static <T extends Node> T lookup(Stage stage, String selector) throws Exception {
        return (T) AppFx.call(() -> stage.getScene().lookup(selector));
    }
}
