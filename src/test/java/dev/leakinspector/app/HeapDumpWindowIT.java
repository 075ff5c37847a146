package dev.leakinspector.app;

import dev.leakinspector.app.graph.RetainGraphView;
import dev.leakinspector.heap.UiLeak;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.TargetProcess;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Open Heap Dump… on a real dump (jcmd) of a JavaFX program that hid a window and kept it in a static list: the window
 * shows the indexing phase with a Cancel button, then the list with that window as a leak and its trace; Retain Cycle
 * opens its graph from the same dump; closing the window closes the graph and unmaps the dump. Cancel while indexing
 * closes the window and unmaps the dump too. The mapping is read from {@code /proc/self/maps} (Linux).
 */
class HeapDumpWindowIT {
    private static final Duration START = Duration.ofSeconds(60);

    @RegisterExtension
    static final AppFx.Toolkit TOOLKIT = AppFx.Toolkit.forIntegrationTests();

    @BeforeAll
    static void linux() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "finds the mapped dump in /proc/self/maps (Linux)");
    }

    @Test
    void listsTheKeptWindowOpensItsRetainCycleAndLetsTheDumpGo(@TempDir Path dir) throws Exception {
        Path dump = dumpOfALeakyProgram(dir);
        ExecutorService background = executor();
        try {
            Stage stage = AppFx.call(() -> HeapDumpWindow.open(null, background, dump));
            AppFx.await("the list of findings", START, () -> table(stage).isPresent());
            TableView<UiLeak> table = table(stage).orElseThrow();
            List<String> rows = AppFx.call(() -> table.getItems().stream()
                    .map(l -> l.status() + " " + l.displayName()).toList());
            assertTrue(rows.contains("LEAK Stage \"kept\""), rows.toString());
            String summary = AppFx.call(() -> ((Label) stage.getScene().getRoot().lookup("#uiLeakSummary")).getText());
            assertTrue(summary.startsWith("1 UI object that should be dead"), summary);
            AppFx.run(() -> table.getSelectionModel().select(rows.indexOf("LEAK Stage \"kept\"")));
            String trace = AppFx.call(() -> ((javafx.scene.control.TextArea) stage.getScene().getRoot()
                    .lookup("#uiLeakTrace")).getText());
            assertTrue(trace.contains("Path verdict: leak — kept in a collection a static field holds (static FxTarget.KEPT)"), trace);

            Button retainCycle = AppFx.call(() -> (Button) stage.getScene().getRoot().lookup("#retainCycleButton"));
            new FxRobot().clickOn(retainCycle);
            AppFx.await("the Retain Cycle graph", START, () -> RetainCycleWindows.graphView().isPresent());
            assertEquals("javafx.stage.Stage", leakedClassInTheGraph());
            assertTrue(isMapped(dump), "the dump stays open while its windows show");

            AppFx.run(stage::close);
            AppFx.await("the graph window closed with it", START, () -> RetainCycleWindows.graphView().isEmpty());
            awaitUnmapped(dump);
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void cancelWhileIndexingClosesTheWindowAndTheDump(@TempDir Path dir) throws Exception {
        Path dump = dumpOfALeakyProgram(dir);
        ExecutorService background = executor();
        try {
            AtomicReference<String> phase = new AtomicReference<>();
            // Cancel in the same FX task that opens the window: the indexing's result can only be shown by a later
            // FX task, so Cancel always lands while it still runs (a click could come after a small dump's index).
            Stage stage = AppFx.call(() -> {
                Stage s = HeapDumpWindow.open(null, background, dump);
                phase.set(((Label) s.getScene().getRoot().lookup("#openDumpPhase")).getText());
                ((Button) s.getScene().getRoot().lookup("#cancelOpenDump")).fire();
                return s;
            });
            assertTrue(phase.get().endsWith("…"), phase.get());
            AppFx.await("the window closed", START, () -> !stage.isShowing());
            awaitUnmapped(dump);
            assertTrue(Files.exists(dump), "the user's dump is never deleted");
        } finally {
            background.shutdownNow();
        }
    }

    private static Path dumpOfALeakyProgram(Path dir) throws Exception {
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        jvmArgs.add("-Xmx128m");
        Path dump = dir.resolve("leaky.hprof");
        try (TargetProcess target = TargetProcess.start(Jdks.current(), jvmArgs, "dev.leakinspector.testing.FxTarget")) {
            target.awaitLineStartingWith("READY", START);
            target.send("leak-window");
            target.awaitLineStartingWith("LEAKED", START);
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(target.pid()), "GC.heap_dump", dump.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jcmd finished");
            assertEquals(0, p.exitValue(), output);
        }
        return dump;
    }

    private static ExecutorService executor() {
        return Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "heap-dump-window-it");
            t.setDaemon(true);
            return t;
        });
    }

    /** In a method of its own, so that no local of the test keeps the view (and so the index) reachable. */
    private static String leakedClassInTheGraph() throws Exception {
        RetainGraphView view = RetainCycleWindows.graphView().orElseThrow();
        return AppFx.call(() -> view.getGraph().leakedObjects().get(0).className());
    }

    @SuppressWarnings("unchecked")
    private static Optional<TableView<UiLeak>> table(Stage stage) throws Exception {
        return AppFx.call(() -> Optional.ofNullable((TableView<UiLeak>) stage.getScene().getRoot().lookup("#uiLeakTable")));
    }


    private static boolean isMapped(Path dump) throws Exception {
        String name = dump.toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.endsWith(name));
    }

    /**
     * The index is closed (no descriptor of this JVM points at the dump), then, once nothing keeps the window, the
     * mapping goes with the garbage (Monocle keeps the last focused window until another takes the focus).
     */
    private static void awaitUnmapped(Path dump) throws Exception {
        String name = dump.toRealPath().toString();
        AppFx.await("the index closed", START, () -> openDescriptors(name) == 0);
        AppFx.refocusAnchor();
        long deadline = System.nanoTime() + START.toNanos();
        while (isMapped(dump)) {
            assertTrue(System.nanoTime() < deadline, "the dump is unmapped once the window closed");
            AppFx.awaitPulse();
            System.gc(); // a MappedByteBuffer is unmapped when it is collected
        }
    }

    private static long openDescriptors(String file) throws java.io.IOException {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(file);
                } catch (java.io.IOException gone) {
                    return false; // closed while we listed
                }
            }).count();
        }
    }
}
