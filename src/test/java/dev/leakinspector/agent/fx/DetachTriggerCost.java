package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.WatchSink;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * For {@code AgentBenchmark}: the FX thread's time to remove 100 kept labels from a showing window in one event,
 * without and with the JavaFX detach trigger, in this JVM and paired (alternating rounds), so that GC pauses and
 * the load of the machine weigh on both alike. What the agent itself adds to a frame of removals. FX toolkit
 * started by the caller.
 */
public final class DetachTriggerCost {
    private static final int ROWS = 1000;
    private static final int REMOVED_PER_EVENT = 100;

    private DetachTriggerCost() {
    }

    /** @return per round, the nanoseconds without ({@code [0]}) and with ({@code [1]}) the trigger */
    public static List<long[]> measure(int rounds, Supplier<WatchSink> sinks) throws Exception {
        List<Object> kept = new ArrayList<>();
        List<long[]> results = new ArrayList<>();
        for (int round = -1; round < rounds; round++) { // round -1 warms up
            long without = removeHundred(kept, null);
            FxDetachTrigger trigger = new FxDetachTrigger(sinks.get());
            CountDownLatch installed = new CountDownLatch(1);
            trigger.install(installed::countDown);
            installed.await();
            long with = removeHundred(kept, trigger);
            trigger.close();
            if (round >= 0) {
                results.add(new long[] {without, with});
            }
            kept.clear();
        }
        return results;
    }

    private static long removeHundred(List<Object> kept, FxDetachTrigger trigger) throws Exception {
        VBox box = onFxThread(() -> {
            VBox rows = new VBox();
            for (int i = 0; i < ROWS; i++) {
                rows.getChildren().add(new Label("row " + i));
            }
            Stage stage = new Stage();
            stage.setScene(new Scene(new BorderPane(rows), 200, 200));
            stage.show();
            return rows;
        });
        onFxThread(() -> null); // the trigger observes the new window in the event after its show
        long elapsed = onFxThread(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < REMOVED_PER_EVENT; i++) {
                kept.add(box.getChildren().remove(box.getChildren().size() - 1));
            }
            return System.nanoTime() - start;
        });
        onFxThread(() -> {
            box.getScene().getWindow().hide();
            return null;
        });
        return elapsed;
    }

    private static <T> T onFxThread(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
