package dev.leakinspector.app;

import dev.leakinspector.demo.RuleWatchedSession;
import dev.leakinspector.session.DemoProgram;
import dev.leakinspector.attach.LocalJvm;
import dev.leakinspector.attach.LocalJvms;
import dev.leakinspector.session.RecordedSession;
import dev.leakinspector.session.SessionFile;
import dev.leakinspector.session.SessionSettings;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Controller of {@code start.fxml}: lists the JVMs, filters them, and starts an attach, the demo or the
 * opening of a saved session, each off the JavaFX thread, ending in a session window or an error dialog.
 * FX thread only.
 */
public final class StartController {
    /** Demo arguments for "Try the demo", e.g. {@code --script all} (tests and screenshots use it). */
    static final String DEMO_ARGS_PROPERTY = "leakinspector.demoArgs";

    @FXML private TextField filterField;
    @FXML private Button refreshButton;
    @FXML private TableView<LocalJvm> jvmTable;
    @FXML private TableColumn<LocalJvm, Long> pidColumn;
    @FXML private TableColumn<LocalJvm, String> nameColumn;
    @FXML private TableColumn<LocalJvm, String> versionColumn;
    @FXML private TableColumn<LocalJvm, String> toolkitColumn;
    @FXML private TableColumn<LocalJvm, String> attachableColumn;
    @FXML private Label tablePlaceholder;
    @FXML private Button demoButton;
    @FXML private Button openButton;
    @FXML private Button attachButton;
    @FXML private ProgressIndicator progress;
    @FXML private Label progressLabel;

    private final ObservableList<LocalJvm> jvms = FXCollections.observableArrayList();
    private AppContext context;
    private Stage stage;

    @FXML
    private void initialize() {
        FilteredList<LocalJvm> filtered = new FilteredList<>(jvms);
        filterField.textProperty().addListener((obs, old, text) -> {
            filtered.setPredicate(jvm -> matches(jvm, text));
            if (!isBusy()) {
                progressLabel.setText(""); // what Enter said about the old filter no longer holds
            }
        });
        filterField.setOnAction(event -> {
            // Consumed: otherwise the key goes on to the default Attach button, which would attach at once.
            event.consume();
            attachFiltered();
        });
        SortedList<LocalJvm> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(jvmTable.comparatorProperty());
        jvmTable.setItems(sorted);

        pidColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().pid()));
        nameColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().isCurrentProcess()
                ? cell.getValue().displayName() + "  (Leak Inspector itself)" : cell.getValue().nameWithArguments()));
        nameColumn.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty ? null : name);
                // A long command line is cut in the cell; the tooltip has all of it.
                setTooltip(empty || name == null ? null : new Tooltip(name));
            }
        });
        versionColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(
                cell.getValue().javaVersion().isEmpty() ? "unknown" : cell.getValue().javaVersion()));
        toolkitColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().toolkitHint()));
        attachableColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().attachable() ? "yes" : "no"));
        jvmTable.setRowFactory(table -> {
            TableRow<LocalJvm> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    attachTo(row.getItem());
                }
            });
            return row;
        });
        attachButton.disableProperty().bind(jvmTable.getSelectionModel().selectedItemProperty().isNull());
    }

    void init(AppContext appContext, Stage window) {
        this.context = appContext;
        this.stage = window;
        refresh();
    }

    static boolean matches(LocalJvm jvm, String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String text = filter.strip().toLowerCase(Locale.ROOT);
        return Long.toString(jvm.pid()).contains(text) || jvm.nameWithArguments().toLowerCase(Locale.ROOT).contains(text);
    }

    @FXML
    void refresh() {
        refreshButton.setDisable(true);
        CompletableFuture.supplyAsync(LocalJvms::list, context.background()).whenComplete((list, failure) ->
                Platform.runLater(() -> {
                    refreshButton.setDisable(false);
                    if (failure != null) {
                        tablePlaceholder.setText("Could not list the Java programs: " + failure.getMessage());
                        return;
                    }
                    LocalJvm selected = jvmTable.getSelectionModel().getSelectedItem();
                    jvms.setAll(list);
                    tablePlaceholder.setText("No Java programs found. Start one, or click Try the Demo.");
                    if (selected != null) {
                        jvms.stream().filter(jvm -> jvm.pid() == selected.pid()).findFirst()
                                .ifPresent(jvm -> jvmTable.getSelectionModel().select(jvm));
                    }
                }));
    }

    /**
     * Enter in the filter: attaches to the one program it leaves; with several, attaches to the one selected
     * among them, or else selects the first and says how many match, so a second Enter attaches to it.
     */
    void attachFiltered() {
        List<LocalJvm> shown = List.copyOf(jvmTable.getItems());
        if (shown.isEmpty()) {
            progressLabel.setText("No Java program matches \"" + filterField.getText().strip() + "\".");
            return;
        }
        LocalJvm selected = jvmTable.getSelectionModel().getSelectedItem();
        if (shown.size() == 1 || (selected != null && shown.contains(selected))) {
            attachTo(shown.size() == 1 ? shown.get(0) : selected);
            return;
        }
        jvmTable.getSelectionModel().clearAndSelect(0);
        jvmTable.scrollTo(0);
        progressLabel.setText(shown.size() + " programs match; the first is selected: press Enter to attach to it,"
                + " or type more of the name.");
    }

    @FXML
    void attach() {
        LocalJvm jvm = jvmTable.getSelectionModel().getSelectedItem();
        if (jvm != null) {
            attachTo(jvm);
        }
    }

    void attachTo(LocalJvm jvm) {
        if (isBusy()) {
            return;
        }
        busy("Attaching to process " + jvm.pid() + "…");
        PulseBatcher batcher = new PulseBatcher();
        CompletableFuture.supplyAsync(() -> attachOrThrow(jvm.pid(), jvm.displayName(), batcher), context.background())
                .whenComplete((session, failure) -> Platform.runLater(() -> {
                    idle();
                    if (failure != null) {
                        AttachErrors.dialog(stage, jvm.pid(), jvm.displayName(), cause(failure)).show();
                    } else {
                        SessionWindow.open(context, session, batcher);
                    }
                }));
    }

    @FXML
    void tryDemo() {
        if (isBusy()) {
            return;
        }
        busy("Starting the demo program…");
        PulseBatcher batcher = new PulseBatcher();
        List<String> demoArgs = Arrays.stream(System.getProperty(DEMO_ARGS_PROPERTY, "").split("\\s+"))
                .filter(arg -> !arg.isBlank()).toList();
        CompletableFuture.supplyAsync(() -> {
            DemoProgram demo;
            try {
                demo = DemoProgram.start(demoArgs);
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
            Platform.runLater(() -> {
                context.demoStarted(demo);
                progressLabel.setText("Attaching to the demo (process " + demo.pid() + ")…");
            });
            return attachOrThrow(demo.pid(), DemoProgram.NAME, demoSettings(context.settings()), batcher);
        }, context.background()).whenComplete((session, failure) -> Platform.runLater(() -> {
            idle();
            if (failure != null) {
                AttachErrors.dialog(stage, 0, DemoProgram.NAME, cause(failure)).show();
            } else {
                SessionWindow.open(context, session, batcher);
                refresh();
            }
        }));
    }

    /** Asks which program to start (remembered for next time), starts it with the agent and opens its session. */
    @FXML
    void launch() {
        if (isBusy()) {
            return;
        }
        Launching.ask(context, stage, settings -> {
            if (isBusy()) {
                return;
            }
            busy("Starting " + settings.displayName() + "…");
            PulseBatcher batcher = new PulseBatcher();
            Launching.start(context, settings, batcher).whenComplete((session, failure) -> Platform.runLater(() -> {
                idle();
                if (failure != null) {
                    Launching.failed(stage, settings, cause(failure)).show();
                } else {
                    SessionWindow.open(context, session, batcher);
                    refresh();
                }
            }));
        });
    }

    /**
     * The demo's session: the user's settings plus the demo's own watch rule, without which its pattern 11
     * (a session object that no window holds) could never be reported, though its button says LEAK.
     */
    static SessionSettings demoSettings(SessionSettings settings) {
        if (settings.watchRules().contains(RuleWatchedSession.RULE)) {
            return settings;
        }
        List<String> rules = new java.util.ArrayList<>(settings.watchRules());
        rules.add(RuleWatchedSession.RULE);
        return settings.withWatchRules(rules);
    }

    private RecordedSession attachOrThrow(long pid, String name, PulseBatcher batcher) {
        return attachOrThrow(pid, name, context.settings(), batcher);
    }

    private RecordedSession attachOrThrow(long pid, String name, SessionSettings settings, PulseBatcher batcher) {
        try {
            return RecordedSession.attach(pid, name, settings, context.sessionDirectory(), batcher.scheduler());
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    @FXML
    void openSession() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a saved session");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Leak Inspector sessions",
                "*" + SessionFile.EXTENSION));
        Path directory = context.sessionDirectory();
        if (Files.isDirectory(directory)) {
            chooser.setInitialDirectory(directory.toFile());
        }
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            openSessionFile(context, stage, file.toPath());
        }
    }

    /** Reads a session file off the FX thread and opens it read-only, or explains why it cannot. */
    static void openSessionFile(AppContext context, Stage owner, Path file) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return RecordedSession.open(file);
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        }, context.background()).whenComplete((session, failure) -> Platform.runLater(() -> {
            if (failure != null) {
                javafx.scene.control.Alert alert = new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.ERROR, cause(failure).getMessage());
                alert.initOwner(owner);
                alert.setTitle("Cannot open the session");
                alert.setHeaderText("Leak Inspector could not open " + file.getFileName());
                alert.show();
            } else {
                SessionWindow.open(context, session, null);
            }
        }));
    }

    /** Opens a heap dump file and lists the UI objects in it that should be dead ({@link HeapDumpWindow}). */
    @FXML
    void openHeapDump() {
        HeapDumpWindow.choose(stage, context.background());
    }

    @FXML
    void quit() {
        Platform.exit();
    }

    private boolean isBusy() {
        return progress.isVisible();
    }

    private void busy(String what) {
        progress.setVisible(true);
        progress.setManaged(true);
        progressLabel.setText(what);
        demoButton.setDisable(true);
        attachButton.disableProperty().unbind();
        attachButton.setDisable(true);
    }

    private void idle() {
        progress.setVisible(false);
        progress.setManaged(false);
        progressLabel.setText("");
        demoButton.setDisable(false);
        attachButton.disableProperty().bind(jvmTable.getSelectionModel().selectedItemProperty().isNull());
    }

    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
