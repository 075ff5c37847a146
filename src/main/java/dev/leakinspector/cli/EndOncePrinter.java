package dev.leakinspector.cli;

import dev.leakinspector.attach.AttachResult;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.protocol.Hello;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.session.SessionEnd;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Passes events to a printer until the session's end is printed, and drops everything after it, so the end line
 * is printed once and stays last: both the main thread (the session ended) and the shutdown hook (a signal) try
 * to end, and the session's thread may still deliver a message meanwhile. Thread-safe.
 */
final class EndOncePrinter implements EventPrinter {
    private final EventPrinter printer;
    private boolean ended;

    EndOncePrinter(EventPrinter printer) {
        this.printer = printer;
    }

    /** Whether the end was printed. */
    synchronized boolean hasEnded() {
        return ended;
    }

    @Override
    public synchronized void attached(Hello hello, AttachResult result) {
        if (!ended) {
            printer.attached(hello, result);
        }
    }

    @Override
    public synchronized void message(Message message) {
        if (!ended) {
            printer.message(message);
        }
    }

    @Override
    public synchronized void dumping(long pid, int leaks) {
        if (!ended) {
            printer.dumping(pid, leaks);
        }
    }

    @Override
    public synchronized void explained(LeakSuspected leak, Optional<ObjectAnalysis> analysis, String note) {
        if (!ended) {
            printer.explained(leak, analysis, note);
        }
    }

    @Override
    public synchronized void dumpKept(Path file, long bytes) {
        if (!ended) {
            printer.dumpKept(file, bytes);
        }
    }

    /** Prints the end unless it was printed already. */
    @Override
    public synchronized void ended(SessionEnd end, String reasonCode) {
        if (!ended) {
            ended = true;
            printer.ended(end, reasonCode);
        }
    }
}
