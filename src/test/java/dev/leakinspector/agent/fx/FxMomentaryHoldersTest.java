package dev.leakinspector.agent.fx;

import dev.leakinspector.testing.FxThread;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What JavaFX holds until its next pulse, in a real (Monocle) window: a child removed from a parent stays in
 * the parent's {@code removed} list until the pulse synchronizes that parent (found through the scene's dirty
 * nodes, or, before a new window's first pulse, through all its parents); the pulse lets go.
 */
class FxMomentaryHoldersTest {
    private static final Duration FX = Duration.ofSeconds(10);
    private Stage stage;

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    @AfterEach
    void closeWindow() throws Exception {
        FxThread.run(FX, () -> stage.hide());
    }

    @Test
    void aChildRemovedAsANewWindowShowsIsHeldUntilItsFirstPulse() throws Exception {
        Region removed = FxThread.call(FX, () -> {
            Region child = new Region();
            Pane parent = new Pane(child, new Region());
            stage = new Stage();
            stage.setScene(new Scene(new VBox(new Pane(parent)), 200, 100));
            stage.show();
            // As a skin rebuilding its own parts while the window first shows: no pulse has run yet.
            parent.getChildren().remove(child);
            assertTrue(FxMomentaryHolders.heldNow().contains(child), "held by its parent until the first pulse");
            return child;
        });
        awaitLetGo(removed);
    }

    @Test
    void aChildRemovedFromAShowingWindowIsHeldUntilTheNextPulse() throws Exception {
        Pane parent = FxThread.call(FX, () -> {
            Pane pane = new Pane(new Region(), new Region());
            stage = new Stage();
            stage.setScene(new Scene(new VBox(pane), 200, 100));
            stage.show();
            return pane;
        });
        Region first = (Region) FxThread.call(FX, () -> parent.getChildren().get(0));
        awaitLetGo(first); // the window's first pulse has run: its scene now lists its dirty nodes
        Region removed = FxThread.call(FX, () -> {
            Region child = (Region) parent.getChildren().remove(0);
            assertTrue(FxMomentaryHolders.heldNow().contains(child), "held by its dirty parent until the next pulse");
            return child;
        });
        awaitLetGo(removed);
    }

    /** Waits for two pulses (animation timers run at a pulse's start, so the first one's synchronization is done). */
    private static void awaitLetGo(Region child) throws Exception {
        CountDownLatch pulses = new CountDownLatch(2);
        AnimationTimer timer = FxThread.call(FX, () -> {
            AnimationTimer counter = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulses.countDown();
                }
            };
            counter.start();
            return counter;
        });
        assertTrue(pulses.await(10, TimeUnit.SECONDS), "two pulses came");
        FxThread.run(FX, timer::stop);
        assertFalse(FxThread.call(FX, () -> FxMomentaryHolders.heldNow().contains(child)), "the pulse let go of the removed child");
    }
}
