package dev.leakinspector.cli;

import dev.leakinspector.attach.AttachResult;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.Hello;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.AgentEvents;
import dev.leakinspector.session.SessionEnd;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One JSON object per line: {@code hello}, {@code leak}, {@code deallocated}, {@code reused}, {@code verdict},
 * {@code error}, {@code stats} (only when asked for), with {@code --explain} an {@code explanation} per standing
 * leak and {@code heapdump} (a kept dump), and a final {@code end}. Thread-safe.
 */
final class JsonEventPrinter implements EventPrinter, AgentEvents {
    private final PrintStream out;
    private final boolean withStats;

    JsonEventPrinter(PrintStream out, boolean withStats) {
        this.out = out;
        this.withStats = withStats;
    }

    @Override
    public synchronized void attached(Hello hello, AttachResult result) {
        print(new JsonLine("hello")
                .field("pid", hello.pid())
                .field("javaVersion", hello.javaVersion())
                .field("vmName", hello.vmName())
                .field("mainClass", hello.mainClass())
                .field("agentVersion", hello.agentVersion())
                .field("toolkits", hello.toolkits())
                .field("explicitGcDisabled", hello.explicitGcDisabled())
                .field("agentAlreadyLoaded", result.agentAlreadyLoaded()));
    }

    @Override
    public synchronized void message(Message message) {
        AgentEvents.dispatch(message, this);
    }

    @Override
    public synchronized void leakSuspected(LeakSuspected leak) {
        print(leakLine(leak));
    }

    @Override
    public synchronized void objectDeallocated(ObjectDeallocated deallocated) {
        print(new JsonLine("deallocated")
                .field("id", Long.toString(deallocated.watchId()))
                .field("afterMillis", deallocated.afterMillis()));
    }

    @Override
    public synchronized void objectReused(ObjectReused reused) {
        print(new JsonLine("reused")
                .field("id", Long.toString(reused.watchId()))
                .field("afterMillis", reused.afterMillis()));
    }

    @Override
    public synchronized void verdictChanged(VerdictChanged change) {
        print(new JsonLine("verdict")
                .field("id", Long.toString(change.watchId()))
                .field("verdict", change.verdict().wireName())
                .field("reason", change.reason()));
    }

    @Override
    public synchronized void agentError(AgentError error) {
        print(new JsonLine("error").field("context", error.context()).field("message", error.message()));
    }

    @Override
    public synchronized void stats(Stats stats) {
        if (!withStats) {
            return;
        }
        print(new JsonLine("stats")
                .field("time", stats.timestampMillis())
                .field("heapUsed", stats.heapUsedBytes())
                .field("heapMax", stats.heapMaxBytes())
                .field("liveWatches", stats.liveWatches())
                .field("pendingWatches", stats.pendingWatches())
                .field("reportedLeaks", stats.reportedLeaks())
                .field("dropped", stats.droppedEvents()));
    }

    static JsonLine leakLine(LeakSuspected leak) {
        JsonLine line = new JsonLine("leak")
                .field("id", Long.toString(leak.watchId()))
                .field("className", leak.className())
                .field("trigger", leak.trigger())
                .field("viewStack", leak.viewStack())
                .field("descendants", leak.descendants())
                .field("watchedAt", leak.watchedAtMillis())
                .field("reportedAt", leak.reportedAtMillis())
                .field("gcConfirmed", leak.gcConfirmed());
        if (!leak.gcConfirmed()) {
            line.field("gcSkippedBecause", leak.gcSkippedBecause());
        }
        return line.field("verdict", leak.verdict().wireName());
    }

    /** Nothing in JSON: the {@code explanation} lines follow when the dump is analysed. */
    @Override
    public void dumping(long pid, int leaks) {
    }

    /**
     * {@code {"type":"explanation","id":"…", …}}: the members of the analysis in the shape of {@code analyze --json}
     * (objectId, className, retainedBytes, fingerprint, paths, cycles, …) when there is one, and a {@code note}
     * when there is something to say.
     */
    @Override
    public synchronized void explained(LeakSuspected leak, Optional<ObjectAnalysis> analysis, String note) {
        JsonLine line = new JsonLine("explanation").field("id", Long.toString(leak.watchId()));
        analysis.ifPresent(a -> line.members(AnalysisJson.object(a)));
        if (!note.isEmpty()) {
            line.field("note", note);
        }
        print(line);
    }

    @Override
    public synchronized void dumpKept(Path file, long bytes) {
        print(new JsonLine("heapdump").field("path", file.toString()).field("bytes", bytes));
    }

    @Override
    public synchronized void ended(SessionEnd end, String reasonCode) {
        print(new JsonLine("end").field("reason", reasonCode).field("message", end.message()));
    }

    private void print(JsonLine line) {
        out.println(line);
        out.flush();
    }
}
