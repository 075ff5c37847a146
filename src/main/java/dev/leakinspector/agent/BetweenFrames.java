package dev.leakinspector.agent;

/**
 * A toolkit's UI thread as the watcher's forced GCs see it: a GC stops every thread, and one that starts while
 * the UI thread is in the middle of a frame's work makes that frame late by the whole pause. The watcher queues
 * a small task on the UI thread, which runs after the work queued before it (the frame in progress), between two
 * frames: the GC request itself when it stops the world anyway, else a release that lets the watcher ask at once
 * (see {@link GcRequester}).
 *
 * <p>Implementations are registered by a toolkit trigger ({@link WatchSink#addBetweenFrames}) and called on the
 * watcher thread.
 */
public interface BetweenFrames {
    /**
     * Queues {@code release} to run on the UI thread after the work queued there now (JavaFX's
     * {@code Platform.runLater}, Swing's {@code EventQueue.invokeLater}). Never blocks and never runs
     * {@code release} on the calling thread; {@code release} never throws, refers to no watched object and does
     * nothing if it runs after the watcher stopped waiting for it (or after the session ended).
     *
     * @throws RuntimeException when the toolkit is gone (the watcher then does not wait for it)
     */
    void runBetweenFrames(Runnable release);
}
