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
 * Prints a session's events on the command line, as text for people or as JSON Lines for scripts. Every call
 * prints and flushes at once, so that what was printed is there whenever the tool stops. Called from the
 * session's reader thread, the main thread and a shutdown hook; implementations synchronize.
 */
interface EventPrinter {
    void attached(Hello hello, AttachResult result);

    void message(Message message);

    /** {@code attach --explain}: the target is about to dump its heap to explain {@code leaks} standing reports. */
    void dumping(long pid, int leaks);

    /**
     * Why a reported object is alive ({@code analysis}), or why that cannot be shown ({@code note}: collected
     * before the dump, no dump could be taken); a note may come with an analysis too.
     */
    void explained(LeakSuspected leak, Optional<ObjectAnalysis> analysis, String note);

    /** The heap dump was kept, as the user asked ({@code --keep-dump}). */
    void dumpKept(Path file, long bytes);

    void ended(SessionEnd end, String reasonCode);
}
