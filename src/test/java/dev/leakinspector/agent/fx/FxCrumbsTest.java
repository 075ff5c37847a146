package dev.leakinspector.agent.fx;

import dev.leakinspector.precision.ProgramViews;
import dev.leakinspector.testing.FxThread;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** View-stack crumbs of JavaFX nodes, in a real (Monocle) window so that skins build their own nodes. */
class FxCrumbsTest {
    private static final Duration FX = Duration.ofSeconds(10);
    private static Stage stage;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
        stage = FxThread.call(FX, () -> {
            Stage window = new Stage();
            window.setTitle("Samples");
            window.setScene(new Scene(new BorderPane(), 400, 300));
            window.show();
            return window;
        });
    }

    @AfterAll
    static void closeWindow() throws Exception {
        FxThread.run(FX, () -> stage.hide());
    }

    @Test
    void twoPlainPagesInTwoTabsGetTwoStacksWithTheirTabTexts() throws Exception {
        List<List<String>> stacks = FxThread.call(FX, () -> {
            VBox buttons = new VBox(new Label("buttons"));
            VBox tables = new VBox(new Label("tables"));
            TabPane tabs = new TabPane(new Tab("Buttons", buttons), new Tab("Tables", tables));
            ((BorderPane) stage.getScene().getRoot()).setCenter(tabs);
            tabs.applyCss();
            tabs.layout();
            tabs.getSelectionModel().select(1);
            tabs.layout();
            return List.of(FxCrumbs.pathTo(buttons).crumbs(), FxCrumbs.pathTo(tables).crumbs(),
                    FxCrumbs.pathTo(buttons.getChildren().get(0)).crumbs());
        });

        List<String> buttons = stacks.get(0);
        List<String> tables = stacks.get(1);
        assertEquals("VBox \"Buttons\"", buttons.get(buttons.size() - 1), String.valueOf(buttons));
        assertEquals("VBox \"Tables\"", tables.get(tables.size() - 1), String.valueOf(tables));
        assertEquals("TabContentRegion \"Buttons\"", buttons.get(buttons.size() - 2),
                "the skin's region keeps the tab's text for a content that is replaced: " + buttons);
        assertEquals(List.of("Stage \"Samples\"", "Scene", "BorderPane", "TabPane"), buttons.subList(0, 4));
        assertNotEquals(stacks.get(2).subList(0, buttons.size()), tables, "a label inside a page carries its page's tab");
    }

    @Test
    void idsTheProgramsStyleClassesAndTitledPanesNameANode() throws Exception {
        List<String> crumbs = FxThread.call(FX, () -> {
            VBox form = new VBox();
            form.setId("form");
            VBox invoices = new VBox();
            invoices.getStyleClass().add("invoice-page");
            ListView<String> plainList = new ListView<>();
            ListView<String> styledList = new ListView<>();
            styledList.getStyleClass().add("recent-files");
            TextField plainField = new TextField();
            TitledPane details = new TitledPane("Details", new Label("x"));
            return List.of(FxCrumbs.node(form), FxCrumbs.node(invoices), FxCrumbs.node(plainList),
                    FxCrumbs.node(styledList), FxCrumbs.node(plainField), FxCrumbs.node(details));
        });

        assertEquals(List.of("VBox#form", "VBox.invoice-page", "ListView", "ListView.recent-files", "TextField",
                "TitledPane \"Details\""), crumbs);
    }

    @Test
    void aProgramsPageClassNamesItselfAndAPlainPaneIsNamedAfterTheClassWhoseHandlersItsControlsCarry() throws Exception {
        List<String> crumbs = FxThread.call(FX, () -> {
            VBox named = ProgramViews.buttonsSamplePanel();
            named.setId("buttons");
            return List.of(
                    FxCrumbs.node(ProgramViews.chartsPage()),
                    FxCrumbs.node(ProgramViews.buttonsSamplePanel()),
                    FxCrumbs.node(new VBox(new Button("no handler of the program"))),
                    FxCrumbs.node(ProgramViews.anonymousVBox()),
                    FxCrumbs.node(named));
        });

        assertEquals(List.of("ChartsPage", "ButtonsSample$VBox \"Buttons\"", "VBox", "ProgramViews$VBox", "VBox#buttons"), crumbs,
                "a plain pane's heading label titles it, unless the program named it");
    }

    @Test
    void onlyAPlainPanesFirstChildrenAreReadSoACrumbStaysCheap() throws Exception {
        String crumb = FxThread.call(FX, () -> {
            VBox wide = new VBox();
            for (int i = 0; i < 10_000; i++) {
                wide.getChildren().add(new Button("plain " + i));
            }
            VBox programs = ProgramViews.buttonsSamplePanel();
            Node late = programs.getChildren().get(1); // the button the program handles, moved to the end
            wide.getChildren().addAll(late, new Label("a heading far down"));
            return FxCrumbs.node(wide);
        });
        assertEquals("VBox", crumb);
    }

    @Test
    void aLongTitleIsCut() throws Exception {
        String crumb = FxThread.call(FX, () -> {
            Stage untitled = new Stage();
            untitled.setTitle("a very long title ".repeat(20));
            return FxCrumbs.window(untitled);
        });
        assertTrue(crumb.length() < 100, crumb);
    }
}
