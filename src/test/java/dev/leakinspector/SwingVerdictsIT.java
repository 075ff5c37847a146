package dev.leakinspector;

import dev.leakinspector.agent.swing.VerdictSwingTarget;
import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hidden Swing windows, verdicts and reuse on a real Swing target ({@link VerdictSwingTarget}) under Xvfb with
 * the agent attached for real: a dialog built anew on every open and only hidden is RETAINED, then a LEAK ×3
 * (LEAK-PATTERNS row 13); one dialog hidden and shown again after its report is RETAINED → REUSED (13b); a
 * removed panel put back is retracted as reused. Every report must be confirmed by a GC.
 */
class SwingVerdictsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REPORT = Duration.ofSeconds(30);

    private XvfbTarget target;
    private RecordingListener events;
    private LiveSession session;

    @BeforeEach
    void attach() throws Exception {
        Path xvfbRun = XvfbTarget.xvfbRun().orElse(null);
        assumeTrue(xvfbRun != null, "xvfb-run is not installed: Swing targets need an X display (apt-get install xvfb xauth)");
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        target = XvfbTarget.start(xvfbRun, Jdks.current(), List.of("-Xmx128m"),
                List.of("-cp", classPath, VerdictSwingTarget.class.getName()), TIMEOUT);
        events = new RecordingListener();
        session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
        target.output().send("await-agent");
        assertEquals("AGENT watching", target.output().awaitLineStartingWith("AGENT", TIMEOUT));
    }

    @AfterEach
    void detach() throws Exception {
        if (target == null) {
            return;
        }
        try {
            assertEquals(List.of(), events.messages().stream().filter(AgentError.class::isInstance).toList());
            for (LeakSuspected leak : events.leaks()) {
                assertTrue(leak.gcConfirmed(), "a GC confirms every report on a JVM that allows one: " + leak);
            }
        } finally {
            session.detach("test finished");
            target.close();
        }
    }

    /** Row 13: a new JDialog per open, only hidden, opened and cancelled 3 times: RETAINED, → LEAK ×3. */
    @Test
    void aDialogBuiltAnewOnEachOpenAndOnlyHiddenAccumulatesToLeaks() throws Exception {
        LeakSuspected first = openAndCancelPreferences(1);
        assertEquals(Verdict.RETAINED, first.verdict(), "one hidden dialog may be kept for reuse");
        assertEquals("javax.swing.JDialog", first.className());
        assertEquals("window hidden", first.trigger());
        assertEquals(List.of("JDialog \"Preferences\""), first.viewStack());
        assertTrue(first.descendants() > 0, "its components are counted under it: " + first);

        LeakSuspected second = openAndCancelPreferences(2);
        assertEquals(Verdict.LEAK, second.verdict());
        VerdictChanged escalation = events.await(VerdictChanged.class, v -> v.watchId() == first.watchId(), REPORT);
        assertEquals(Verdict.LEAK, escalation.verdict());

        LeakSuspected third = openAndCancelPreferences(3);
        assertEquals(Verdict.LEAK, third.verdict());
        assertEquals(3, events.leaks().size(), "one report per dialog, nothing else: " + events.leaks());
        assertEquals(List.of(), events.messages().stream().filter(ObjectReused.class::isInstance).toList());
    }

    /** Row 13b: one dialog hidden (reported RETAINED) and shown again after its report: → REUSED. */
    @Test
    void aHiddenDialogShownAgainAfterItsReportIsRetractedAsReused() throws Exception {
        target.output().send("reusable-hide");
        target.output().awaitLineStartingWith("REUSABLE HIDDEN", TIMEOUT);
        LeakSuspected report = events.await(LeakSuspected.class,
                l -> l.viewStack().equals(List.of("JDialog \"Reusable\"")), REPORT);
        assertEquals(Verdict.RETAINED, report.verdict());

        target.output().send("reusable-show");
        target.output().awaitLineStartingWith("REUSABLE SHOWN", TIMEOUT);
        ObjectReused reused = events.await(ObjectReused.class, r -> r.watchId() == report.watchId(), REPORT);
        assertTrue(reused.afterMillis() >= report.reportedAtMillis() - report.watchedAtMillis(), reused.toString());
        assertEquals(List.of(), events.messages().stream().filter(VerdictChanged.class::isInstance).toList(),
                "the same dialog shown again is reuse, not a new instance");
    }

    @Test
    void aRemovedPanelPutBackAfterItsReportIsRetractedAsReused() throws Exception {
        target.output().send("panel-out");
        target.output().awaitLineStartingWith("PANEL OUT", TIMEOUT);
        LeakSuspected report = events.await(LeakSuspected.class,
                l -> l.className().endsWith("VerdictSwingTarget$CachedPanel"), REPORT);
        assertEquals(Verdict.RETAINED, report.verdict());
        assertEquals("component removed", report.trigger());

        target.output().send("panel-in");
        target.output().awaitLineStartingWith("PANEL IN", TIMEOUT);
        events.await(ObjectReused.class, r -> r.watchId() == report.watchId(), REPORT);
        assertEquals(1, events.leaks().size(), events.leaks().toString());
    }

    private LeakSuspected openAndCancelPreferences(int open) throws Exception {
        int before = events.leaks().size();
        target.output().send("prefs");
        target.output().awaitLineStartingWith("PREFS HIDDEN", TIMEOUT);
        events.await(LeakSuspected.class, l -> events.leaks().size() > before, REPORT);
        LeakSuspected report = events.leaks().get(before);
        assertEquals(List.of("JDialog \"Preferences\""), report.viewStack(), "open " + open + ": " + events.leaks());
        return report;
    }
}
