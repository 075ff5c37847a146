package dev.leakinspector.agent.fx;

import dev.leakinspector.agent.BetweenFrames;
import dev.leakinspector.agent.TreeCaptureWarmUp;
import dev.leakinspector.agent.Trigger;
import dev.leakinspector.agent.WatchSink;
import javafx.application.Platform;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our JavaFX triggers as one: hidden stages ({@link FxWindowTrigger}) and detached node subtrees
 * ({@link FxDetachTrigger}). The entry point the agent's toolkit binder loads against the target's
 * own JavaFX. Same threading as its parts.
 */
public final class FxTriggers implements Trigger {
    private final Trigger[] parts;
    private final WatchSink sink;
    private final FxMomentaryHolders holders = new FxMomentaryHolders();
    private final FxDisplayCheck displayCheck = new FxDisplayCheck();
    /**
     * A runnable queued with {@code runLater} runs between pulses, after the pulse in progress: the watcher's GC
     * then falls between two frames (see {@link BetweenFrames}).
     */
    private final BetweenFrames betweenFrames = Platform::runLater;

    /**
     * Called on the agent's binder thread, which also loads what the first detach would load on the FX thread, and
     * gets the watcher's share of a capture compiled ({@link TreeCaptureWarmUp}), before any listener is in place.
     */
    public FxTriggers(WatchSink sink) {
        FxWarmUp.loadDetachPathClasses();
        TreeCaptureWarmUp.run();
        this.sink = sink;
        this.parts = new Trigger[] {new FxWindowTrigger(sink), new FxDetachTrigger(sink)};
    }

    /**
     * Installs both parts. The binder calls this again while the toolkit is not started yet (the
     * first part then throws before anything is in place), so the holders are registered only once
     * both parts are.
     */
    @Override
    public void install(Runnable onInstalled) {
        AtomicInteger waiting = new AtomicInteger(parts.length);
        for (Trigger part : parts) {
            part.install(() -> {
                if (waiting.decrementAndGet() == 0) {
                    sink.addMomentaryHolders(holders);
                    sink.addDisplayCheck(displayCheck);
                    sink.addBetweenFrames(betweenFrames);
                    onInstalled.run();
                }
            });
        }
    }

    @Override
    public void close() {
        sink.removeMomentaryHolders(holders);
        sink.removeDisplayCheck(displayCheck);
        sink.removeBetweenFrames(betweenFrames);
        for (Trigger part : parts) {
            part.close();
        }
    }
}
