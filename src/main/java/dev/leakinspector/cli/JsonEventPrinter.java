package dev.leakinspector.cli;

import dev.leakinspector.attach.AttachResult;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.Hello;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.SessionEnd;

import java.io.PrintStream;

/**
 * One JSON object per line: {@code hello}, {@code leak}, {@code deallocated}, {@code error},
 * {@code stats} (only when asked for) and a final {@code end}. Thread-safe.
 */
final class JsonEventPrinter implements EventPrinter {
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
        if (message instanceof LeakSuspected leak) {
            print(leakLine(leak));
        } else if (message instanceof ObjectDeallocated deallocated) {
            print(deallocatedLine(deallocated));
        } else if (message instanceof AgentError error) {
            print(new JsonLine("error").field("context", error.context()).field("message", error.message()));
        } else if (message instanceof Stats stats && withStats) {
            print(new JsonLine("stats")
                    .field("time", stats.timestampMillis())
                    .field("heapUsed", stats.heapUsedBytes())
                    .field("heapMax", stats.heapMaxBytes())
                    .field("liveWatches", stats.liveWatches())
                    .field("pendingWatches", stats.pendingWatches())
                    .field("reportedLeaks", stats.reportedLeaks())
                    .field("dropped", stats.droppedEvents()));
        }
    }

    static JsonLine leakLine(LeakSuspected leak) {
        return new JsonLine("leak")
                .field("id", Long.toString(leak.watchId()))
                .field("className", leak.className())
                .field("trigger", leak.trigger())
                .field("viewStack", leak.viewStack())
                .field("descendants", leak.descendants())
                .field("watchedAt", leak.watchedAtMillis())
                .field("reportedAt", leak.reportedAtMillis())
                .field("gcConfirmed", leak.gcConfirmed());
    }

    static JsonLine deallocatedLine(ObjectDeallocated deallocated) {
        return new JsonLine("deallocated")
                .field("id", Long.toString(deallocated.watchId()))
                .field("afterMillis", deallocated.afterMillis());
    }

    /** Prints a line built elsewhere (an explained leak), in order with the others. */
    synchronized void printLine(JsonLine line) {
        print(line);
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
