package dev.leakinspector.app;

import dev.leakinspector.session.DemoProgram;
import dev.leakinspector.session.SessionFile;
import dev.leakinspector.session.SessionSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the windows of one Leak Inspector run share: the background threads that attach, list JVMs and
 * write files; where sessions are saved; the demo programs we started (stopped when we stop); the open
 * session windows; whether notifications are muted.
 *
 * <p>Threading: {@link #background()} and {@link #sessionDirectory()} from any thread; the rest on the
 * JavaFX application thread.
 */
public final class AppContext implements AutoCloseable {
    private final ExecutorService background;
    private final Path sessionDirectory;
    private final SessionSettings settings;
    private final List<SessionWindow> openSessions = new ArrayList<>();
    private final List<DemoProgram> demos = new ArrayList<>();
    private boolean notificationsMuted;

    public AppContext(Path sessionDirectory, SessionSettings settings) {
        this.sessionDirectory = sessionDirectory;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.background = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "leak-inspector-app-" + n.incrementAndGet());
            // Never keep the JVM alive after the last window: a stuck attach must not hang the exit.
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The settings of a normal run: default grace period, sessions in the user's data directory. */
    public static AppContext standard() {
        return new AppContext(SessionFile.defaultDirectory(), SessionSettings.defaults());
    }

    public ExecutorService background() {
        return background;
    }

    public Path sessionDirectory() {
        return sessionDirectory;
    }

    public SessionSettings settings() {
        return settings;
    }

    /** Session windows now open, oldest first. Unmodifiable copy. */
    public List<SessionWindow> openSessions() {
        return List.copyOf(openSessions);
    }

    void sessionOpened(SessionWindow window) {
        openSessions.add(window);
    }

    void sessionClosed(SessionWindow window) {
        openSessions.remove(window);
    }

    void demoStarted(DemoProgram demo) {
        demos.add(demo);
    }

    public boolean notificationsMuted() {
        return notificationsMuted;
    }

    /** Remembered for the next session window; each window has its own switch. */
    public void setNotificationsMuted(boolean muted) {
        notificationsMuted = muted;
    }

    /** Detaches every live session (in parallel, waiting a few seconds at most) and stops our demos. */
    @Override
    public void close() {
        List<Thread> detaching = new ArrayList<>();
        for (SessionWindow window : List.copyOf(openSessions)) {
            Thread thread = new Thread(() -> window.session().detach("Leak Inspector was closed"),
                    "leak-inspector-detach");
            thread.setDaemon(true);
            thread.start();
            detaching.add(thread);
        }
        for (Thread thread : detaching) {
            try {
                thread.join(4000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        demos.forEach(DemoProgram::stop);
        background.shutdownNow();
    }
}
