package dev.leakinspector.testing;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.geometry.Point2D;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.robot.Robot;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A JavaFX target program for the agent-safety tests, driven by lines on standard input. Keeps a
 * main window open (as a real application does; it also takes the focus back). Prints
 * {@code READY <pid>} when started and {@code UNCAUGHT …} for any exception that reaches one of
 * its threads — which the agent must never cause. Commands:
 * <ul>
 *   <li>{@code remove-nodes N}: shows a window of N labels, removes them 100 per pulse and keeps
 *       them, prints {@code REMOVED maxPulseWorkMs=… maxFrameGapMs=… totalMs=… worstFrame=n/frames@uptime} (the longest
 *       time the FX thread spent in one pulse's removals, where our trigger runs, and the longest
 *       gap between two frames, which also counts GC pauses), then which frame was the worst and when
 *       (see {@link FrameTimes});</li>
 *   <li>{@code hostile}: shows and hides a window holding a node that throws when the agent reads
 *       it, prints {@code HOSTILE done};</li>
 *   <li>{@code leak-window}: shows and hides a window that a static list keeps, prints {@code LEAKED};</li>
 *   <li>{@code exercise-controls}: see {@link ControlsWorkout}; prints {@code EXERCISED} when done;</li>
 *   <li>{@code click-swap}: the mouse clicks a button inside a page whose action swaps that page
 *       out and drops it (JavaFX keeps the pressed node a moment), prints {@code SWAPPED};</li>
 *   <li>{@code scene-swap-back}: a wizard-like stage shows scene A, then B, then A again 300 ms
 *       later; A is kept to come back to, B is dropped; prints {@code SWAPPED BACK};</li>
 *   <li>{@code ping}: round trip through the FX thread, prints {@code PONG};</li>
 *   <li>{@code gc}: two full GCs, prints {@code GC done};</li>
 *   <li>{@code agent-threads}: as in {@link PlainTarget}.</li>
 * </ul>
 */
public final class FxTarget {
    private static final List<Object> KEPT = new ArrayList<>();

    private FxTarget() {
    }

    public static void main(String[] args) throws Exception {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> TargetSide.reply("UNCAUGHT " + thread.getName() + " " + error));
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(() -> {
            Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> TargetSide.reply("UNCAUGHT " + thread.getName() + " " + error));
            Stage main = new Stage();
            main.setTitle("FX target");
            main.setScene(new Scene(new BorderPane(new Label("target")), 200, 100));
            main.show();
            started.countDown();
        });
        started.await();
        Platform.setImplicitExit(false);
        TargetSide.reply("READY " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "remove-nodes" -> Platform.runLater(() -> removeNodes(Integer.parseInt(words[1])));
                case "hostile" -> Platform.runLater(FxTarget::hostileWindow);
                case "leak-window" -> Platform.runLater(FxTarget::leakWindow);
                case "exercise-controls" -> Platform.runLater(ControlsWorkout::run);
                case "click-swap" -> Platform.runLater(FxTarget::clickSwap);
                case "scene-swap-back" -> Platform.runLater(FxTarget::sceneSwapBack);
                case "ping" -> Platform.runLater(() -> TargetSide.reply("PONG"));
                case "gc" -> {
                    System.gc();
                    System.gc();
                    TargetSide.reply("GC done");
                }
                case "agent-threads" -> TargetSide.reply("AGENT THREADS " + TargetSide.agentThreadsAfterJoining());
                default -> TargetSide.reply("UNKNOWN " + line);
            }
        }
    }

    private static void removeNodes(int count) {
        VBox box = new VBox();
        for (int i = 0; i < count; i++) {
            box.getChildren().add(new Label("row " + i));
        }
        Stage stage = new Stage();
        stage.setTitle("Nodes");
        stage.setScene(new Scene(new BorderPane(box), 300, 300));
        stage.show();
        long start = System.nanoTime();
        int frames = (count + 99) / 100;
        long[] frameStarts = new long[frames];
        long[] frameWork = new long[frames];
        long[] firstRemovals = new long[FrameTimes.FIRST_FRAMES * 100];
        new AnimationTimer() {
            private long maxPulseWork;
            private long maxFrameGap;
            private long lastFrame;
            private int frame;

            @Override
            public void handle(long now) {
                // The gap between frames includes everything that held the FX thread or the whole
                // JVM (a GC pause) between two pulses; the pulse work only our removals' listeners.
                if (lastFrame != 0) {
                    maxFrameGap = Math.max(maxFrameGap, now - lastFrame);
                }
                lastFrame = now;
                ObservableList<Node> children = box.getChildren();
                long pulseStart = System.nanoTime();
                for (int i = 0; i < 100 && !children.isEmpty(); i++) {
                    long removalStart = frame < FrameTimes.FIRST_FRAMES ? System.nanoTime() : 0;
                    KEPT.add(children.remove(children.size() - 1));
                    if (frame < FrameTimes.FIRST_FRAMES) {
                        firstRemovals[frame * 100 + i] = System.nanoTime() - removalStart;
                    }
                }
                long pulseWork = System.nanoTime() - pulseStart;
                maxPulseWork = Math.max(maxPulseWork, pulseWork);
                if (frame < frames) {
                    frameStarts[frame] = pulseStart;
                    frameWork[frame] = pulseWork;
                }
                frame++;
                if (children.isEmpty()) {
                    stop();
                    TargetSide.reply(String.format("REMOVED maxPulseWorkMs=%.2f maxFrameGapMs=%.2f totalMs=%d %s", maxPulseWork / 1e6,
                            maxFrameGap / 1e6, (System.nanoTime() - start) / 1_000_000,
                            FrameTimes.describeWorst(Math.min(frame, frames), frameStarts, frameWork)));
                    FrameTimes.writeFirstRemovals(firstRemovals);
                }
            }
        }.start();
    }

    private static void clickSwap() {
        BorderPane root = new BorderPane();
        Button swap = new Button("Show the next page");
        swap.setOnAction(e -> {
            root.setCenter(new Label("next page"));
            TargetSide.reply("SWAPPED");
        });
        VBox page = new VBox(new Label("first page"), swap);
        page.setId("first");
        root.setCenter(page);
        Stage stage = new Stage();
        stage.setTitle("clicks");
        stage.setScene(new Scene(root, 300, 200));
        stage.show();
        stage.requestFocus();
        Robot robot = new Robot();
        Point2D center = swap.localToScreen(swap.getWidth() / 2, swap.getHeight() / 2);
        robot.mouseMove(center);
        robot.mouseClick(MouseButton.PRIMARY);
    }

    private static void sceneSwapBack() {
        Scene first = new Scene(new BorderPane(new Label("step 1")), 200, 100);
        Scene second = new Scene(new BorderPane(new Label("step 2")), 200, 100);
        KEPT.add(first); // the second step is built anew each time, the first one is kept to come back to
        Stage stage = new Stage();
        stage.setTitle("wizard");
        stage.setScene(first);
        stage.show();
        stage.setScene(second);
        javafx.animation.PauseTransition back = new javafx.animation.PauseTransition(javafx.util.Duration.millis(300));
        back.setOnFinished(e -> {
            stage.setScene(first);
            TargetSide.reply("SWAPPED BACK");
        });
        back.play();
    }

    private static void hostileWindow() {
        Stage stage = new Stage();
        stage.setTitle("hostile");
        stage.setScene(new Scene(new BorderPane(new HostileParent()), 200, 100));
        stage.show();
        stage.hide();
        TargetSide.reply("HOSTILE done");
    }

    private static void leakWindow() {
        Stage stage = new Stage();
        stage.setTitle("kept");
        stage.setScene(new Scene(new BorderPane(new Label("kept by a static list")), 200, 100));
        stage.show();
        KEPT.add(stage);
        stage.hide();
        TargetSide.reply("LEAKED");
    }

    /** Throws when, and only when, Leak Inspector's agent reads its children: fault injection from the target's side. */
    static final class HostileParent extends StackPane {
        HostileParent() {
            super(new Label("hostile"));
        }

        @Override
        public ObservableList<Node> getChildrenUnmodifiable() {
            boolean calledByAgent = StackWalker.getInstance().walk(frames -> frames
                    .anyMatch(frame -> frame.getClassName().startsWith("dev.leakinspector.agent.")));
            if (calledByAgent) {
                throw new IllegalStateException("injected failure for the agent");
            }
            return super.getChildrenUnmodifiable();
        }
    }


}
