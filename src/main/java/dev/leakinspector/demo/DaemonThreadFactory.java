package dev.leakinspector.demo;

import java.util.concurrent.ThreadFactory;

/**
 * Makes daemon threads with one fixed name, so the demo's executors never keep the JVM alive and
 * show up under a recognisable name in a heap dump's GC roots. Thread-safe.
 */
final class DaemonThreadFactory implements ThreadFactory {
    private final String name;

    DaemonThreadFactory(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
