package dev.leakinspector.cli;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.session.HeapDumpFiles;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;

import java.io.PrintStream;

/**
 * Ends an attach session cleanly when a signal stops the tool (SIGINT from Ctrl-C, SIGTERM from {@code timeout} or
 * a CI cancel, SIGHUP): as a shutdown hook it stops a heap dump or analysis in progress, detaches (messages still on
 * their way are printed meanwhile), deletes every heap dump of this process, also one the target is still writing,
 * and prints the end line. The JVM then exits with 128 + the signal's number (130, 143, 129), as a shell reports it.
 *
 * <p>For {@code run}, the program it started is stopped too, after the detach ({@link AttachCommand.SessionStart#finish}),
 * and its last output passed on before the end line.
 *
 * <p>Threading: created and closed on the main thread, which goes on running while the hook runs; the main thread
 * asks {@link #interrupted()} before it ends the session itself, and leaves the end to the hook when it is true.
 */
final class SignalEnding implements AutoCloseable {
    private final long pid;
    private final AttachCommand.SessionStart start;
    private final EndOncePrinter printer;
    private final PrintStream out;
    private final PrintStream err;
    private final CancelToken cancel = new CancelToken();
    private final Thread hook = new Thread(this::end, "leak-inspector-signal");
    private volatile LiveSession session;

    private SignalEnding(long pid, AttachCommand.SessionStart start, EndOncePrinter printer, PrintStream out,
                         PrintStream err) {
        this.pid = pid;
        this.start = start;
        this.printer = printer;
        this.out = out;
        this.err = err;
    }

    /**
     * Installs the hook for a session about to be opened by {@code start}: attached to process {@code pid}, or with a
     * program to start ({@code pid} 0).
     */
    static SignalEnding install(long pid, AttachCommand.SessionStart start, EndOncePrinter printer, PrintStream out,
                                PrintStream err) {
        SignalEnding ending = new SignalEnding(pid, start, printer, out, err);
        Runtime.getRuntime().addShutdownHook(ending.hook);
        return ending;
    }

    /** The session is attached: a signal detaches it from now on. */
    void attached(LiveSession attachedSession) {
        session = attachedSession;
    }

    /** Cancelled by a signal: long work (the heap dump, its analysis) polls it. */
    CancelToken cancelToken() {
        return cancel;
    }

    /** Whether a signal arrived: then the hook ends the session and prints the end, not the main thread. */
    boolean interrupted() {
        return cancel.isCancelled();
    }

    /** Removes the hook: the session ended without a signal. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // A signal came meanwhile: the hook is ending the session.
        }
    }

    private void end() {
        cancel.cancel();
        LiveSession attachedSession = session;
        if (attachedSession != null) {
            attachedSession.detach("Leak Inspector was interrupted");
        }
        String finished = start.finish(false);
        HeapDumpFiles.deleteAllOfThisProcess();
        if (attachedSession != null) {
            printer.ended(new SessionEnd(SessionEnd.Kind.DETACHED, "Leak Inspector was interrupted by a signal;"
                    + " detached from process " + attachedSession.pid() + finished), "interrupted");
        } else if (pid == 0) {
            err.println("leak-inspector: interrupted while starting the program" + finished);
        } else {
            // Still attaching: an agent that loaded meanwhile finds no one to connect to and unloads.
            err.println("leak-inspector: interrupted while attaching to process " + pid);
        }
        out.flush();
        err.flush();
    }
}
