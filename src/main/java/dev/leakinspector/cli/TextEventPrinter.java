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
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.AgentEvents;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.TargetInfo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Events as aligned lines for a person at a terminal: a time, a label (LEAK, RETAINED, DEALLOCATED, REUSED,
 * VERDICT, AGENT ERROR), the report's number and what happened. Thread-safe.
 */
final class TextEventPrinter implements EventPrinter, AgentEvents {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final String INDENT = " ".repeat(27);

    private final PrintStream out;
    private final boolean withStats;
    /** The program was started with the agent ({@code run}): nothing attached, so no JEP 451 warning to explain. */
    private final boolean launched;

    TextEventPrinter(PrintStream out, boolean withStats) {
        this(out, withStats, false);
    }

    TextEventPrinter(PrintStream out, boolean withStats, boolean launched) {
        this.out = out;
        this.withStats = withStats;
        this.launched = launched;
    }

    @Override
    public synchronized void attached(Hello hello, AttachResult result) {
        out.printf("%s %d %s (Java %s, %s)%s%n", launched ? "Started" : "Attached to", hello.pid(), hello.mainClass(), hello.javaVersion(),
                hello.vmName(), result.agentAlreadyLoaded() ? ", reusing the agent already loaded" : "");
        out.printf("Toolkits: %s. Agent %s.%s%n", hello.toolkits().isEmpty() ? "none yet" : String.join(", ", hello.toolkits()),
                hello.agentVersion(), hello.explicitGcDisabled()
                        ? " Explicit GC is disabled (-XX:+DisableExplicitGC): reports are not confirmed by a GC." : "");
        if (!launched && TargetInfo.of(hello, result.agentAlreadyLoaded(), "").javaFeatureVersion() >= 21) {
            out.println("Note: Java 21+ prints a warning about a dynamically loaded agent in the target's output"
                    + " (JEP 451). That is expected; the target keeps running normally.");
        }
        out.flush();
    }

    @Override
    public synchronized void message(Message message) {
        AgentEvents.dispatch(message, this);
        out.flush();
    }

    @Override
    public synchronized void leakSuspected(LeakSuspected leak) {
        out.printf("%s  %-13s#%d %s  (%s, %d descendants, %s)%n", time(leak.reportedAtMillis()), label(leak.verdict()),
                leak.watchId(), leak.className(), leak.trigger(), leak.descendants(),
                leak.gcConfirmed() ? "confirmed by a GC" : leak.gcSkippedBecause().isEmpty() ? "NOT confirmed by a GC"
                        : "NOT confirmed by a GC: " + leak.gcSkippedBecause());
        out.println(INDENT + String.join(" › ", leak.viewStack()));
    }

    @Override
    public synchronized void objectDeallocated(ObjectDeallocated deallocated) {
        out.printf("%s  %-13s#%d after %s%n", time(System.currentTimeMillis()), "DEALLOCATED", deallocated.watchId(),
                seconds(deallocated.afterMillis()));
    }

    @Override
    public synchronized void objectReused(ObjectReused reused) {
        out.printf("%s  %-13s#%d after %s: the program shows it again%n", time(System.currentTimeMillis()), "REUSED",
                reused.watchId(), seconds(reused.afterMillis()));
    }

    @Override
    public synchronized void verdictChanged(VerdictChanged change) {
        out.printf("%s  %-13s#%d is now %s: %s%n", time(System.currentTimeMillis()), "VERDICT", change.watchId(),
                label(change.verdict()), change.reason());
    }

    @Override
    public synchronized void agentError(AgentError error) {
        out.printf("%s  %-13s%s: %s%n", time(System.currentTimeMillis()), "AGENT ERROR", error.context(), error.message());
    }

    @Override
    public synchronized void stats(Stats stats) {
        if (withStats) {
            out.printf("%s  %-13sheap %d MB of %d MB, %d live watches, %d pending, %d dropped%n",
                    time(stats.timestampMillis()), "stats", stats.heapUsedBytes() >> 20, stats.heapMaxBytes() >> 20,
                    stats.liveWatches(), stats.pendingWatches(), stats.droppedEvents());
        }
    }

    @Override
    public synchronized void dumping(long pid, int leaks) {
        out.println("Dumping the heap of process " + pid + " to explain " + leaks + " report(s); it pauses meanwhile…");
        out.flush();
    }

    /** A block under the report's number: the retention paths as {@code analyze} prints them, then the note. */
    @Override
    public synchronized void explained(LeakSuspected leak, Optional<ObjectAnalysis> analysis, String note) {
        out.println();
        out.println("Why #" + leak.watchId() + " " + leak.className() + " (" + String.join(" › ", leak.viewStack())
                + ") is still alive:");
        analysis.ifPresent(a -> AnalyzeCommand.printText(List.of(a), Map.of(), out));
        if (!note.isEmpty()) {
            out.println("  " + note);
        }
        out.flush();
    }

    @Override
    public synchronized void dumpKept(Path file, long bytes) {
        out.println("Heap dump kept (readable by you only): " + file);
        out.flush();
    }

    @Override
    public synchronized void ended(SessionEnd end, String reasonCode) {
        out.println("Session ended: " + end.message() + ".");
        out.flush();
    }

    /** LEAK or RETAINED: the column that tells a leak from what may be a cache. */
    static String label(Verdict verdict) {
        return verdict.wireName().toUpperCase(Locale.ROOT);
    }

    private static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
