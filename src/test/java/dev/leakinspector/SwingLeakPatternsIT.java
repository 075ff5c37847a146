package dev.leakinspector;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.DemoLines;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Swing rows of LEAK-PATTERNS.md (8, 8b, 9), end to end: the demo runs in its own JVM under
 * Xvfb (its JavaFX part on Monocle, its Swing windows on the virtual display), our agent is attached
 * for real, and each pattern must get exactly its outcome within the grace period plus 3 s of its close.
 */
class SwingLeakPatternsIT {
    private static final Duration START = Duration.ofSeconds(60);
    private static final long GRACE_MILLIS = SessionSettings.DEFAULT_GRACE_MILLIS;
    /** The demo reports a close once its JavaFX companion window has closed, just after the Swing dispose. */
    private static final long CLOSE_REPORTING_SLACK_MILLIS = 500;

    @ParameterizedTest(name = "target on JDK {0}")
    @ValueSource(ints = {17, 25})
    void everySwingPatternGetsTheOutcomeTheTableGives(int feature) throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: Swing targets need an X display (apt-get install xvfb xauth)");
        Path java = Jdks.find(feature).orElse(null);
        assumeTrue(java != null, "no JDK " + feature + " is installed here (looked at java.home and /usr/lib/jvm)");

        List<String> jvmArgs = new java.util.ArrayList<>(XvfbTarget.HEADLESS_FX_WITH_AWT_DISPLAY);
        jvmArgs.add("-Xmx256m");
        try (XvfbTarget demo = XvfbTarget.start(xvfbRun, java, jvmArgs,
                List.of("-cp", System.getProperty("java.class.path"), "dev.leakinspector.demo.DemoMain"),
                START, "--script", "8,8b,9")) {
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(demo.pid(), SessionSettings.defaults(), events);
            try {
                long doneAt = DemoLines.lastNumber(demo.output().awaitLineStartingWith("DEMO script done", START));
                assertTrue(session.hello().toolkits().contains("javafx"), "hello names JavaFX: " + session.hello());
                events.awaitAllChecked(doneAt, Duration.ofSeconds(30));
                // A survivor a toolkit holds for a moment is deferred, not unchecked: give the table's
                // grace + 3 s to every close before counting reports.
                events.await(Stats.class, stats -> stats.timestampMillis() > doneAt + GRACE_MILLIS + 3000,
                        Duration.ofSeconds(30));
                Map<String, Long> closedAt = DemoLines.closeTimes(demo.output());
                List<LeakSuspected> swingReports = events.leaks().stream()
                        .filter(leak -> !leak.viewStack().isEmpty() && leak.viewStack().get(0).startsWith("JFrame \""))
                        .toList();

                List<LeakSuspected> eight = reportsAbout(swingReports, "8");
                assertEquals(1, eight.size(), "pattern 8 is one report: " + swingReports);
                LeakSuspected frame = eight.get(0);
                assertEquals("javax.swing.JFrame", frame.className());
                assertEquals(List.of("JFrame \"8 Swing listener\""), frame.viewStack());
                assertEquals("window disposed", frame.trigger());
                assertTrue(frame.descendants() > 0, "the frame's components are counted under it: " + frame);
                assertTrue(frame.gcConfirmed());
                assertEquals(Verdict.LEAK, frame.verdict(), "a disposed frame");
                assertOnTime(frame, closedAt.get("8"));

                assertEquals(List.of(), reportsAbout(swingReports, "8b"), "pattern 8b must not be reported");

                List<LeakSuspected> nine = reportsAbout(swingReports, "9");
                assertEquals(1, nine.size(), "pattern 9 is one report, the page (not its disposed frame): " + swingReports);
                LeakSuspected page = nine.get(0);
                assertEquals("dev.leakinspector.demo.OrdersForm$OrdersPage", page.className());
                assertEquals("component removed", page.trigger());
                assertEquals(List.of("JFrame \"9 Swing panel kept in a static list\"", "JRootPane", "JPanel", "JPanel#form",
                        "OrdersPage#orders"), page.viewStack());
                assertTrue(page.descendants() > 0, "the page's table is counted under it: " + page);
                assertEquals(Verdict.RETAINED, page.verdict(), "one removed page kept: possibly a cache (row 9: RETAINED)");
                assertTrue(page.gcConfirmed());
                assertOnTime(page, closedAt.get("9"));

                assertEquals(2, swingReports.size(), "nothing else of the Swing side is reported: " + swingReports);
                assertEquals(swingReports, events.leaks(), "the JavaFX windows beside the Swing ones are not reported");
                assertEquals(List.of(), events.deallocations(), "no Swing report is retracted");
            } finally {
                session.detach("test finished");
            }
        }
    }

    private static List<LeakSuspected> reportsAbout(List<LeakSuspected> reports, String patternId) {
        return reports.stream().filter(leak -> leak.viewStack().get(0).startsWith("JFrame \"" + patternId + " ")).toList();
    }

    /** Reported after its grace period and within grace + 3 s of the close the demo printed. */
    private static void assertOnTime(LeakSuspected leak, long closedAtMillis) {
        long latency = leak.reportedAtMillis() - closedAtMillis;
        assertTrue(latency >= GRACE_MILLIS - CLOSE_REPORTING_SLACK_MILLIS && latency <= GRACE_MILLIS + 3000,
                leak.viewStack() + " reported " + latency + " ms after its window closed");
        assertTrue(leak.reportedAtMillis() - leak.watchedAtMillis() >= GRACE_MILLIS, "grace period respected: " + leak);
    }
}
