package dev.leakinspector;

import dev.leakinspector.protocol.Configure;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.FxTarget;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Ignore rules, set when attaching and changed while attached: an ignored class is not watched,
 * and neither is anything inside it (ignoring a window's class leaves its scene and nodes alone
 * too, rather than reporting them in its place).
 */
class IgnoreRulesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void ignoredClassesAndWhatTheyContainAreNotReportedAndTheListCanChangeWhileAttached() throws Exception {
        try (TargetProcess target = TargetProcess.start(Jdks.current(), TargetProcess.HEADLESS_FX, FxTarget.class.getName())) {
            target.awaitLineStartingWith("READY", TIMEOUT);
            RecordingListener events = new RecordingListener();
            SessionSettings ignoringStages = SessionSettings.defaults().withIgnoreGlobs(List.of("javafx.stage.*"));
            LiveSession session = LiveSession.attach(target.pid(), ignoringStages, events);
            try {
                events.await(Stats.class, stats -> true, TIMEOUT);
                leakAWindowAndWaitUntilChecked(target, events);
                assertEquals(List.of(), events.leaks(), "neither the ignored stage nor its scene and nodes");

                configure(session, events, List.of());
                target.send("leak-window");
                LeakSuspected leak = events.await(LeakSuspected.class, l -> true, TIMEOUT);
                assertEquals("javafx.stage.Stage", leak.className(), "reported once the rule is gone");

                configure(session, events, List.of("javafx.stage.Stage"));
                leakAWindowAndWaitUntilChecked(target, events);
                assertEquals(1, events.leaks().size(), "ignored again: " + events.leaks());
            } finally {
                session.detach("test finished");
            }
        }
    }

    /**
     * Sends a new ignore list. The agent applies it as it reads it and does not acknowledge it, and
     * the target's commands travel by another channel: wait for a stats message the agent produced
     * after the list went out, so the next window the target hides comes after it.
     */
    private static void configure(LiveSession session, RecordingListener events, List<String> ignore) throws Exception {
        long sentAt = System.currentTimeMillis();
        session.send(new Configure(SessionSettings.DEFAULT_GRACE_MILLIS, ignore, List.of()));
        events.await(Stats.class, stats -> stats.timestampMillis() > sentAt + 200, TIMEOUT);
    }

    private static void leakAWindowAndWaitUntilChecked(TargetProcess target, RecordingListener events) throws Exception {
        int before = target.stdoutLines().size();
        target.send("leak-window");
        target.awaitLine(line -> line.equals("LEAKED") && target.stdoutLines().lastIndexOf(line) >= before, TIMEOUT);
        target.send("ping");
        target.awaitLine(line -> line.equals("PONG") && target.stdoutLines().lastIndexOf(line) >= before, TIMEOUT);
        events.awaitAllChecked(System.currentTimeMillis(), TIMEOUT);
    }
}
