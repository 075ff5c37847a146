package dev.leakinspector.app;

import dev.leakinspector.session.LaunchSettings;

import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The start screen's "Launch…" dialog: which program to start with the agent (a jar or a main class, its class or
 * module path, its arguments, options for its JVM, another java launcher). Launch is refused, with the reason under
 * the fields, until {@link LaunchSettings#command()} accepts what was typed; the dialog's result is then those
 * settings. Opens filled in with what was launched last. FX thread only.
 */
final class LaunchDialog {
    static final ButtonType LAUNCH = new ButtonType("_Launch", ButtonBar.ButtonData.OK_DONE);

    private final Dialog<LaunchSettings> dialog = new Dialog<>();
    private final TextField program = field("launch-program", "app.jar, or com.acme.Main");
    private final TextField classPath = field("launch-class-path", "for a main class: build/classes" + File.pathSeparator + "lib/*");
    private final TextField modulePath = field("launch-module-path", "optional");
    private final TextField arguments = field("launch-arguments", "the program's own arguments, e.g. --open \"my file.txt\"");
    private final TextField jvmOptions = field("launch-jvm-options", "e.g. -Xmx1g -Dapp.mode=dev");
    private final TextField java = field("launch-java", "this Leak Inspector's java (JDK 17 or newer)");
    private final Label error = new Label();

    LaunchDialog(Window owner, LaunchSettings initial) {
        dialog.initOwner(owner);
        dialog.setTitle("Launch a program");
        dialog.setHeaderText("Start a Java program with Leak Inspector's agent from its first moment: no attaching,"
                + " so it works on any JDK 17+ and with -XX:+DisableAttachMechanism.");
        program.setText(initial.program());
        classPath.setText(initial.classPath());
        modulePath.setText(initial.modulePath());
        arguments.setText(initial.arguments());
        jvmOptions.setText(initial.jvmOptions());
        java.setText(initial.java());
        error.setId("launch-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #b3261e; -fx-font-weight: bold;");

        Button browse = new Button("_Browse…");
        browse.setOnAction(event -> chooseJar());
        HBox programRow = new HBox(6, program, browse);
        HBox.setHgrow(program, Priority.ALWAYS);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        row(grid, 0, "_Jar or main class", programRow, program);
        row(grid, 1, "_Class path", classPath, classPath);
        row(grid, 2, "_Module path", modulePath, modulePath);
        row(grid, 3, "_Arguments", arguments, arguments);
        row(grid, 4, "JVM _options", jvmOptions, jvmOptions);
        row(grid, 5, "Java _launcher", java, java);
        grid.add(error, 0, 6, 2, 1);
        grid.setPrefWidth(620);

        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(LAUNCH, ButtonType.CANCEL);
        Node launch = dialog.getDialogPane().lookupButton(LAUNCH);
        launch.setId("launch-button");
        launch.addEventFilter(ActionEvent.ACTION, event -> {
            if (!validate()) {
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == LAUNCH ? settings() : null);
        dialog.setOnShown(event -> program.requestFocus());
    }

    Dialog<LaunchSettings> dialog() {
        return dialog;
    }

    /** The fields as they are now. */
    LaunchSettings settings() {
        return new LaunchSettings(java.getText(), program.getText(), classPath.getText(), modulePath.getText(),
                arguments.getText(), jvmOptions.getText());
    }

    /** Whether the fields make a command; if not, says why under them. */
    boolean validate() {
        try {
            settings().command();
            error.setText("");
            return true;
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            return false;
        }
    }

    private void chooseJar() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("The program's jar");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Java archives", "*.jar"));
        Path current = Path.of(program.getText().isBlank() ? "." : program.getText()).toAbsolutePath();
        Path folder = Files.isDirectory(current) ? current : current.getParent();
        if (folder != null && Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        File file = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
        if (file != null) {
            program.setText(file.getAbsolutePath());
        }
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }

    private static void row(GridPane grid, int index, String label, Node content, Node labelFor) {
        Label name = new Label(label);
        name.setMnemonicParsing(true);
        name.setLabelFor(labelFor);
        grid.add(name, 0, index);
        grid.add(content, 1, index);
        GridPane.setHgrow(content, Priority.ALWAYS);
    }
}
