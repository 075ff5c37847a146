package dev.leakinspector.cli;

import dev.leakinspector.attach.AttachResult;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.Hello;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.TargetInfo;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Events as aligned lines for a person at a terminal. Thread-safe. */
final class TextEventPrinter implements EventPrinter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final String INDENT = " ".repeat(27);

    private final PrintStream out;
    private final boolean withStats;

    TextEventPrinter(PrintStream out, boolean withStats) {
        this.out = out;
        this.withStats = withStats;
    }

    @Override
    public synchronized void attached(Hello hello, AttachResult result) {
        out.printf("Attached to %d %s (Java %s, %s)%s%n", hello.pid(), hello.mainClass(), hello.javaVersion(),
                hello.vmName(), result.agentAlreadyLoaded() ? ", reusing the agent already loaded" : "");
        out.printf("Toolkits: %s. Agent %s.%s%n", hello.toolkits().isEmpty() ? "none yet" : String.join(", ", hello.toolkits()),
                hello.agentVersion(), hello.explicitGcDisabled()
                        ? " Explicit GC is disabled (-XX:+DisableExplicitGC): reports are not confirmed by a GC." : "");
        if (TargetInfo.of(hello, result.agentAlreadyLoaded(), "").javaFeatureVersion() >= 21) {
            out.println("Note: Java 21+ prints a warning about a dynamically loaded agent in the target's output"
                    + " (JEP 451). That is expected; the target keeps running normally.");
        }
        out.flush();
    }

    @Override
    public synchronized void message(Message message) {
        if (message instanceof LeakSuspected leak) {
            out.printf("%s  LEAK         #%d %s  (%s, %d descendants, %s)%n", time(leak.reportedAtMillis()),
                    leak.watchId(), leak.className(), leak.trigger(), leak.descendants(),
                    leak.gcConfirmed() ? "confirmed by a GC" : "NOT confirmed by a GC");
            out.println(INDENT + String.join(" › ", leak.viewStack()));
        } else if (message instanceof ObjectDeallocated deallocated) {
            out.printf("%s  DEALLOCATED  #%d after %s%n", time(System.currentTimeMillis()), deallocated.watchId(),
                    seconds(deallocated.afterMillis()));
        } else if (message instanceof AgentError error) {
            out.printf("%s  AGENT ERROR  %s: %s%n", time(System.currentTimeMillis()), error.context(), error.message());
        } else if (message instanceof Stats stats && withStats) {
            out.printf("%s  stats        heap %d MB of %d MB, %d live watches, %d pending, %d dropped%n",
                    time(stats.timestampMillis()), stats.heapUsedBytes() >> 20, stats.heapMaxBytes() >> 20,
                    stats.liveWatches(), stats.pendingWatches(), stats.droppedEvents());
        }
        out.flush();
    }

    @Override
    public synchronized void ended(SessionEnd end, String reasonCode) {
        out.println("Session ended: " + end.message() + ".");
        out.flush();
    }

    private static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
