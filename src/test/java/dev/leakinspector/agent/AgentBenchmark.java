package dev.leakinspector.agent;

import dev.leakinspector.agent.fx.FxWindowTrigger;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.TargetProcess;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures what the agent costs the target, and how fast a leak reaches the user (issue 2's
 * benchmark; a runnable main, not a test). Prints medians; timings on a shared 2-core machine are
 * noisy, so compare ratios and medians, not single runs.
 *
 * <ol>
 *   <li>UI-thread cost of watching: {@code Stage.hide()} of a window with N nodes, on the FX
 *       thread, with our JavaFX trigger installed and without; the difference per watched object.</li>
 *   <li>UI-thread stall while 10,000 nodes are removed from a showing window (100 per frame) and
 *       kept, so that every one is reported: the longest frame gap (GC pauses included) and the
 *       longest time spent removing in one frame, without and with the agent, in a separate
 *       target JVM (the agent attached for real, our side reading), after an unmeasured round of
 *       1,000 that warms the target's own removal code for both.</li>
 *   <li>{@link Watcher#watch} alone, per call, on a plain thread: the watch throughput.</li>
 *   <li>Memory per watched object: heap after GC with N objects, then with N watches on them.</li>
 *   <li>Trigger-to-event latency at the command line: the demo (its own JVM) closes leaking windows,
 *       {@code java -jar target/leak-inspector.jar attach --json} prints them; received minus closed.</li>
 * </ol>
 *
 * Run:
 * <pre>
 * ./mvnw -q -ntp package -DskipTests org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/test-cp.txt) dev.leakinspector.agent.AgentBenchmark
 * </pre>
 * {@code --frames-only} runs only the frame figure (2.); {@code --target-jvm-arg A} adds {@code A} to that
 * target's command line (repeatable), e.g. {@code -Xlog:gc*,safepoint:file=/tmp/gc-%p.log:uptime} to line its
 * pauses up with the worst frame the target names, or {@code -Dleakinspector.framesFile=/tmp/frames/f} for every
 * frame's start and work, and each removal's time in the first three frames (the FX target's {@code FrameTimes}).
 */
public final class AgentBenchmark {
    private static final int WINDOW_NODES = 10_000;
    private static final int HIDE_ROUNDS = 15;
    private static final int MEMORY_WATCHES = 200_000;
    private static final int STALL_RUNS = 5;

    private AgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);

        List<String> options = List.of(args);
        List<String> targetJvmArgs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--target-jvm-arg")) {
                targetJvmArgs.add(args[i + 1]); // e.g. -Xlog:gc*,safepoint:file=/tmp/gc-%p.log:uptime
            }
        }
        if (options.contains("--frames-only")) {
            stallWhileRemovingNodes(targetJvmArgs);
            Platform.exit();
            System.exit(0);
        }
        uiThreadCostOfWatchingAHiddenWindow();
        uiThreadCostOfRemovingNodes();
        stallWhileRemovingNodes(targetJvmArgs);
        costOfOneWatchCall();
        memoryPerWatch();
        memoryPerWatchOfATree();
        latencyAtTheCommandLine();
        Platform.exit();
        System.exit(0);
    }

    private static void uiThreadCostOfWatchingAHiddenWindow() throws Exception {
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        // Paired and alternating, so that the load of a shared machine weighs on both alike.
        for (int round = 0; round < HIDE_ROUNDS; round++) {
            without.add(onFxThread(AgentBenchmark::showAndTimeHide));
            Watcher watcher = new Watcher(60_000, new GcRequester(false), message -> { });
            watcher.start();
            FxWindowTrigger trigger = new FxWindowTrigger(watcher);
            CountDownLatch installed = new CountDownLatch(1);
            trigger.install(installed::countDown);
            installed.await();
            with.add(onFxThread(AgentBenchmark::showAndTimeHide));
            trigger.close(); // its listener is removed by a runLater queued before the next round's
            watcher.stop();
        }
        long medianWithout = median(without);
        long medianWith = median(with);
        int watched = WINDOW_NODES + 4; // stage, scene, root, box and the labels
        System.out.printf("UI thread, Stage.hide() of a window with %,d nodes: %.2f ms without the agent, %.2f ms with it (median of %d)%n",
                WINDOW_NODES, medianWithout / 1e6, medianWith / 1e6, HIDE_ROUNDS);
        System.out.printf("  => the agent adds %.2f ms to that hide, %.0f ns per watched object on the UI thread%n",
                (medianWith - medianWithout) / 1e6, (double) (medianWith - medianWithout) / watched);
    }

    /**
     * The agent's own work in a frame of removals: 100 kept labels removed in one FX event, with the detach trigger
     * installed and without, paired in this JVM (the separate-JVM figure below also counts GC pauses that land in
     * the frame, the agent's forced GCs among them).
     */
    private static void uiThreadCostOfRemovingNodes() throws Exception {
        List<Watcher> watchers = new ArrayList<>();
        List<long[]> rounds = dev.leakinspector.agent.fx.DetachTriggerCost.measure(21, () -> {
            Watcher watcher = new Watcher(60_000, new GcRequester(false), message -> { });
            watcher.start();
            watchers.add(watcher);
            return watcher;
        });
        watchers.forEach(Watcher::stop);
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        List<Long> added = new ArrayList<>();
        for (long[] round : rounds) {
            without.add(round[0]);
            with.add(round[1]);
            added.add(round[1] - round[0]);
        }
        System.out.printf("UI thread, removing 100 kept nodes in one frame: %.3f ms without the agent, %.3f ms with its detach trigger (medians of %d paired rounds): the agent adds %.3f ms%n",
                median(without) / 1e6, median(with) / 1e6, rounds.size(), median(added) / 1e6);
    }

    /** Shows a fresh window of {@link #WINDOW_NODES} labels, then times its hide(). FX thread. */
    private static long showAndTimeHide() {
        VBox box = new VBox();
        for (int i = 0; i < WINDOW_NODES; i++) {
            box.getChildren().add(new Label("row " + i));
        }
        Stage stage = new Stage();
        stage.setTitle("benchmark");
        stage.setScene(new Scene(new BorderPane(box), 200, 200));
        stage.show();
        long start = System.nanoTime();
        stage.hide();
        return System.nanoTime() - start;
    }

    private static long onFxThread(java.util.concurrent.Callable<Long> work) throws Exception {
        CompletableFuture<Long> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    /**
     * @param extraJvmArgs added to the target's command line, e.g. a GC log to see whether a pause overlapped
     *     the worst frame (the target prints that frame's start in JVM uptime)
     */
    private static void stallWhileRemovingNodes(List<String> extraJvmArgs) throws Exception {
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        jvmArgs.add("-Xmx512m");
        jvmArgs.addAll(extraJvmArgs);
        List<Long> workWithout = new ArrayList<>();
        List<Long> workWith = new ArrayList<>();
        for (int run = 0; run < STALL_RUNS; run++) {
            try (TargetProcess target = TargetProcess.start(Jdks.current(), jvmArgs, dev.leakinspector.testing.FxTarget.class.getName())) {
                target.awaitLineStartingWith("READY", Duration.ofSeconds(60));
                // First a short unmeasured round: the target's own removal code is then loaded and warm in both
                // measured rounds, so that its first frame (class loading, interpreter) is not counted against
                // either. The agent's own first-time work still counts: it happens in the round with the agent.
                target.send("remove-nodes 1000");
                removedLine(target, 1);
                target.send("remove-nodes 10000");
                String without = removedLine(target, 2);
                dev.leakinspector.testing.RecordingListener events = new dev.leakinspector.testing.RecordingListener();
                dev.leakinspector.session.LiveSession session = dev.leakinspector.session.LiveSession.attach(target.pid(),
                        dev.leakinspector.session.SessionSettings.defaults(), events);
                events.await(dev.leakinspector.protocol.Stats.class, stats -> true, Duration.ofSeconds(30));
                target.send("remove-nodes 10000");
                String with = removedLine(target, 3);
                long started = System.nanoTime();
                events.await(dev.leakinspector.protocol.Stats.class, stats -> stats.reportedLeaks() >= 10_000, Duration.ofSeconds(120));
                System.out.printf("Removing 10,000 kept nodes, run %d (target pid %d): without agent %s | with agent %s | all 10,000 reported %.1f s after the last removal%n",
                        run + 1, target.pid(), without.substring(8), with.substring(8), (System.nanoTime() - started) / 1e9);
                workWithout.add(microsOf(without, "maxPulseWorkMs"));
                workWith.add(microsOf(with, "maxPulseWorkMs"));
                session.detach("benchmark done");
            }
        }
        System.out.printf("  => worst frame's work removing 10,000 kept nodes, 100 per frame: %.2f ms without the agent, %.2f ms with it (medians of %d runs): the agent adds %.2f ms%n",
                median(workWithout) / 1e3, median(workWith) / 1e3, STALL_RUNS, (median(workWith) - median(workWithout)) / 1e3);
    }

    /** The target's {@code n}-th REMOVED line, once it has printed it. */
    private static String removedLine(TargetProcess target, int n) throws InterruptedException {
        int[] seen = {0}; // awaitLine tests each line once, in order
        return target.awaitLine(line -> line.startsWith("REMOVED") && ++seen[0] == n, Duration.ofSeconds(120));
    }

    /** A {@code name=12.34} figure of a target's line, in microseconds. */
    private static long microsOf(String line, String name) {
        String value = line.replaceAll(".*" + name + "=([0-9.]+).*", "$1");
        return Math.round(Double.parseDouble(value) * 1000);
    }

    private static void costOfOneWatchCall() {
        List<Long> perCall = new ArrayList<>();
        ViewStack stack = ViewStack.of("Stage \"benchmark\"").then("Scene");
        Object[] objects = new Object[100_000];
        for (int i = 0; i < objects.length; i++) {
            objects[i] = new Object();
        }
        for (int round = 0; round < 9; round++) {
            Watcher watcher = new Watcher(60_000, new GcRequester(false), message -> { });
            watcher.start();
            long start = System.nanoTime();
            long parent = WatchSink.NOT_WATCHED;
            for (Object object : objects) {
                long id = watcher.watch(object, "window hidden", stack.then("Label"), parent);
                parent = parent == WatchSink.NOT_WATCHED ? id : parent;
            }
            perCall.add((System.nanoTime() - start) / objects.length);
            watcher.stop();
        }
        System.out.printf("Watcher.watch(), incl. its view-stack crumb: %d ns per call (median of 9 rounds of %,d), i.e. %,d watches/s on one thread%n",
                median(perCall), objects.length, 1_000_000_000L / Math.max(1, median(perCall)));
    }

    private static void memoryPerWatch() {
        Watcher watcher = new Watcher(600_000, new GcRequester(false), message -> { });
        watcher.start();
        ViewStack stack = ViewStack.of("Stage \"benchmark\"").then("Scene");
        Object[] objects = new Object[MEMORY_WATCHES];
        for (int i = 0; i < objects.length; i++) {
            objects[i] = new Object();
        }
        String[] crumbs = new String[MEMORY_WATCHES];
        for (int i = 0; i < crumbs.length; i++) {
            crumbs[i] = "Label#row" + i; // the crumb a real node would have; counted with the objects
        }
        long before = usedHeapAfterGc();
        long parent = WatchSink.NOT_WATCHED;
        for (int i = 0; i < objects.length; i++) {
            long id = watcher.watch(objects[i], "window hidden", stack.then(crumbs[i]), parent);
            parent = parent == WatchSink.NOT_WATCHED ? id : parent;
        }
        // Let the watcher move arrivals into its schedule, as it does in the target.
        while (!watcher.arrivalsTaken()) {
            Thread.onSpinWait();
        }
        long after = usedHeapAfterGc();
        System.out.printf("Memory per watched object (weak reference, bookkeeping, view-stack link): %d bytes (%,d watches)%n",
                (after - before) / MEMORY_WATCHES, watcher.liveWatches());
        watcher.stop();
        if (objects.length + crumbs.length == 0) {
            throw new AssertionError(); // keeps both arrays reachable until here
        }
    }

    /** The same, for watches made the way a closed window's nodes are: one tree capture ({@link Watcher#watchTree}). */
    private static void memoryPerWatchOfATree() {
        Watcher watcher = new Watcher(600_000, new GcRequester(false), message -> { });
        watcher.start();
        Object[][] nodes = new Object[MEMORY_WATCHES][]; // leaves: a node is its (empty) array of children
        Object[] top = new Object[MEMORY_WATCHES];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new Object[0];
            top[i] = nodes[i];
        }
        WatchSink.TreeShape shape = new WatchSink.TreeShape() {
            @Override
            public List<?> children(Object node) {
                return Arrays.asList((Object[]) node);
            }

            @Override
            public String crumb(Object node) {
                return "Label";
            }
        };
        long before = usedHeapAfterGc();
        watcher.watchTree(top, "window hidden", ViewStack.of("Stage \"benchmark\"").then("Scene"), "VBox",
                WatchSink.NOT_WATCHED, dev.leakinspector.protocol.Verdict.LEAK, shape, MEMORY_WATCHES + 1);
        while (watcher.liveWatches() < MEMORY_WATCHES + 1) {
            Thread.onSpinWait(); // until the watcher thread has put the tree into its table and schedule
        }
        long after = usedHeapAfterGc();
        System.out.printf("  the same for a tree capture (a closed window's %,d nodes): %d bytes per watched object%n",
                MEMORY_WATCHES, (after - before) / (MEMORY_WATCHES + 1));
        watcher.stop();
        if (nodes.length + top.length == 0) {
            throw new AssertionError();
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void latencyAtTheCommandLine() throws Exception {
        Path appJar = Path.of("target/leak-inspector.jar");
        List<Long> toReport = new ArrayList<>();
        List<Long> toPrint = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            try (TargetProcess demo = TargetProcess.startDemo(Jdks.current(), List.of(), "--script", "1,2,4,5");
                 TargetProcess cli = waitAndAttach(demo, appJar)) {
                demo.awaitLineStartingWith("DEMO script done", Duration.ofSeconds(60));
                Map<String, Long> received = new HashMap<>();
                for (String pattern : List.of("1", "2", "4", "5")) {
                    String line = cli.awaitLine(l -> l.contains("\"viewStack\":[\"Stage \\\"" + pattern + " "), Duration.ofSeconds(30));
                    received.put(pattern, receivedAt(cli, line));
                }
                Map<String, Long> closed = dev.leakinspector.testing.DemoLines.closeTimes(demo);
                for (String pattern : received.keySet()) {
                    String line = cli.awaitLine(l -> l.contains("\"viewStack\":[\"Stage \\\"" + pattern + " "), Duration.ofSeconds(1));
                    long reportedAt = Long.parseLong(line.replaceAll(".*\"reportedAt\":(\\d+).*", "$1"));
                    toReport.add(reportedAt - closed.get(pattern));
                    toPrint.add(received.get(pattern) - closed.get(pattern));
                }
            }
        }
        long maxToPrint = toPrint.stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.printf("Trigger to event (grace 2000 ms): window closed -> agent reports: median %d ms; -> printed by the CLI: median %d ms, max %d ms (%d leaks in 3 runs)%n",
                median(toReport), median(toPrint), maxToPrint, toPrint.size());
        System.out.printf("  => window closed -> event printed: median grace + %d ms, max grace + %d ms (GC, display check, send, print)%n",
                median(toPrint) - 2000, maxToPrint - 2000);
    }

    private static TargetProcess waitAndAttach(TargetProcess demo, Path appJar) throws Exception {
        demo.awaitLineStartingWith("DEMO ready", Duration.ofSeconds(60));
        return TargetProcess.start(Jdks.current(), List.of(),
                List.of("-jar", appJar.toString()), "attach", Long.toString(demo.pid()), "--json", "--duration", "20");
    }

    /** When our reader saw the line: the {@code TargetProcess} stamps lines as they arrive. */
    private static long receivedAt(TargetProcess cli, String line) {
        return cli.receivedAtMillis(line);
    }


    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
