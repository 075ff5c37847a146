package dev.leakinspector.cli;

import dev.leakinspector.attach.AttachResult;
import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.ProgressListener;
import dev.leakinspector.protocol.Hello;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.session.LeakExplainer;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code attach --explain}: the session's leaks are kept until it ends, then one heap dump of the
 * target explains them all. With {@code --json} each leak is printed then, with an
 * {@code "explanation"} in the shape of {@code analyze --json} (followed by its retraction, if it
 * came); in text the leaks are printed as they come and the traces follow at the end. Other events
 * are printed as they come. Thread-safe: events arrive on the session's thread, the end on the
 * main thread.
 */
final class ExplainingPrinter implements EventPrinter {
    private static final int PATHS = 3;

    private final EventPrinter live;
    private final boolean keepDump;
    private final JsonEventPrinter json;
    private final PrintStream out;
    private final List<LeakSuspected> leaks = new ArrayList<>();
    private final Map<Long, ObjectDeallocated> retractions = new LinkedHashMap<>();

    /** @param json the live printer when the output is JSON, else null */
    ExplainingPrinter(EventPrinter live, JsonEventPrinter json, PrintStream out, boolean keepDump) {
        this.live = live;
        this.keepDump = keepDump;
        this.json = json;
        this.out = out;
    }

    @Override
    public void attached(Hello hello, AttachResult result) {
        live.attached(hello, result);
    }

    @Override
    public synchronized void message(Message message) {
        if (message instanceof LeakSuspected leak) {
            leaks.add(leak);
            if (json == null) {
                live.message(leak);
            }
        } else if (message instanceof ObjectDeallocated retraction) {
            retractions.put(retraction.watchId(), retraction);
            if (json == null || leaks.stream().noneMatch(leak -> leak.watchId() == retraction.watchId())) {
                live.message(retraction);
            }
        } else {
            live.message(message);
        }
    }

    /**
     * Dumps the target once for the leaks that are still alive and prints why each is alive.
     *
     * @param session the session, still attached; null when it ended first (nothing can be dumped)
     */
    void explain(LiveSession session, String unavailable, PrintStream err) {
        // Not under this printer's lock while the target dumps: the session's thread must go on
        // delivering messages (the dump's answer among them) through message().
        List<Long> alive;
        synchronized (this) {
            alive = leaks.stream().map(LeakSuspected::watchId).filter(id -> !retractions.containsKey(id)).toList();
        }
        Map<Long, LeakExplainer.Explanation> explanations = Map.of();
        LeakExplainer.Result result = null;
        String failure = session == null ? unavailable : null;
        if (session != null && !alive.isEmpty()) {
            if (json == null) {
                out.println("Dumping the heap of process " + session.pid() + " to explain " + alive.size()
                        + " leak(s); it pauses meanwhile…");
            }
            try {
                result = LeakExplainer.explain(session, alive, PATHS, keepDump, ProgressListener.NONE, CancelToken.NEVER);
                explanations = result.byWatchId();
            } catch (IOException | RuntimeException e) {
                failure = e.getMessage();
                err.println("leak-inspector: no explanation: " + failure);
            }
        }
        synchronized (this) {
            if (json != null) {
                printJson(explanations, failure);
                if (result != null && result.kept()) {
                    json.printLine(new JsonLine("heapdump").field("path", result.dumpFile().toString())
                            .field("bytes", result.dumpBytes()));
                }
            } else {
                printText(explanations);
                if (result != null && result.kept()) {
                    out.println("Heap dump kept (readable by you only): " + result.dumpFile());
                }
            }
        }
    }

    private void printJson(Map<Long, LeakExplainer.Explanation> explanations, String failure) {
        for (LeakSuspected leak : leaks) {
            JsonLine line = JsonEventPrinter.leakLine(leak);
            LeakExplainer.Explanation explanation = explanations.get(leak.watchId());
            ObjectDeallocated retraction = retractions.get(leak.watchId());
            if (explanation != null && explanation.analysis().isPresent()) {
                line.raw("explanation", AnalysisJson.object(explanation.analysis().get()));
            } else {
                line.raw("explanation", "null");
            }
            String note = explanation != null ? explanation.note()
                    : retraction != null ? "collected before the end of the session" : failure;
            if (note != null && !note.isEmpty()) {
                line.field("explanationNote", note);
            }
            json.printLine(line);
            if (retraction != null) {
                json.printLine(JsonEventPrinter.deallocatedLine(retraction));
            }
        }
    }

    private void printText(Map<Long, LeakExplainer.Explanation> explanations) {
        for (LeakSuspected leak : leaks) {
            LeakExplainer.Explanation explanation = explanations.get(leak.watchId());
            if (explanation == null) {
                continue;
            }
            out.println();
            out.println("Why #" + leak.watchId() + " " + leak.className() + " (" + String.join(" › ", leak.viewStack())
                    + ") is still alive:");
            if (explanation.analysis().isPresent()) {
                AnalyzeCommand.printText(List.of(explanation.analysis().get()), Map.of(), out);
            }
            if (!explanation.note().isEmpty()) {
                out.println("  " + explanation.note());
            }
        }
        out.flush();
    }

    @Override
    public void ended(SessionEnd end, String reasonCode) {
        live.ended(end, reasonCode);
    }
}
