package dev.leakinspector.agent.fx;

import dev.leakinspector.testing.TargetSide;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A JavaFX target for the verdict tests (leak or retained, accumulation, reuse, nothing on screen), driven by
 * lines on standard input; each command runs on the FX thread and answers one line. Windows stay showing
 * unless a command hides one. Commands:
 * <ul>
 *   <li>{@code await-agent}: {@code AGENT watching} once the agent's triggers are in place;</li>
 *   <li>{@code pile}: window "Pile" swaps its {@link PiledPage} for a new one and keeps the old one in a list
 *       that only grows (LEAK-PATTERNS row 6); {@code PILED <n>};</li>
 *   <li>{@code samples}: window "Samples" (a sample browser) swaps {@link SampleA} for {@link SampleB}, then
 *       for {@link SampleC}, keeping the last page of each class (a bounded cache); {@code SAMPLES};</li>
 *   <li>{@code cache-out} / {@code cache-in}: window "Cache" swaps its {@link CachedPage} out (kept in a field)
 *       and later back in (row 6c); {@code CACHED OUT} / {@code CACHED IN};</li>
 *   <li>{@code hide-kept} / {@code show-kept}: window "Kept", kept in a field, is hidden and later shown again;
 *       {@code KEPT HIDDEN} / {@code KEPT SHOWN};</li>
 *   <li>{@code move-children}: window "Moves" swaps its {@link OldView} for a {@link NewView} and moves the old
 *       view's button into the new one; a delayed call keeps the old view for 4 s (row 12);
 *       {@code MOVED}.</li>
 * </ul>
 */
public final class VerdictFxTarget {
    private static final List<PiledPage> PILE = new ArrayList<>();
    private static final Map<Class<?>, Object> LAST_PAGE_OF_EACH_SAMPLE = new HashMap<>();
    private static final Map<String, Stage> WINDOWS = new HashMap<>();
    private static CachedPage cached;
    private static Stage kept;

    private VerdictFxTarget() {
    }

    public static void main(String[] args) throws Exception {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> TargetSide.reply("UNCAUGHT " + thread.getName() + " " + error));
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(() -> {
            window("Pile", new PiledPage());
            window("Samples", new SampleA());
            cached = new CachedPage();
            window("Cache", cached);
            window("Moves", new OldView());
            kept = window("Kept", new Label("kept by a field"));
            started.countDown();
        });
        started.await();
        Platform.setImplicitExit(false);
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.strip();
            switch (command) {
                case "await-agent" -> TargetSide.reply("AGENT " + TargetSide.awaitAgentWatching());
                case "pile" -> Platform.runLater(VerdictFxTarget::pile);
                case "samples" -> Platform.runLater(VerdictFxTarget::samples);
                case "cache-out" -> Platform.runLater(() -> {
                    center("Cache").setCenter(new Label("another page"));
                    TargetSide.reply("CACHED OUT");
                });
                case "cache-in" -> Platform.runLater(() -> {
                    center("Cache").setCenter(cached);
                    TargetSide.reply("CACHED IN");
                });
                case "hide-kept" -> Platform.runLater(() -> {
                    kept.hide();
                    TargetSide.reply("KEPT HIDDEN");
                });
                case "show-kept" -> Platform.runLater(() -> {
                    kept.show();
                    TargetSide.reply("KEPT SHOWN");
                });
                case "move-children" -> Platform.runLater(VerdictFxTarget::moveChildren);
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }

    private static Stage window(String title, javafx.scene.Node page) {
        Stage stage = new Stage();
        stage.setTitle(title);
        stage.setScene(new Scene(new BorderPane(page), 300, 200));
        stage.show();
        WINDOWS.put(title, stage);
        return stage;
    }

    private static BorderPane center(String title) {
        return (BorderPane) WINDOWS.get(title).getScene().getRoot();
    }

    private static void pile() {
        BorderPane root = center("Pile");
        PILE.add((PiledPage) root.getCenter());
        root.setCenter(new PiledPage());
        TargetSide.reply("PILED " + PILE.size());
    }

    private static void samples() {
        BorderPane root = center("Samples");
        for (Object next : List.of(new SampleB(), new SampleC())) {
            Object old = root.getCenter();
            LAST_PAGE_OF_EACH_SAMPLE.put(old.getClass(), old);
            root.setCenter((javafx.scene.Node) next);
        }
        TargetSide.reply("SAMPLES");
    }

    private static void moveChildren() {
        BorderPane root = center("Moves");
        OldView old = (OldView) root.getCenter();
        NewView replacement = new NewView();
        root.setCenter(replacement);
        replacement.getChildren().add(old.button); // the old view's control lives on, on screen
        PauseTransition later = new PauseTransition(Duration.seconds(4));
        later.setOnFinished(e -> old.getChildren().clear()); // the delayed call keeps the old view until then
        later.play();
        TargetSide.reply("MOVED");
    }

    /** A page the "Pile" window builds anew each time and never lets go of. */
    static final class PiledPage extends VBox {
        PiledPage() {
            super(new Label("orders"), new Button("refresh"));
        }
    }

    static final class SampleA extends VBox {
        SampleA() {
            super(new Label("sample A"));
        }
    }

    static final class SampleB extends VBox {
        SampleB() {
            super(new Label("sample B"));
        }
    }

    static final class SampleC extends VBox {
        SampleC() {
            super(new Label("sample C"));
        }
    }

    static final class CachedPage extends VBox {
        CachedPage() {
            super(new Label("cached"));
        }
    }

    /** A view whose button is moved into its replacement when it is dropped. */
    static final class OldView extends VBox {
        final Button button = new Button("moved along");

        OldView() {
            super(new Label("old view"));
            getChildren().add(button);
        }
    }

    static final class NewView extends VBox {
        NewView() {
            super(new Label("new view"));
        }
    }
}
