package dev.leakinspector.testing;

import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Accordion;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.cell.PropertyValueFactory;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.util.stream.IntStream;

/**
 * Puts a window full of standard JavaFX controls through what users do to them — scrolling
 * virtualised lists, closing tabs, opening and closing popups, editing text, expanding panes,
 * changing skins' state — in a window that stays showing, keeping nothing. Whatever the agent
 * reports afterwards is a false positive from a toolkit internal. FX thread only.
 */
final class ControlsWorkout {
    private ControlsWorkout() {
    }

    static void run() {
        ListView<String> list = new ListView<>(FXCollections.observableArrayList(
                IntStream.range(0, 2000).mapToObj(i -> "item " + i).toList()));
        TableView<Row> table = new TableView<>(FXCollections.observableArrayList(
                IntStream.range(0, 1000).mapToObj(i -> new Row("row " + i)).toList()));
        TableColumn<Row, String> column = new TableColumn<>("Name");
        column.setCellValueFactory(new PropertyValueFactory<>("name"));
        table.getColumns().add(column);
        TreeItem<String> rootItem = new TreeItem<>("root");
        IntStream.range(0, 300).forEach(i -> rootItem.getChildren().add(new TreeItem<>("leaf " + i)));
        rootItem.setExpanded(true);
        TreeView<String> tree = new TreeView<>(rootItem);
        TabPane tabs = new TabPane(new Tab("one", new Label("first")), new Tab("two", new TextArea("second")),
                new Tab("three", new Label("third")));
        ComboBox<String> combo = new ComboBox<>(FXCollections.observableArrayList("a", "b", "c"));
        ChoiceBox<String> choice = new ChoiceBox<>(FXCollections.observableArrayList("x", "y"));
        DatePicker date = new DatePicker();
        TextField text = new TextField();
        Spinner<Integer> spinner = new Spinner<>(0, 100, 5);
        ProgressIndicator progress = new ProgressIndicator();
        Accordion accordion = new Accordion(new TitledPane("first", new Label("1")), new TitledPane("second", new Label("2")));
        Button button = new Button("button");
        button.setTooltip(new Tooltip("a tooltip"));
        button.setContextMenu(new ContextMenu(new MenuItem("context")));
        MenuBar menus = new MenuBar(new Menu("File", null, new MenuItem("Open"), new MenuItem("Close")));
        FlowPane controls = new FlowPane(8, 8, combo, choice, date, text, spinner, progress, accordion, button,
                new ScrollPane(new Label("scrolled")));
        BorderPane root = new BorderPane(new FlowPane(list, table, tree, tabs), menus, null, controls, null);
        Stage stage = new Stage();
        stage.setTitle("controls");
        stage.setScene(new Scene(root, 900, 700));
        stage.show();

        list.scrollTo(1500);
        table.scrollTo(900);
        tree.scrollTo(250);
        tabs.getSelectionModel().select(1);
        tabs.getTabs().remove(2);
        combo.show();
        choice.show();
        date.show();
        text.setText("typed text");
        text.selectAll();
        text.deleteText(0, 3);
        spinner.increment(3);
        progress.setProgress(0.5);
        accordion.setExpandedPane(accordion.getPanes().get(1));
        accordion.setExpandedPane(accordion.getPanes().get(0));
        menus.getMenus().get(0).show();
        button.getContextMenu().show(button, 10, 10);
        PauseTransition settle = new PauseTransition(Duration.millis(300));
        settle.setOnFinished(e -> {
            combo.hide();
            choice.hide();
            date.hide();
            menus.getMenus().get(0).hide();
            button.getContextMenu().hide();
            list.scrollTo(0);
            table.scrollTo(0);
            tree.scrollTo(0);
            list.getItems().remove(0, 1000);
            rootItem.setExpanded(false);
            tabs.getTabs().remove(0);
            progress.setProgress(-1);
            System.out.println("EXERCISED");
            System.out.flush();
        });
        settle.play();
    }

    /** A table row. */
    public static final class Row {
        private final String name;

        Row(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }
    }
}
