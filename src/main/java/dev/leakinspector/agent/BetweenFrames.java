package dev.leakinspector.agent;

/**
 * A toolkit's UI thread as the watcher's forced GCs see it: a GC stops every thread, and one that starts while
 * the UI thread is in the middle of a frame's work makes that frame late by the whole pause. Before it asks for
 * a GC the watcher queues a release on each UI thread and waits, briefly, until it has run: the UI thread has
 * then finished the work queued before it (the frame in progress) and is between two frames.
 *
 * <p>Implementations are registered by a toolkit trigger ({@link WatchSink#addBetweenFrames}) and called on the
 * watcher thread.
 */
public interface BetweenFrames {
    /**
     * Queues {@code release} to run on the UI thread after the work queued there now (JavaFX's
     * {@code Platform.runLater}, Swing's {@code EventQueue.invokeLater}). Never blocks and never runs
     * {@code release} on the calling thread; {@code release} only wakes the watcher, refers to no watched object
     * and is harmless if it runs after the session ended.
     *
     * @throws RuntimeException when the toolkit is gone (the watcher then does not wait for it)
     */
    void runBetweenFrames(Runnable release);
}
