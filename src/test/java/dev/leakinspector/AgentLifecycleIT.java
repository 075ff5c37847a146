package dev.leakinspector;

import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.PlainTarget;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's life in a program without a UI toolkit (JavaFX is on its class path but unused):
 * it brings no JavaFX, a second attach reuses it, detach leaves no thread behind, and the end of the
 * target ends the session with the right reason.
 */
class AgentLifecycleIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static TargetProcess startPlainTarget(String... jvmArgs) throws Exception {
        TargetProcess target = TargetProcess.start(Jdks.current(), List.of(jvmArgs), PlainTarget.class.getName());
        target.awaitLineStartingWith("READY", TIMEOUT);
        return target;
    }

    @Test
    void aProgramWithoutJavaFxGetsNoJavaFxAndDetachLeavesNoAgentThread() throws Exception {
        try (TargetProcess target = startPlainTarget("-Xlog:class+load=info")) {
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            assertEquals(List.of(), session.hello().toolkits());
            events.await(Stats.class, stats -> true, TIMEOUT);
            target.send("property leakinspector.agent.state");
            assertEquals("PROPERTY watching", target.awaitLineStartingWith("PROPERTY", TIMEOUT));

            session.detach("test finished");
            assertEquals(SessionEnd.Kind.DETACHED, events.awaitEnd(TIMEOUT).kind());
            target.send("agent-threads");
            assertEquals("AGENT THREADS none", target.awaitLineStartingWith("AGENT THREADS", TIMEOUT));
            assertFalse(target.stdoutLines().stream().anyMatch(line -> line.contains("[class,load] javafx.")),
                    "the agent loaded JavaFX classes into a program that does not use JavaFX");
        }
    }

    @Test
    void aSecondAttachReconnectsTheAgentAlreadyLoadedInsteadOfLoadingAnother() throws Exception {
        try (TargetProcess target = startPlainTarget()) {
            RecordingListener first = new RecordingListener();
            LiveSession firstSession = LiveSession.attach(target.pid(), SessionSettings.defaults(), first);
            assertFalse(firstSession.attachResult().agentAlreadyLoaded());

            RecordingListener second = new RecordingListener();
            LiveSession secondSession = LiveSession.attach(target.pid(), SessionSettings.defaults(), second);
            try {
                assertTrue(secondSession.attachResult().agentAlreadyLoaded());
                SessionEnd firstEnd = first.awaitEnd(TIMEOUT);
                assertEquals(SessionEnd.Kind.AGENT_LEFT, firstEnd.kind());
                assertTrue(firstEnd.message().contains("another Leak Inspector session took over"), firstEnd.message());
                second.await(Stats.class, stats -> true, TIMEOUT);
            } finally {
                secondSession.detach("test finished");
            }
        }
    }

    @Test
    void aTargetThatExitsEndsTheSessionAsTargetExited() throws Exception {
        try (TargetProcess target = startPlainTarget()) {
            RecordingListener events = new RecordingListener();
            LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            events.await(Stats.class, stats -> true, TIMEOUT);

            target.send("exit");
            SessionEnd end = events.awaitEnd(TIMEOUT);
            assertEquals(SessionEnd.Kind.TARGET_EXITED, end.kind(), end.message());
        }
    }

    @Test
    void aTargetThatIsKilledEndsTheSessionAsTargetExited() throws Exception {
        try (TargetProcess target = startPlainTarget()) {
            RecordingListener events = new RecordingListener();
            LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            events.await(Stats.class, stats -> true, TIMEOUT);

            target.process().destroyForcibly().waitFor();
            SessionEnd end = events.awaitEnd(TIMEOUT);
            assertEquals(SessionEnd.Kind.TARGET_EXITED, end.kind(), end.message());
        }
    }
}
