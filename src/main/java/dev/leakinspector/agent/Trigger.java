package dev.leakinspector.agent;

/**
 * Something that notices objects which should die (a window hidden, a node removed) and hands them
 * to a {@link WatchSink}. Thread rules are the implementation's; {@link #close()} may be called
 * from any thread, must undo everything {@link #install} did and must not throw.
 */
public interface Trigger extends AutoCloseable {
    /**
     * Starts noticing. May finish asynchronously (on the toolkit's thread); calls {@code onInstalled}
     * once it is in place.
     *
     * @throws IllegalStateException when the toolkit is not ready yet (the caller retries later)
     */
    void install(Runnable onInstalled);

    @Override
    void close();
}
