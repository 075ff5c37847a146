package dev.leakinspector;

import dev.leakinspector.attach.AgentAttacher;
import dev.leakinspector.attach.AgentJar;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.AgentOptions;
import dev.leakinspector.protocol.Configure;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.LinkConnection;
import dev.leakinspector.protocol.LinkServer;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.FxTarget;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent never harms its target: an exception inside a trigger stays inside the agent, a Leak
 * Inspector that stops reading never blocks the target's UI thread, and detaching leaves nothing
 * behind — no thread, and no listener (proved by our trigger classes being unloaded).
 */
class AgentSafetyIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static TargetProcess startFxTarget(String... extraJvmArgs) throws Exception {
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        jvmArgs.addAll(List.of(extraJvmArgs));
        TargetProcess target = TargetProcess.start(Jdks.current(), jvmArgs, FxTarget.class.getName());
        target.awaitLineStartingWith("READY", TIMEOUT);
        return target;
    }

    @Test
    void anExceptionInATriggerIsReportedAndNeverReachesTheTarget() throws Exception {
        try (TargetProcess target = startFxTarget()) {
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            try {
                events.await(Stats.class, stats -> true, TIMEOUT);
                target.send("hostile");
                target.awaitLineStartingWith("HOSTILE done", TIMEOUT);
                AgentError error = events.await(AgentError.class, e -> e.message().contains("injected failure"), TIMEOUT);
                assertTrue(error.context().contains("JavaFX"), error.toString());

                target.send("leak-window");
                LeakSuspected leak = events.await(LeakSuspected.class,
                        l -> l.viewStack().get(0).equals("Stage \"kept\""), TIMEOUT);
                assertEquals("javafx.stage.Stage", leak.className(), "the trigger keeps working after the failure");
                target.send("ping");
                target.awaitLineStartingWith("PONG", TIMEOUT);
                assertFalse(target.stdoutLines().stream().anyMatch(line -> line.startsWith("UNCAUGHT")), target.describe());
            } finally {
                session.detach("test finished");
            }
        }
    }

    /**
     * Our side accepts the agent and then never reads. The agent reports 10,000 removed nodes into
     * a link that stops moving; the target's UI thread must go on as before. Prints the UI-thread
     * time spent in one pulse's removals without and with the agent (figures for the note).
     */
    @Test
    void aLeakInspectorThatStopsReadingNeverBlocksTheTargetsUiThread() throws Exception {
        try (TargetProcess target = startFxTarget(); LinkServer server = LinkServer.open()) {
            target.send("remove-nodes 10000");
            String baseline = target.awaitLineStartingWith("REMOVED", TIMEOUT);

            Map<String, String> options = new LinkedHashMap<>();
            options.put("port", Integer.toString(server.port()));
            options.put("token", server.token().toHex());
            options.put("grace", "500");
            new AgentAttacher().attach(target.pid(), AgentJar.locate(), AgentOptions.format(options));
            try (LinkConnection silent = server.accept(TIMEOUT)) {
                silent.send(new Configure(500, List.of(), List.of()));
                target.send("remove-nodes 10000");
                String withAgent = target.awaitLine(line -> line.startsWith("REMOVED") && !line.equals(baseline), TIMEOUT);
                target.send("ping");
                target.awaitLineStartingWith("PONG", TIMEOUT);
                System.out.println("UI-thread work per pulse while removing 10,000 nodes (100 per pulse): without agent "
                        + baseline + "; with agent, Leak Inspector not reading: " + withAgent);

                // Now read: the agent delivered what fitted and counted what it dropped; it is still alive.
                Message message;
                int leaks = 0;
                Stats last = null;
                while ((message = silent.read()) != null) {
                    if (message instanceof LeakSuspected) {
                        leaks++;
                    } else if (message instanceof Stats stats && stats.reportedLeaks() >= 10_000) {
                        last = stats;
                        break;
                    }
                }
                assertTrue(last != null && leaks + last.droppedEvents() >= 10_000,
                        "every report was delivered or counted as dropped: " + leaks + " received, " + last);
                assertFalse(target.stdoutLines().stream().anyMatch(line -> line.startsWith("UNCAUGHT")), target.describe());
            }
        }
    }

    @Test
    void detachLeavesNoThreadAndNoListenerBehind() throws Exception {
        try (TargetProcess target = startFxTarget("-Xlog:class+unload=info")) {
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            events.await(Stats.class, stats -> true, TIMEOUT);
            target.send("leak-window");
            events.await(LeakSuspected.class, l -> l.viewStack().get(0).equals("Stage \"kept\""), TIMEOUT);

            session.detach("test finished");
            assertEquals(SessionEnd.Kind.DETACHED, events.awaitEnd(TIMEOUT).kind());
            target.send("agent-threads");
            assertEquals("AGENT THREADS none", target.awaitLineStartingWith("AGENT THREADS", TIMEOUT));
            // Our JavaFX triggers live in their own class loader. Once no listener of ours is left
            // anywhere in the target's scene graphs, a GC unloads them.
            target.send("ping");
            target.awaitLineStartingWith("PONG", TIMEOUT);
            target.send("gc");
            target.awaitLine(line -> line.contains("[class,unload]") && line.contains("dev.leakinspector.agent.fx.FxTriggers"),
                    TIMEOUT);
            assertFalse(target.stdoutLines().stream().anyMatch(line -> line.startsWith("UNCAUGHT")), target.describe());
        }
    }
}
