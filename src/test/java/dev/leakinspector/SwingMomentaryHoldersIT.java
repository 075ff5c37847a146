package dev.leakinspector;

import dev.leakinspector.agent.swing.SwingHoldersTarget;
import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A frame disposed with nothing of the program keeping it, but held by one AWT/Swing internal
 * (the focus manager, the paint manager, the X11 selection, Ocean's soft gradient cache), is not
 * reported; a frame the program keeps, held by the focus manager, is reported once the focus moves
 * on. Targets run under Xvfb (no window manager: nothing moves the focus unless the program does).
 */
class SwingMomentaryHoldersIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0} on JDK {1}")
    @CsvSource({"focused, 17", "focused, 25", "painted, 17", "selected, 17", "selected, 25", "gradients, 17",
            "gradients, 25"})
    void aFrameOnlyTheToolkitHoldsIsNotReported(String scenario, int feature) throws Exception {
        try (XvfbTarget target = start(feature, scenario.equals("gradients"))) {
            RecordingListener events = new RecordingListener();
            LiveSession session = attach(target, events);
            try {
                target.output().send(scenario);
                long disposedAt = disposedAt(target);
                events.awaitAllChecked(disposedAt, Duration.ofSeconds(30));
                // The deferred frame is asked about every 2 s: give it one more round to be reported.
                events.await(Stats.class, stats -> stats.timestampMillis() > disposedAt + 7000, TIMEOUT);
                assertEquals(List.of(), events.leaks(), "a frame only the toolkit holds was reported");
                assertEquals(List.of(), events.messages().stream().filter(AgentError.class::isInstance).toList());
                assertTrue(events.messages().stream().anyMatch(m -> m instanceof Stats s && s.pendingWatches() > 0),
                        "the agent watched the disposed frame: " + events.messages());
            } finally {
                session.detach("test finished");
            }
        }
    }

    @ParameterizedTest(name = "on JDK {0}")
    @CsvSource({"17"})
    void aKeptFrameHeldByTheFocusManagerIsReportedOnceTheFocusMovesOn(int feature) throws Exception {
        try (XvfbTarget target = start(feature, false)) {
            RecordingListener events = new RecordingListener();
            LiveSession session = attach(target, events);
            try {
                target.output().send("focused-kept");
                long disposedAt = disposedAt(target);
                events.awaitAllChecked(disposedAt, Duration.ofSeconds(30));
                events.await(Stats.class, stats -> stats.timestampMillis() > disposedAt + 5000, TIMEOUT);
                assertEquals(List.of(), events.leaks(), "held by the focus manager: deferred, not reported yet");

                target.output().send("release");
                long releasedAt = Long.parseLong(target.output().awaitLineStartingWith("RELEASED ", TIMEOUT).substring(9));
                LeakSuspected leak = events.await(LeakSuspected.class, l -> true, TIMEOUT);
                assertEquals("javax.swing.JFrame", leak.className());
                assertEquals(List.of("JFrame \"Holders focused-kept\""), leak.viewStack());
                assertTrue(leak.reportedAtMillis() - releasedAt <= 5000,
                        "reported within a recheck and a GC of the release: " + (leak.reportedAtMillis() - releasedAt));
            } finally {
                session.detach("test finished");
            }
        }
    }

    /**
     * A frame only hidden keeps its peer, so the toolkit keeps it whatever the paint manager does: its report
     * is not deferred until something else paints (pattern 13's dialog, cancelled, was reported seconds late,
     * or never when shown again meanwhile).
     */
    @ParameterizedTest(name = "on JDK {0}")
    @CsvSource({"17", "25"})
    void aHiddenFrameThePaintManagerStillHoldsIsReportedOnTime(int feature) throws Exception {
        try (XvfbTarget target = start(feature, false)) {
            RecordingListener events = new RecordingListener();
            LiveSession session = attach(target, events);
            try {
                target.output().send("hidden");
                long hiddenAt = Long.parseLong(target.output().awaitLineStartingWith("HIDDEN ", TIMEOUT).substring(7));
                LeakSuspected leak = events.await(LeakSuspected.class, l -> true, TIMEOUT);
                assertEquals("javax.swing.JFrame", leak.className());
                assertEquals("window hidden", leak.trigger());
                long latency = leak.reportedAtMillis() - hiddenAt;
                assertTrue(latency <= SessionSettings.DEFAULT_GRACE_MILLIS + 3000, "reported " + latency + " ms after the hide");
            } finally {
                session.detach("test finished");
            }
        }
    }

    private static XvfbTarget start(int feature, boolean ocean) throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: Swing targets need an X display (apt-get install xvfb xauth)");
        Path java = Jdks.find(feature).orElse(null);
        assumeTrue(java != null, "no JDK " + feature + " is installed here (looked at java.home and /usr/lib/jvm)");
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        // The target disposes a focused frame under the AWT lock to make the focus manager keep it.
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx128m", "--add-exports", "java.desktop/sun.awt=ALL-UNNAMED"));
        if (!ocean) {
            // Steel has no gradients: the soft image cache stays out of the scenarios it is not about.
            jvmArgs.add("-Dswing.metalTheme=steel");
        }
        XvfbTarget target = XvfbTarget.start(xvfbRun, java, jvmArgs,
                List.of("-cp", classPath, SwingHoldersTarget.class.getName()), TIMEOUT);
        return target;
    }

    private static LiveSession attach(XvfbTarget target, RecordingListener events) throws Exception {
        LiveSession session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
        target.output().send("await-agent");
        assertEquals("AGENT watching", target.output().awaitLineStartingWith("AGENT ", TIMEOUT));
        return session;
    }

    private static long disposedAt(XvfbTarget target) throws Exception {
        return Long.parseLong(target.output().awaitLineStartingWith("DISPOSED ", TIMEOUT).substring(9));
    }
}
