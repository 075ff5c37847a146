package dev.leakinspector.app;

import dev.leakinspector.graph.NodeInspector;
import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.app.graph.RetainGraphView;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.testing.PatternOneLeak;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Retain Cycle window keeps its heap dump open while it is shown, and lets go of it when it closes: the demo's
 * pattern 1 in its own JVM, a window opened on its leak; a click on the controller shows its fields (the reference
 * to the leaked Stage marked) and its retained size, computed then; closing the window closes the dump's file,
 * deletes it with its private directory, and leaves the window, its view and its inspector collectable.
 * The dump is found where the process maps it ({@code /proc/self/maps}), so the test needs Linux.
 */
class RetainCycleWindowIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String CONTROLLER = "dev.leakinspector.demo.ModelListenerPattern$StatusController";

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forIntegrationTests();

    @BeforeAll
    static void linux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "finds the mapped dump in /proc/self/maps (Linux)");
    }

    @Test
    void showsFieldsAndRetainedSizesFromTheOpenDumpThenClosesAndDeletesIt() throws Exception {
        ExecutorService background = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "retain-cycle-window-it");
            t.setDaemon(true);
            return t;
        });
        List<dev.leakinspector.protocol.Message> conclusions = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PatternOneLeak pattern = PatternOneLeak.start(START)) {
            AppFx.run(() -> RetainCycleWindow.open(null, background, pattern.session(),
                    List.of(LeakRecord.of(pattern.leak())), conclusions::add));
            Used used = useAndClose(pattern.demo().pid());
            assertEquals(List.of(), conclusions, "a closed window is a leak already: nothing to refine");
            Path dump = used.dump();
            AppFx.await("the dump deleted", START, () -> !Files.exists(dump) && !Files.exists(dump.getParent()));
            assertEquals(List.of(), descriptorsOf(dump), "the dump's file is closed");
            List<WeakReference<Object>> refs = used.refs();
            AppFx.refocusAnchor();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (refs.stream().anyMatch(ref -> ref.get() != null) && System.nanoTime() < deadline) {
                AppFx.awaitPulse();
                System.gc();
            }
            List<String> names = List.of("window", "graph view", "inspector");
            for (int i = 0; i < refs.size(); i++) {
                assertTrue(refs.get(i).get() == null, "the closed Retain Cycle window's " + names.get(i) + " is still reachable");
            }
        } finally {
            background.shutdownNow();
        }
    }

    /** What a used and closed window leaves: weak references to its parts, and where its dump was. */
    private record Used(List<WeakReference<Object>> refs, Path dump) {
    }

    /**
     * Waits for the graph, clicks the controller, checks its fields and retained size, closes the window. Keeps
     * only weak references to the window's parts (a local variable here would keep them reachable).
     */
    private static Used useAndClose(long pid) throws Exception {
        AppFx.await("the Retain Cycle graph", START, () -> RetainCycleWindows.graphView()
                .map(v -> v.getGraph() != null && v.getGraph().state() == RetainGraph.State.GRAPH).orElse(false));
        RetainGraphView view = RetainCycleWindows.graphView().orElseThrow();
        Stage stage = AppFx.call(() -> (Stage) view.getScene().getWindow());
        Path dump = mappedDump(pid).orElseThrow(() -> new AssertionError("the open dump is mapped"));
        assertTrue(Files.exists(dump), dump.toString());
        assertFalse(descriptorsOf(dump).isEmpty(), "the dump's file is open while the window is");
        NodeInspector inspector = AppFx.call(view::getInspector);
        assertNotNull(inspector, "the window gives its view an inspector on the dump");

        RetainGraph.Node controller = AppFx.call(() -> view.getGraph().nodes().stream()
                .filter(n -> n.className().equals(CONTROLLER)).findFirst().orElseThrow());
        RetainGraph.Node window = AppFx.call(() -> view.getGraph().leakedObjects().get(0));
        Node box = AppFx.call(() -> view.lookup("#" + controller.key()));
        // the view opens at 100 % on the suspects and the leaked window: in a small window the controller may be
        // out of view, where a user would scroll to it
        AppFx.call(() -> view.reveal(controller.objectId()));
        new FxRobot().clickOn(box, MouseButton.PRIMARY);
        AppFx.await("the controller's retained size", START, () -> {
            Label size = (Label) view.lookup(".retained-size");
            return size != null && size.getText().matches("[0-9,]+ bytes.*");
        });
        AppFx.await("the controller's fields", START, () -> view.lookup(".node-fields") != null);
        List<String> rows = AppFx.call(() -> {
            TableView<?> fields = (TableView<?>) view.lookup(".node-fields");
            List<String> out = new ArrayList<>();
            for (int row = 0; row < fields.getItems().size(); row++) {
                out.add(fields.getColumns().get(0).getCellData(row) + " = " + fields.getColumns().get(1).getCellData(row));
            }
            return out;
        });
        assertTrue(rows.contains("stage = → Stage@0x" + Long.toHexString(window.objectId())),
                "the field holding the leaked window, marked as leading to it: " + rows);

        List<WeakReference<Object>> refs = List.of(new WeakReference<>(stage), new WeakReference<>(view),
                new WeakReference<>(inspector));
        AppFx.run(stage::close);
        // Headless Monocle's mouse remembers the window it was last over (MouseInput.state.window), TestFX the
        // window it last targeted (WindowFinderImpl.lastTargetWindow); both found with our own heap engine on a dump
        // of this test. Moving the mouse onto the long-lived anchor window makes both let go of the closed one.
        Node anchor = AppFx.call(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && AppFx.ANCHOR_TITLE.equals(s.getTitle()))
                .findFirst().orElseThrow().getScene().getRoot());
        new FxRobot().moveTo(anchor);
        return new Used(refs, dump);
    }


    /** The dump of process {@code pid} this JVM maps, from {@code /proc/self/maps}. */
    private static Optional<Path> mappedDump(long pid) throws IOException {
        String name = "leak-inspector-" + pid + "-";
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            int slash = line.indexOf('/');
            if (slash >= 0 && line.endsWith(".hprof") && line.contains(name)) {
                return Optional.of(Path.of(line.substring(slash)));
            }
        }
        return Optional.empty();
    }

    /** This JVM's open file descriptors on {@code file} (also once it is deleted: Linux then adds " (deleted)"). */
    private static List<String> descriptorsOf(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith(file.toString())) {
                        out.add(fd.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // closed while we listed
                }
            }
        }
        return out;
    }
}
