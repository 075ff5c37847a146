package dev.leakinspector.precision;

import javafx.animation.Animation;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.RotateTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * A sample browser like the ones control libraries ship (not our demo): a tree of samples on the left,
 * the selected sample's page in the centre, built on first selection and kept in a cache to be shown
 * again, a header with an endless spinner, and a "View source" link that moves into each page shown.
 * Samples cover standard controls, charts, tabs, dialogs and ControlsFX controls (see {@link FxSamples}).
 *
 * <p>Planted leaks ({@link #PLANTED}): the live-quotes page is rebuilt on every visit and its controller
 * listens on a static market model for good; every "Export…" builds a new dialog that registers in a
 * static list of exports; every "Detach chart" opens a new chart window whose chart listens on a static
 * theme setting, and the window is closed. Everything else is a non-leak: cached pages (swapped out and
 * shown again), a tool window hidden and shown again, alerts recreated and dropped, closed tabs, the
 * moved link, the running spinner.
 *
 * <p>Runs headless on Monocle; driven by {@link PrecisionTargetSide}'s commands. FX thread for all UI.
 */
public final class SampleBrowserTarget implements PrecisionTargetSide.Program {
    /** The planted leaks: what the agent should report with verdict leak, and nothing else. */
    static final List<PlantedLeak> PLANTED = List.of(
            new PlantedLeak(FxSamples.QuotesPage.class.getName(),
                    "page rebuilt on every visit; its controller listens on a static market model and never stops"),
            new PlantedLeak(FxSamples.ExportDialog.class.getName(),
                    "a new export dialog on every open, added to a static list of exports and never removed"),
            new PlantedLeak(FxSamples.DetachedChartWindow.class.getName(),
                    "a closed chart window whose chart listens on a static theme setting"));
    /** How long the script shows each page before it acts on it and moves on. */
    static final Duration STEP = Duration.millis(400);

    /** The application-wide market model: a price that changes all the time. Static, as such models are. */
    static final DoubleProperty MARKET_PRICE = new SimpleDoubleProperty(100);

    private final ShownRegistry registry = new ShownRegistry();
    private final FxShowing showing = new FxShowing(registry);
    private final Map<String, Node> pageCache = new HashMap<>();
    private final List<TreeItem<FxSamples.Sample>> sampleItems = new ArrayList<>();
    private final StackPane slot = new StackPane();
    private final Hyperlink viewSource = new Hyperlink("View source");
    private Stage stage;
    private TreeView<FxSamples.Sample> tree;

    public static void main(String[] args) throws Exception {
        AtomicReference<SampleBrowserTarget> browser = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(() -> {
            browser.set(new SampleBrowserTarget()); // controls can be made once the toolkit runs
            browser.get().show();
            started.countDown();
        });
        started.await();
        Platform.setImplicitExit(false);
        PrecisionTargetSide.serve(browser.get());
    }

    private void show() {
        TreeItem<FxSamples.Sample> root = new TreeItem<>();
        for (String category : FxSamples.CATEGORIES) {
            TreeItem<FxSamples.Sample> group = new TreeItem<>(new FxSamples.Category(category));
            group.setExpanded(true);
            for (FxSamples.Sample sample : FxSamples.all(this)) {
                if (sample.category().equals(category)) {
                    TreeItem<FxSamples.Sample> item = new TreeItem<>(sample);
                    group.getChildren().add(item);
                    sampleItems.add(item);
                }
            }
            root.getChildren().add(group);
        }
        tree = new TreeView<>(root);
        tree.setShowRoot(false);
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && item.isLeaf()) {
                showSample(item.getValue());
            }
        });

        Rectangle spinner = new Rectangle(14, 14);
        RotateTransition spin = new RotateTransition(Duration.seconds(1), spinner);
        spin.setByAngle(360);
        spin.setInterpolator(Interpolator.LINEAR);
        spin.setCycleCount(Animation.INDEFINITE);
        spin.play();
        HBox header = new HBox(8, spinner, new Label("Sample Browser"));
        header.setPadding(new Insets(6));

        // The market ticks for as long as the program runs.
        Timeline ticks = new Timeline(new KeyFrame(Duration.millis(250),
                e -> MARKET_PRICE.set(MARKET_PRICE.get() + (Math.random() - 0.5))));
        ticks.setCycleCount(Animation.INDEFINITE);
        ticks.play();

        BorderPane layout = new BorderPane(slot, header, null, null, tree);
        stage = new Stage();
        stage.setTitle("Sample Browser");
        stage.setScene(new Scene(layout, 1000, 700));
        stage.show();
        showing.registerWindow(stage);
        viewSource.setOnAction(e -> viewSource.setVisited(true));
        showing.registerNode(viewSource);
        tree.getSelectionModel().select(sampleItems.get(0));
    }

    /** The browser's page of a sample: built on first selection and cached, unless the sample says not to. */
    private void showSample(FxSamples.Sample sample) {
        Node page = sample.cached() ? pageCache.get(sample.name()) : null;
        if (page == null) {
            page = sample.buildPage();
            showing.registerTree(page);
            if (sample.cached()) {
                pageCache.put(sample.name(), page);
            }
        }
        slot.getChildren().setAll(page);
        if (page instanceof BorderPane frame) {
            frame.setBottom(viewSource); // moved out of the previous page into this one
        }
    }

    /** Shows a window the program opens, registered so the benchmark can ask whether it shows. */
    void open(Window window) {
        showing.registerWindow(window);
        if (window instanceof Stage opened) {
            opened.show();
            if (opened.getScene() != null && opened.getScene().getRoot() != null) {
                showing.registerTree(opened.getScene().getRoot());
            }
        }
    }

    /** A standard alert, recreated on every open and cancelled: nothing keeps it. */
    void confirmAndCancel(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.show();
        Window window = alert.getDialogPane().getScene().getWindow();
        showing.registerWindow(window);
        later(Duration.millis(150), () -> alert.setResult(ButtonType.CANCEL));
    }

    Stage stage() {
        return stage;
    }

    FxShowing showing() {
        return showing;
    }

    static void later(Duration delay, Runnable action) {
        PauseTransition pause = new PauseTransition(delay);
        pause.setOnFinished(e -> action.run());
        pause.play();
    }

    @Override
    public void startScript(long seconds, LongConsumer onDone) {
        long endAt = System.currentTimeMillis() + seconds * 1000;
        step(0, endAt, onDone);
    }

    /** Selects sample {@code index}, lets it show, acts on it, and goes on to the next until the time is up. */
    private void step(int index, long endAt, LongConsumer onDone) {
        if (index % sampleItems.size() == 0 && System.currentTimeMillis() >= endAt) {
            onDone.accept(System.currentTimeMillis());
            return;
        }
        TreeItem<FxSamples.Sample> item = sampleItems.get(index % sampleItems.size());
        tree.getSelectionModel().select(item);
        later(STEP.divide(2), () -> {
            item.getValue().act();
            later(STEP.divide(2), () -> step(index + 1, endAt, onDone));
        });
    }

    @Override
    public Executor uiThread() {
        return Platform::runLater;
    }

    @Override
    public ShownRegistry registry() {
        return registry;
    }

    @Override
    public Predicate<Object> isDisplayed() {
        return FxShowing::isDisplayed;
    }
}
