package dev.leakinspector.precision;

import dev.leakinspector.agent.swing.XvfbTarget;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionListener;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.DemoLines;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One precision run: starts a realistic target in its own JVM (JavaFX on Monocle, Swing under
 * xvfb-run), attaches the real agent through {@link LiveSession}, runs the target's script, records
 * every event, asks the target about each report as it arrives (was the object on screen?), waits until
 * every watch of the script has been decided, and counts. Not thread-safe; one run at a time.
 */
final class PrecisionRun {
    /** The realistic programs: which class, what was planted in it, whether it needs an X display. */
    enum Target {
        FX("JavaFX sample browser", SampleBrowserTarget.class, SampleBrowserTarget.PLANTED, false),
        SWING("Swing demo suite", SwingDemoSuiteTarget.class, SwingDemoSuiteTarget.PLANTED, true);

        final String title;
        final Class<?> mainClass;
        final List<PlantedLeak> planted;
        final boolean needsDisplay;

        Target(String title, Class<?> mainClass, List<PlantedLeak> planted, boolean needsDisplay) {
            this.title = title;
            this.mainClass = mainClass;
            this.planted = planted;
            this.needsDisplay = needsDisplay;
        }
    }

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration ANSWER = Duration.ofSeconds(20);

    private PrecisionRun() {
    }

    /**
     * Runs {@code target} for a script of {@code scriptSeconds} on the JVM {@code java}.
     *
     * @param xvfbRun the xvfb-run to start a Swing target under; ignored for JavaFX
     */
    static PrecisionResult run(Target target, long scriptSeconds, Path java, Path xvfbRun) throws Exception {
        List<String> jvmArgs = new ArrayList<>(target.needsDisplay ? XvfbTarget.HEADLESS_FX_WITH_AWT_DISPLAY : TargetProcess.HEADLESS_FX);
        jvmArgs.add("-Xmx384m");
        List<String> launch = List.of("-cp", System.getProperty("java.class.path"), target.mainClass.getName());
        if (target.needsDisplay) {
            try (XvfbTarget program = XvfbTarget.start(xvfbRun, java, jvmArgs, launch, START)) {
                return observe(target, scriptSeconds, program.pid(), program.output());
            }
        }
        try (TargetProcess program = TargetProcess.start(java, jvmArgs, launch)) {
            String ready = program.awaitLineStartingWith("READY ", START);
            return observe(target, scriptSeconds, Long.parseLong(ready.substring("READY ".length()).strip()), program);
        }
    }

    private static PrecisionResult observe(Target target, long scriptSeconds, long pid, TargetProcess program) throws Exception {
        RecordingListener events = new RecordingListener();
        SessionListener askingListener = new SessionListener() {
            @Override
            public void onMessage(Message message) {
                if (message instanceof LeakSuspected leak) {
                    // Asked now, while the report is fresh: was the reported object on screen?
                    program.send("displayed " + leak.watchId() + " " + leak.className() + " " + leak.watchedAtMillis()
                            + " " + leak.reportedAtMillis());
                }
                events.onMessage(message);
            }

            @Override
            public void onEnded(SessionEnd end) {
                events.onEnded(end);
            }
        };
        LiveSession session = LiveSession.attach(pid, SessionSettings.defaults(), askingListener);
        try {
            program.send("script " + scriptSeconds);
            String done = program.awaitLineStartingWith("SCRIPT ", Duration.ofSeconds(scriptSeconds).plus(START));
            if (!done.startsWith("SCRIPT done")) {
                throw new AssertionError(done + "\n" + program.describe());
            }
            long doneAt = DemoLines.lastNumber(done);
            events.awaitAllChecked(doneAt, SETTLE);
            // Survivors a toolkit holds for a moment are deferred, not dropped: give every watch of the script
            // its grace period and 3 s more, then a GC-confirmed recheck, before counting.
            events.await(Stats.class, stats -> stats.timestampMillis() > doneAt + SessionSettings.DEFAULT_GRACE_MILLIS + 3000
                    && stats.pendingWatches() == 0, SETTLE);
            return count(target, scriptSeconds, events.messages(), program);
        } finally {
            session.detach("precision run finished");
        }
    }

    private static PrecisionResult count(Target target, long scriptSeconds, List<Message> messages, TargetProcess program)
            throws InterruptedException {
        List<LeakSuspected> reports = new ArrayList<>();
        Map<Long, Verdict> verdicts = new HashMap<>();
        Set<Long> reused = new HashSet<>();
        Set<Long> deallocated = new HashSet<>();
        for (Message message : messages) {
            if (message instanceof LeakSuspected leak) {
                reports.add(leak);
                verdicts.put(leak.watchId(), leak.verdict());
            } else if (message instanceof VerdictChanged change) {
                verdicts.put(change.watchId(), change.verdict());
            } else if (message instanceof ObjectReused reuse) {
                reused.add(reuse.watchId());
            } else if (message instanceof ObjectDeallocated gone) {
                deallocated.add(gone.watchId());
            }
        }
        int standingLeak = 0;
        int realLeak = 0;
        int standingRetained = 0;
        int displayed = 0;
        List<String> falseLeaks = new ArrayList<>();
        List<String> displayedLines = new ArrayList<>();
        Set<PlantedLeak> found = new HashSet<>();
        Set<PlantedLeak> reported = new HashSet<>();
        for (LeakSuspected leak : reports) {
            PlantedLeak planted = target.planted.stream().filter(p -> p.matches(leak.className(), leak.viewStack()))
                    .findFirst().orElse(null);
            if (planted != null) {
                reported.add(planted);
            }
            String answer = program.awaitLineStartingWith("DISPLAYED " + leak.watchId() + " ", ANSWER);
            if (answer.startsWith("DISPLAYED " + leak.watchId() + " yes")) {
                displayed++;
                displayedLines.add(describe(leak, verdicts) + " — on screen: " + answer.substring(answer.indexOf(" yes ") + 5));
            }
            boolean standing = !reused.contains(leak.watchId()) && !deallocated.contains(leak.watchId());
            if (!standing) {
                continue;
            }
            if (verdicts.get(leak.watchId()) == Verdict.LEAK) {
                standingLeak++;
                if (planted != null) {
                    realLeak++;
                    found.add(planted);
                } else {
                    falseLeaks.add(describe(leak, verdicts));
                }
            } else {
                standingRetained++;
            }
        }
        List<String> missed = target.planted.stream().filter(p -> !found.contains(p))
                .map(p -> p.simpleName() + ": " + p.how() + (reported.contains(p) ? " (reported, but not as a standing leak)" : ""))
                .toList();
        return new PrecisionResult(target.title, scriptSeconds, reports.size(), standingLeak, realLeak, standingRetained,
                reused.size(), deallocated.size(), displayed, target.planted.size(), found.size(), reported.size(),
                falseLeaks, displayedLines, missed);
    }

    private static String describe(LeakSuspected leak, Map<Long, Verdict> verdicts) {
        return verdicts.get(leak.watchId()).wireName() + " " + leak.className() + " [" + leak.trigger() + "] "
                + String.join(" › ", leak.viewStack());
    }
}
