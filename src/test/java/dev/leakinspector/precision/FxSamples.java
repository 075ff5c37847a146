package dev.leakinspector.precision;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Accordion;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.cell.PropertyValueFactory;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.CheckListView;
import org.controlsfx.control.Rating;
import org.controlsfx.control.RangeSlider;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.ToggleSwitch;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The samples of {@link SampleBrowserTarget}: what each page shows and what the script does on it.
 * Most are written the way sample browsers write them, a sample object that builds a plain pane; a few
 * pages are classes of their own. FX thread only.
 */
final class FxSamples {
    static final List<String> CATEGORIES = List.of("Controls", "Data", "Charts", "Windows", "ControlsFX");

    /** The static theme setting windows follow; lives as long as the program. */
    static final BooleanProperty DARK_THEME = new SimpleBooleanProperty(false);

    private FxSamples() {
    }

    /** One entry of the tree: a category, or a sample with its page. */
    interface Sample {
        String name();

        String category();

        /** Whether the browser keeps the page to show it again (most do); false builds it anew each time. */
        default boolean cached() {
            return true;
        }

        /** The page: a frame with the sample's title and its panel. */
        default Node buildPage() {
            Label title = new Label(name());
            title.getStyleClass().add("sample-title");
            BorderPane frame = new BorderPane(panel(), title, null, null, null);
            frame.setPadding(new Insets(8));
            return frame;
        }

        Node panel();

        /** What the script does once the page shows. */
        default void act() {
        }
    }

    /** A tree node that groups samples: never shown as a page. */
    record Category(String name) implements Sample {
        @Override
        public String category() {
            return name;
        }

        @Override
        public Node panel() {
            return new Label(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Sample> all(SampleBrowserTarget browser) {
        return List.of(
                new ButtonsSample(), new TextInputSample(), new ChoicesSample(), new ListSample(), new TableSample(),
                new TreeSample(), new LineChartSample(browser), new PieChartSample(), new TabsSample(),
                new DialogsSample(browser), new ExportSample(browser), new QuotesSample(), new ControlsFxSample(),
                new ProgressSample(), new AccordionSample(), new SearchSample(browser));
    }

    /** A sample with its name and category as a record would have them. */
    abstract static class NamedSample implements Sample {
        private final String name;
        private final String category;

        NamedSample(String name, String category) {
            this.name = name;
            this.category = category;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String category() {
            return category;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final class ButtonsSample extends NamedSample {
        private int clicks;

        ButtonsSample() {
            super("Buttons", "Controls");
        }

        @Override
        public Node panel() {
            Label count = new Label("0 clicks");
            Button press = new Button("Press me");
            press.setOnAction(e -> count.setText(++clicks + " clicks"));
            ToggleGroup group = new ToggleGroup();
            RadioButton one = new RadioButton("One");
            RadioButton two = new RadioButton("Two");
            one.setToggleGroup(group);
            two.setToggleGroup(group);
            return new VBox(8, press, count, new ToggleButton("Toggle"), new CheckBox("Check"), one, two);
        }
    }

    static final class TextInputSample extends NamedSample {
        TextInputSample() {
            super("Text input", "Controls");
        }

        @Override
        public Node panel() {
            GridPane grid = new GridPane();
            grid.setHgap(8);
            grid.setVgap(8);
            grid.addRow(0, new Label("Name"), new TextField("Ada"));
            grid.addRow(1, new Label("Password"), new PasswordField());
            grid.addRow(2, new Label("Notes"), new TextArea("Some notes\nover two lines"));
            return grid;
        }
    }

    static final class ChoicesSample extends NamedSample {
        private ComboBox<String> combo;

        ChoicesSample() {
            super("Choices", "Controls");
        }

        @Override
        public Node panel() {
            combo = new ComboBox<>(FXCollections.observableArrayList("Red", "Green", "Blue"));
            combo.setOnAction(e -> combo.setPromptText(combo.getValue()));
            return new VBox(8, combo, new DatePicker(), new ColorPicker(), new Slider(0, 100, 40));
        }

        @Override
        public void act() {
            // Open and close the combo's popup, as a user who picks nothing does.
            combo.show();
            SampleBrowserTarget.later(Duration.millis(100), combo::hide);
        }
    }

    static final class ListSample extends NamedSample {
        private ListView<String> list;

        ListSample() {
            super("List view", "Data");
        }

        @Override
        public Node panel() {
            list = new ListView<>(FXCollections.observableArrayList(IntStream.range(0, 500).mapToObj(i -> "Item " + i).toList()));
            return list;
        }

        @Override
        public void act() {
            list.scrollTo((int) (Math.random() * 480));
            list.getSelectionModel().select((int) (Math.random() * 480));
        }
    }

    /** A row of the table sample. */
    public static final class Person {
        private final String name;
        private final int age;

        Person(String name, int age) {
            this.name = name;
            this.age = age;
        }

        public String getName() {
            return name;
        }

        public int getAge() {
            return age;
        }
    }

    static final class TableSample extends NamedSample {
        private TableView<Person> table;

        TableSample() {
            super("Table view", "Data");
        }

        @Override
        public Node panel() {
            table = new TableView<>(FXCollections.observableArrayList(
                    IntStream.range(0, 300).mapToObj(i -> new Person("Person " + i, 20 + i % 50)).toList()));
            TableColumn<Person, String> name = new TableColumn<>("Name");
            name.setCellValueFactory(new PropertyValueFactory<>("name"));
            TableColumn<Person, Integer> age = new TableColumn<>("Age");
            age.setCellValueFactory(new PropertyValueFactory<>("age"));
            table.getColumns().add(name);
            table.getColumns().add(age);
            return table;
        }

        @Override
        public void act() {
            table.scrollTo((int) (Math.random() * 280));
        }
    }

    static final class TreeSample extends NamedSample {
        TreeSample() {
            super("Tree view", "Data");
        }

        @Override
        public Node panel() {
            TreeItem<String> root = new TreeItem<>("Files");
            root.setExpanded(true);
            for (int i = 0; i < 20; i++) {
                TreeItem<String> folder = new TreeItem<>("Folder " + i);
                IntStream.range(0, 5).forEach(j -> folder.getChildren().add(new TreeItem<>("File " + j)));
                root.getChildren().add(folder);
            }
            return new TreeView<>(root);
        }
    }

    static final class LineChartSample extends NamedSample {
        private final SampleBrowserTarget browser;

        LineChartSample(SampleBrowserTarget browser) {
            super("Line chart", "Charts");
            this.browser = browser;
        }

        @Override
        public Node panel() {
            Button detach = new Button("Detach chart");
            detach.setOnAction(e -> detach());
            return new VBox(8, lineChart(), detach);
        }

        /** Planted leak: a new chart window each time, whose chart follows the static theme and is never let go. */
        private void detach() {
            DetachedChartWindow window = new DetachedChartWindow();
            window.initOwner(browser.stage());
            browser.open(window);
            SampleBrowserTarget.later(Duration.millis(200), window::hide);
        }

        @Override
        public void act() {
            detach();
        }
    }

    static LineChart<Number, Number> lineChart() {
        LineChart<Number, Number> chart = new LineChart<>(new NumberAxis(), new NumberAxis());
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        IntStream.range(0, 20).forEach(i -> series.getData().add(new XYChart.Data<>(i, Math.sin(i / 3.0))));
        chart.getData().add(series);
        chart.setAnimated(false);
        return chart;
    }

    /** A chart in a window of its own. Planted leak: the chart listens on {@link #DARK_THEME} forever. */
    static final class DetachedChartWindow extends Stage {
        DetachedChartWindow() {
            LineChart<Number, Number> chart = lineChart();
            DARK_THEME.addListener((obs, was, dark) -> chart.setStyle(dark ? "-fx-background-color: black" : ""));
            setTitle("Detached chart");
            setScene(new Scene(new BorderPane(chart), 400, 300));
        }
    }

    static final class PieChartSample extends NamedSample {
        PieChartSample() {
            super("Pie chart", "Charts");
        }

        @Override
        public Node panel() {
            PieChart pie = new PieChart(FXCollections.observableArrayList(new PieChart.Data("Apples", 30),
                    new PieChart.Data("Pears", 20), new PieChart.Data("Plums", 50)));
            pie.setAnimated(false);
            return pie;
        }
    }

    /** Tabs that the user opens and closes: a closed tab's content is dropped. */
    static final class TabsSample extends NamedSample {
        private TabPane tabs;
        private int opened;

        TabsSample() {
            super("Tabs", "Controls");
        }

        @Override
        public Node panel() {
            tabs = new TabPane(new Tab("Overview", new Label("Overview")), new Tab("Details", new TextArea("Details")));
            return tabs;
        }

        @Override
        public void act() {
            opened++;
            tabs.getTabs().add(new Tab("Document " + opened, new VBox(new Label("Document " + opened), new TextArea())));
            tabs.getSelectionModel().selectLast();
            if (tabs.getTabs().size() > 4) {
                tabs.getTabs().remove(2); // the oldest document is closed
            }
        }
    }

    /** Alerts recreated on each open and cancelled, and a tool window that is hidden and shown again. */
    static final class DialogsSample extends NamedSample {
        private final SampleBrowserTarget browser;
        private Stage findWindow;

        DialogsSample(SampleBrowserTarget browser) {
            super("Dialogs", "Windows");
            this.browser = browser;
        }

        @Override
        public Node panel() {
            Button confirm = new Button("Confirm…");
            confirm.setOnAction(e -> browser.confirmAndCancel("Delete the selected files?"));
            Button find = new Button("Find…");
            find.setOnAction(e -> toggleFind());
            return new VBox(8, confirm, find);
        }

        private void toggleFind() {
            if (findWindow == null) {
                findWindow = new Stage();
                findWindow.setTitle("Find");
                findWindow.initOwner(browser.stage());
                findWindow.setScene(new Scene(new HBox(8, new Label("Find"), new TextField()), 300, 60));
                browser.open(findWindow);
                return;
            }
            // Hidden and shown again (within the agent's grace period): one window, reused.
            findWindow.hide();
            SampleBrowserTarget.later(Duration.millis(300), findWindow::show);
        }

        @Override
        public void act() {
            browser.confirmAndCancel("Delete the selected files?");
            toggleFind();
        }
    }

    /** Planted leak: every "Export…" builds a new dialog that adds itself to a static list and is only closed. */
    static final class ExportSample extends NamedSample {
        private final SampleBrowserTarget browser;

        ExportSample(SampleBrowserTarget browser) {
            super("Export", "Windows");
            this.browser = browser;
        }

        @Override
        public Node panel() {
            Button export = new Button("Export…");
            export.setOnAction(e -> exportAndCancel());
            return new VBox(8, new Label("Export the current document"), export);
        }

        private void exportAndCancel() {
            ExportDialog dialog = new ExportDialog();
            dialog.initOwner(browser.stage());
            browser.open(dialog);
            SampleBrowserTarget.later(Duration.millis(200), dialog::cancel);
        }

        @Override
        public void act() {
            exportAndCancel();
        }
    }

    /** An export dialog that registers itself with the exports in progress and is never removed. */
    static final class ExportDialog extends Stage {
        static final List<ExportDialog> OPEN_EXPORTS = new ArrayList<>();

        ExportDialog() {
            OPEN_EXPORTS.add(this);
            setTitle("Export");
            Button cancel = new Button("Cancel");
            cancel.setOnAction(e -> cancel());
            setScene(new Scene(new VBox(8, new Label("Format"), new ComboBox<>(FXCollections.observableArrayList("PDF", "CSV")),
                    cancel), 300, 150));
        }

        void cancel() {
            hide(); // forgets OPEN_EXPORTS.remove(this)
        }
    }

    /** Planted leak: not cached (the price must be live), rebuilt on every visit, listening on the market for good. */
    static final class QuotesSample extends NamedSample {
        QuotesSample() {
            super("Live quotes", "Data");
        }

        @Override
        public boolean cached() {
            return false;
        }

        @Override
        public Node buildPage() {
            return new QuotesPage();
        }

        @Override
        public Node panel() {
            return new QuotesPage();
        }
    }

    /** A page of its own class; its controller code adds a listener to the static market price and never removes it. */
    static final class QuotesPage extends BorderPane {
        QuotesPage() {
            Label price = new Label();
            ProgressBar trend = new ProgressBar(0.5);
            SampleBrowserTarget.MARKET_PRICE.addListener((obs, old, now) -> {
                price.setText(String.format("ACME %.2f", now.doubleValue()));
                trend.setProgress(now.doubleValue() % 1);
            });
            setTop(new Label("Live quotes"));
            setCenter(new VBox(8, price, trend));
            setPadding(new Insets(8));
        }
    }

    /**
     * Results rebuilt on every search; the search field, which the sample keeps, moves into each new
     * results pane, and the old pane is let go once its fade-out has run (3 s): collected, and its moved
     * field on screen all the while (LEAK-PATTERNS row 12 in a realistic setting).
     */
    static final class SearchSample extends NamedSample {
        private final SampleBrowserTarget browser;
        private final TextField query = new TextField("invoices");
        private final BorderPane results = new BorderPane();
        private int searches;

        SearchSample(SampleBrowserTarget browser) {
            super("Search", "Data");
            this.browser = browser;
        }

        @Override
        public Node panel() {
            results.setCenter(resultsPane());
            return results;
        }

        private VBox resultsPane() {
            searches++;
            ListView<String> hits = new ListView<>(FXCollections.observableArrayList(
                    IntStream.range(0, 30).mapToObj(i -> query.getText() + " hit " + i + " of search " + searches).toList()));
            return new VBox(8, query, hits);
        }

        @Override
        public void act() {
            Node old = results.getCenter();
            javafx.animation.FadeTransition fadeOut = new javafx.animation.FadeTransition(Duration.seconds(3), old);
            fadeOut.setToValue(0);
            fadeOut.play(); // holds the old pane until it has run
            VBox fresh = resultsPane(); // the query field moves out of the old pane into the new one
            results.setCenter(fresh);
            browser.showing().registerTree(fresh);
        }
    }

    static final class ControlsFxSample extends NamedSample {
        ControlsFxSample() {
            super("ControlsFX", "ControlsFX");
        }

        @Override
        public Node panel() {
            CheckListView<String> checks = new CheckListView<>(FXCollections.observableArrayList("Alpha", "Beta", "Gamma"));
            checks.getCheckModel().check(1);
            return new VBox(8, new ToggleSwitch("Wi-Fi"), new RangeSlider(0, 100, 20, 80), new Rating(5, 3),
                    new SegmentedButton(new ToggleButton("Day"), new ToggleButton("Week"), new ToggleButton("Month")), checks);
        }
    }

    static final class ProgressSample extends NamedSample {
        ProgressSample() {
            super("Progress", "Controls");
        }

        @Override
        public Node panel() {
            return new VBox(8, new ProgressBar(-1), new ProgressIndicator(-1), new ProgressIndicator(0.6));
        }
    }

    static final class AccordionSample extends NamedSample {
        private Accordion accordion;

        AccordionSample() {
            super("Accordion", "Controls");
        }

        @Override
        public Node panel() {
            accordion = new Accordion(new TitledPane("General", new Label("General settings")),
                    new TitledPane("Network", new TextField("proxy.example.com")), new TitledPane("Advanced", new CheckBox("Debug")));
            return accordion;
        }

        @Override
        public void act() {
            int next = (int) (Math.random() * accordion.getPanes().size());
            accordion.setExpandedPane(accordion.getPanes().get(next));
        }
    }
}
