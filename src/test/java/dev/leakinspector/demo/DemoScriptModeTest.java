package dev.leakinspector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Script mode in-process: nothing runs before the agent's property says {@code watching}; then the
 * patterns run in order and the stdout protocol reports each step, and {@code --exit-after-script} exits.
 */
class DemoScriptModeTest {
    private final StdoutLines stdout = new StdoutLines();
    private DemoLauncher launcher;

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @BeforeEach
    @AfterEach
    void clearAgentState() {
        System.clearProperty(AgentStateWatcher.PROPERTY);
    }

    @AfterEach
    void closeMainWindow() throws Exception {
        if (launcher != null) {
            FxTestSupport.onFx(() -> launcher.mainWindow().stage().close());
            FxTestSupport.refocusAnchor();
        }
    }

    @Test
    void scriptWaitsForTheAgentThenRunsEveryPatternInOrder() throws Exception {
        CountDownLatch exited = new CountDownLatch(1);
        DemoOptions options = DemoOptions.parse("--script", "1b,7,4b", "--exit-after-script=0.2");
        launcher = FxTestSupport.onFx(() -> {
            DemoLauncher started = new DemoLauncher(options, new DemoOutput(stdout.printStream()), exited::countDown);
            started.start();
            return started;
        });

        String ready = stdout.next();
        assertEquals("DEMO ready pid=" + ProcessHandle.current().pid(), ready);
        assertEquals(List.of(DemoMainWindow.TITLE), FxTestSupport.onFx(DemoScriptModeTest::showingTitles));

        // The only fixed wait here: proving that nothing happens needs some time in which it could have.
        // Ten polls of the agent property fit into it.
        assertNull(stdout.poll(10 * AgentStateWatcher.POLL_MILLIS), "the script must not start before the agent");
        assertEquals(List.of(DemoMainWindow.TITLE), FxTestSupport.onFx(DemoScriptModeTest::showingTitles));

        List<FxTestSupport.ClosedStage> scriptWindows = new CopyOnWriteArrayList<>();
        ListChangeListener<Window> recordOpened = change -> {
            while (change.next()) {
                change.getAddedSubList().stream()
                        .filter(w -> w instanceof Stage && scriptWindows.stream().noneMatch(seen -> seen.stage.get() == w))
                        .forEach(w -> scriptWindows.add(new FxTestSupport.ClosedStage((Stage) w)));
            }
        };
        FxTestSupport.onFx(() -> Window.getWindows().addListener(recordOpened));

        long attachedAt = System.currentTimeMillis();
        System.setProperty(AgentStateWatcher.PROPERTY, AgentStateWatcher.WATCHING);
        assertEquals("DEMO agent attached", stdout.next());
        long closed1b = timeOf(stdout.next(), "DEMO closed 1b ");
        long reshown7 = timeOf(stdout.next(), "DEMO reshown 7 ");
        long closed7 = timeOf(stdout.next(), "DEMO closed 7 ");
        long closed4b = timeOf(stdout.next(), "DEMO closed 4b ");
        long done = timeOf(stdout.next(), "DEMO script done ");

        assertTrue(attachedAt <= closed1b && closed1b <= reshown7 && reshown7 <= closed7 && closed7 <= closed4b
                && closed4b <= done, "events out of order");
        assertTrue(closed1b - attachedAt >= DemoScript.SHOW_FOR.toMillis() - 50,
                "1b was closed " + (closed1b - attachedAt) + " ms after the agent attached; it should show ~300 ms");
        assertTrue(closed7 - reshown7 >= ReusedDialogPattern.SHOWN_AGAIN_FOR.toMillis() - 50,
                "7 should stay up after it is re-shown, then close");
        assertTrue(exited.await(FxTestSupport.FX_TIMEOUT_SECONDS, TimeUnit.SECONDS), "--exit-after-script did not exit");
        assertEquals(List.of(DemoMainWindow.TITLE), FxTestSupport.onFx(DemoScriptModeTest::showingTitles),
                "only the main window stays open after the script");
        assertNull(stdout.poll(0), "no further protocol lines");

        // The script keeps none of its windows: all three patterns are NONE patterns.
        FxTestSupport.onFx(() -> Window.getWindows().removeListener(recordOpened));
        assertEquals(3, scriptWindows.size(), "one window per pattern (7 is one window shown twice)");
        for (FxTestSupport.ClosedStage window : scriptWindows) {
            assertTrue(window.collectedWithin(Duration.ofSeconds(5)), "the script must not keep its windows: " + window.title);
        }
        List<String> humanLines = stdout.humanLines();
        assertTrue(humanLines.stream().anyMatch(line -> line.startsWith("demo: waiting for Leak Inspector's agent")),
                "the launcher tells the person what it waits for: " + humanLines);
        assertTrue(humanLines.stream().noneMatch(line -> line.startsWith("DEMO")),
                "human-readable lines must not start with \"DEMO \": " + humanLines);
    }

    @Test
    void interactiveModeReportsTheAgentButRunsNothing() throws Exception {
        CountDownLatch exited = new CountDownLatch(1);
        launcher = FxTestSupport.onFx(() -> {
            DemoLauncher started = new DemoLauncher(DemoOptions.parse(), new DemoOutput(stdout.printStream()),
                    exited::countDown);
            started.start();
            return started;
        });
        assertTrue(stdout.next().startsWith("DEMO ready pid="));
        System.setProperty(AgentStateWatcher.PROPERTY, AgentStateWatcher.WATCHING);
        assertEquals("DEMO agent attached", stdout.next());
        assertEquals(List.of(DemoMainWindow.TITLE), FxTestSupport.onFx(DemoScriptModeTest::showingTitles));

        // Each button opens its pattern; closing it prints the protocol line like a scripted close.
        FxTestSupport.onFx(() -> patternButton("4b").fire());
        assertEquals(List.of(DemoMainWindow.TITLE, "4b Background task cancelled"),
                FxTestSupport.onFx(DemoScriptModeTest::showingTitles));
        FxTestSupport.onFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage && ((Stage) w).getTitle().startsWith("4b "))
                .findFirst().orElseThrow().hide());
        assertTrue(stdout.next().startsWith("DEMO closed 4b "));

        FxTestSupport.onFx(() -> launcher.mainWindow().stage().close());
        assertTrue(exited.await(FxTestSupport.FX_TIMEOUT_SECONDS, TimeUnit.SECONDS), "closing the main window ends the demo");
        launcher = null;
    }

    @Test
    void scriptClicksAPatternsStepsInOrderWithTheirPausesThenCloses() throws Exception {
        CountDownLatch exited = new CountDownLatch(1);
        DemoOptions options = DemoOptions.parse("--script", "6c", "--exit-after-script=0.2");
        launcher = FxTestSupport.onFx(() -> {
            DemoLauncher started = new DemoLauncher(options, new DemoOutput(stdout.printStream()), exited::countDown);
            started.start();
            return started;
        });
        assertTrue(stdout.next().startsWith("DEMO ready pid="));
        System.setProperty(AgentStateWatcher.PROPERTY, AgentStateWatcher.WATCHING);
        assertEquals("DEMO agent attached", stdout.next());
        long basket = timeOf(stdout.next(), "DEMO step 6c show-basket ");
        long productsAgain = timeOf(stdout.next(), "DEMO step 6c show-products-again ");
        long closed = timeOf(stdout.next(), "DEMO closed 6c ");
        timeOf(stdout.next(), "DEMO script done ");

        assertTrue(productsAgain - basket >= DemoPattern.AFTER_REPORT.toMillis() - 50,
                "the page is shown again only after the agent could report it: " + (productsAgain - basket) + " ms");
        assertTrue(closed - productsAgain >= ReusingPageCachePattern.SHOWN_AGAIN_FOR.toMillis() - 50,
                "the page shows again for a while before the close");
        assertTrue(exited.await(FxTestSupport.FX_TIMEOUT_SECONDS, TimeUnit.SECONDS), "--exit-after-script did not exit");
    }

    private Button patternButton(String id) {
        return launcher.mainWindow().stage().getScene().getRoot().lookupAll(".button").stream()
                .map(Button.class::cast)
                .filter(b -> b.getText().startsWith(id + " "))
                .findFirst().orElseThrow();
    }

    /** The demo's own showing windows; other tests in this JVM may leave theirs (TestFX's, an anchor). */
    private static List<String> showingTitles() {
        return Window.getWindows().stream()
                .filter(w -> w instanceof Stage)
                .map(w -> ((Stage) w).getTitle())
                .filter(t -> t != null && (t.equals(DemoMainWindow.TITLE) || DemoPatterns.all().stream()
                        .anyMatch(pattern -> pattern.title().equals(t))))
                .collect(Collectors.toList());
    }

    private static long timeOf(String line, String prefix) {
        assertTrue(line != null && line.startsWith(prefix), "expected \"" + prefix + "<millis>\", got " + line);
        return Long.parseLong(line.substring(prefix.length()));
    }

    /** Captures what the demo prints, line by line, so the test can wait for each protocol line. */
    private static final class StdoutLines extends OutputStream {
        private final BlockingQueue<String> protocol = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private final List<String> human = new CopyOnWriteArrayList<>();

        PrintStream printStream() {
            return new PrintStream(this, true, StandardCharsets.UTF_8);
        }

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                current.write(b);
                return;
            }
            String line = current.toString(StandardCharsets.UTF_8);
            current.reset();
            if (line.startsWith("DEMO ")) {
                protocol.add(line);
            } else {
                human.add(line);
            }
        }

        String next() throws InterruptedException {
            return protocol.poll(FX_TIMEOUT, TimeUnit.SECONDS);
        }

        String poll(long millis) throws InterruptedException {
            return protocol.poll(millis, TimeUnit.MILLISECONDS);
        }

        List<String> humanLines() {
            return List.copyOf(human);
        }

        private static final long FX_TIMEOUT = FxTestSupport.FX_TIMEOUT_SECONDS;
    }

    @Test
    void protocolLinesAreExactlyAsDocumented() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoOutput output = new DemoOutput(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        output.ready(42);
        output.agentAttached();
        output.closed("1b", 1000);
        output.reshown("7", 2000);
        output.step("6", "swap-1", 2500);
        output.scriptDone(3000);
        assertEquals("DEMO ready pid=42\nDEMO agent attached\nDEMO closed 1b 1000\nDEMO reshown 7 2000\n"
                + "DEMO step 6 swap-1 2500\nDEMO script done 3000\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
