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
 * <p>Threading: created and closed on the main thread, which goes on running while the hook runs; the main thread
 * asks {@link #interrupted()} before it ends the session itself, and leaves the end to the hook when it is true.
 */
final class SignalEnding implements AutoCloseable {
    private final long pid;
    private final EndOncePrinter printer;
    private final PrintStream out;
    private final PrintStream err;
    private final CancelToken cancel = new CancelToken();
    private final Thread hook = new Thread(this::end, "leak-inspector-signal");
    private volatile LiveSession session;

    private SignalEnding(long pid, EndOncePrinter printer, PrintStream out, PrintStream err) {
        this.pid = pid;
        this.printer = printer;
        this.out = out;
        this.err = err;
    }

    /** Installs the hook for a session with process {@code pid} that is about to be attached. */
    static SignalEnding install(long pid, EndOncePrinter printer, PrintStream out, PrintStream err) {
        SignalEnding ending = new SignalEnding(pid, printer, out, err);
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
        HeapDumpFiles.deleteAllOfThisProcess();
        if (attachedSession != null) {
            printer.ended(new SessionEnd(SessionEnd.Kind.DETACHED, "Leak Inspector was interrupted by a signal;"
                    + " detached from process " + pid), "interrupted");
        } else {
            // Still attaching: an agent that loaded meanwhile finds no one to connect to and unloads.
            err.println("leak-inspector: interrupted while attaching to process " + pid);
        }
        out.flush();
        err.flush();
    }
}
