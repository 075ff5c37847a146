package dev.leakinspector.junit;

import dev.leakinspector.agent.InProcessWatcher;
import dev.leakinspector.session.StandingReports;

import java.util.concurrent.TimeUnit;

/**
 * What watches one test: a watcher of its own (so nothing watched before the test, in {@code @BeforeAll} or by
 * another test, counts for it), the toolkit triggers that feed it, and the reports it made.
 *
 * <p>Threading: the test's thread; the watcher reports on its own thread into {@link #reports()}.
 * {@link #close()} stops everything and may be called more than once.
 */
final class TestWatch implements AutoCloseable {
    /** Beyond the grace period: the watcher's batching, its GC (retried while the JVM skips it) and toolkit questions. */
    private static final long CHECK_SLACK_MILLIS = 10_000;
    private static final long POLL_MILLIS = 5;

    private final LeakInspectionSettings settings;
    private final StandingReports reports = new StandingReports();
    private final InProcessWatcher watcher;
    private final ToolkitTriggers triggers;

    TestWatch(LeakInspectionSettings settings) {
        this.settings = settings;
        this.watcher = InProcessWatcher.start(settings.graceMillis(), settings.ignore(), reports::record);
        this.triggers = new ToolkitTriggers(new TestFrameworkWindows(watcher.sink()));
    }

    /**
     * Installs the settings' watch rules for this test (taken out again by {@link #close()}).
     *
     * @return the problems, one line each (a rule that could not be installed); empty when all are
     */
    java.util.List<String> installRules() {
        return settings.rules().isEmpty() ? java.util.List.of() : watcher.installRules(settings.rules());
    }

    LeakInspectionSettings settings() {
        return settings;
    }

    StandingReports reports() {
        return reports;
    }

    ToolkitTriggers triggers() {
        return triggers;
    }

    /**
     * Waits until every watch made so far was checked: its grace period over and, if its object was still there,
     * a GC run and its report given. Returns at once when nothing was watched.
     *
     * @return false when the watcher did not finish in time (the reports so far are then all there is)
     */
    boolean awaitChecks() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.graceMillis() + CHECK_SLACK_MILLIS);
        // The watcher tells no one when a watch ends without a report (its object was collected): ask its count.
        while (watcher.uncheckedWatches() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    @Override
    public void close() {
        triggers.close();
        watcher.close();
    }
}
