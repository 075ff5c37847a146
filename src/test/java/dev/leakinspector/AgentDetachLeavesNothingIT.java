package dev.leakinspector;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HeapClass;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.LeakAnalyzer;
import dev.leakinspector.heap.LeakTraceText;
import dev.leakinspector.heap.ObjectSelector;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.testing.FxTarget;
import dev.leakinspector.testing.Jdks;
import dev.leakinspector.testing.RecordingListener;
import dev.leakinspector.testing.TargetProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Probe finding: after a detach the agent's static state still held the last session (87 KB, with its watched
 * references), our own leak inside someone else's program. Here a real JavaFX target is watched until it has
 * reported leaks, the session is detached, and a heap dump of the target (live objects only, so after a full
 * GC) read with our own heap engine must hold no session, watcher or watched reference of the agent.
 */
class AgentDetachLeavesNothingIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> AGENT_SESSION_CLASSES = List.of("dev.leakinspector.agent.AgentSession",
            "dev.leakinspector.agent.Watcher", ObjectSelector.WATCHED_REFERENCE_CLASS);

    @TempDir
    Path dir;

    @Test
    void afterDetachNoSessionNorAnyOfItsWatchesIsReachableInTheTarget() throws Exception {
        List<String> jvmArgs = new ArrayList<>(TargetProcess.HEADLESS_FX);
        try (TargetProcess target = TargetProcess.start(Jdks.current(), jvmArgs, FxTarget.class.getName())) {
            target.awaitLineStartingWith("READY", TIMEOUT);
            RecordingListener events = new RecordingListener();
            LiveSession session = LiveSession.attach(target.pid(), SessionSettings.defaults(), events);
            events.await(Stats.class, stats -> true, TIMEOUT);
            target.send("remove-nodes 50");
            target.awaitLineStartingWith("REMOVED", TIMEOUT);
            target.send("leak-window");
            target.awaitLineStartingWith("LEAKED", TIMEOUT);
            events.await(LeakSuspected.class, leak -> leak.viewStack().get(0).equals("Stage \"kept\""), TIMEOUT);
            // Watches that are still pending when the session ends must go too: more removals right before the end.
            target.send("remove-nodes 20");
            target.awaitLineStartingWith("REMOVED", TIMEOUT);

            session.detach("test finished");
            assertEquals(SessionEnd.Kind.DETACHED, events.awaitEnd(TIMEOUT).kind());
            target.send("agent-threads");
            assertEquals("AGENT THREADS none", target.awaitLineStartingWith("AGENT THREADS", TIMEOUT));

            Path dump = dir.resolve("target.hprof");
            heapDump(target.pid(), dump);
            try (HprofIndex index = HeapDump.open(dump, ProgressListener.NONE, CancelToken.NEVER)) {
                assertTrue(index.findClass("dev.leakinspector.agent.AgentSession") != null,
                        "the agent was loaded, so its session class is in the dump");
                for (String className : AGENT_SESSION_CLASSES) {
                    int count = instances(index, className);
                    assertEquals(0, count, () -> count + " instance(s) of " + className + " left after detach, held by:\n"
                            + whatHolds(index, className));
                }
            }
        }
    }

    private static int instances(HprofIndex index, String className) {
        HeapClass cls = index.findClass(className);
        if (cls == null) {
            return 0;
        }
        int[] count = {0};
        index.forEachInstanceOf(cls, i -> count[0]++, CancelToken.NEVER);
        return count[0];
    }

    private static String whatHolds(HprofIndex index, String className) {
        return LeakTraceText.format(new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER)
                .analyze(ObjectSelector.byClass(className), 1));
    }

    /** {@code jcmd <pid> GC.heap_dump <file>}: live objects only (a full GC first); returns when the file is complete. */
    private static void heapDump(long pid, Path file) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_dump", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jcmd finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(Files.size(file) > 0, out);
    }
}
