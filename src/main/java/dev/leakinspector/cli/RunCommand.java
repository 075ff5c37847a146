package dev.leakinspector.cli;

import dev.leakinspector.session.LaunchedProgram;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.ProgramCommand;
import dev.leakinspector.session.SessionListener;
import dev.leakinspector.session.SessionSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code run [attach's options] -- <java command line>}: starts a program with our agent loaded from its first
 * moment ({@code -javaagent}, so no JEP 451 warning, and {@code -XX:+DisableAttachMechanism} does not matter) and
 * follows its session exactly as {@code attach} does: the same events, JSON, {@code --explain}, {@code --fail-on}
 * and exit codes. The program's exit ends the session (exit code 0, or 4 with {@code --fail-on}); its exit code is
 * in the end line.
 *
 * <p>The java command line is {@code java …} (any launcher whose file name is {@code java}), or only the launcher's
 * arguments ({@code -cp build Main}, {@code -jar app.jar}), run with the launcher of the JVM running this tool (see
 * {@link ProgramCommand}). The program's standard input and error are ours; its standard output is passed on to
 * ours in whole lines ({@link ProgramOutput}), so its lines and our events never mix within a line.
 *
 * <p>The program does not outlive the session: when the session ends any other way than by its exit (the
 * duration, a broken link, SIGINT or SIGTERM to this tool), it is detached, then the program is asked to stop
 * (SIGTERM) and killed if it is still there {@link LiveSession#STOP_GRACE} later.
 *
 * <p>Runs on the calling thread.
 */
final class RunCommand {
    static final String USAGE = "run [--json] [--duration <seconds>] [--grace <ms>] [--ignore <glob>]... [--rule <spec>]..."
            + " [--stats] [--explain [--keep-dump]] [--fail-on leak|retained] -- <the program's java command line>";
    /** How long the program's last output may take to arrive once it has ended. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(2);

    private RunCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        AttachCommand.Options options;
        ProgramCommand command;
        try {
            int dashes = args.indexOf("--");
            if (dashes < 0) {
                throw new IllegalArgumentException("put the program's java command line after --,"
                        + " e.g. run --json -- -jar app.jar");
            }
            options = AttachCommand.Options.parse(args.subList(0, dashes), false);
            if (options.pid() != 0) {
                throw new IllegalArgumentException("run takes no process id; the program to start goes after --");
            }
            command = ProgramCommand.of(args.subList(dashes + 1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println("leak-inspector run: " + e.getMessage());
            err.println("usage: leak-inspector " + USAGE);
            return 2;
        }
        return AttachCommand.follow(options, new ProgramStart(command, options.settings(), out), out, err);
    }

    /**
     * Starts the program and, when the session is over, stops it if it still runs and passes its last output on.
     * Thread-safe: {@link #finish} may come from the main thread and the signal hook at once.
     */
    private static final class ProgramStart implements AttachCommand.SessionStart {
        private final ProgramCommand command;
        private final SessionSettings settings;
        private final PrintStream out;
        private Process process;
        private ProgramOutput output;
        private boolean finished;

        ProgramStart(ProgramCommand command, SessionSettings settings, PrintStream out) {
            this.command = command;
            this.settings = settings;
            this.out = out;
        }

        @Override
        public LiveSession open(SessionListener listener) throws IOException {
            return LiveSession.launch(command, settings, listener, ProcessBuilder.Redirect.PIPE, this::started);
        }

        private synchronized void started(Process started) {
            process = started;
            output = ProgramOutput.start(started.getInputStream(), out);
            if (finished) {
                // A signal came while the program was being started: it must not outlive this process.
                LaunchedProgram.stop(started, LiveSession.STOP_GRACE);
            }
        }

        @Override
        public boolean launches() {
            return true;
        }

        @Override
        public String failure(IOException e) {
            return "cannot run " + command + ": " + e.getMessage();
        }

        @Override
        public synchronized String finish(boolean targetExited) {
            if (finished) {
                return "";
            }
            finished = true;
            if (process == null) {
                return "";
            }
            if (targetExited) {
                try {
                    // It is on its way out (its shutdown hooks run): let it go by itself.
                    process.waitFor(LiveSession.STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            boolean wasRunning = process.isAlive();
            LaunchedProgram.stop(process, LiveSession.STOP_GRACE);
            output.drain(DRAIN_TIMEOUT);
            return wasRunning ? "; stopped process " + process.pid() : "";
        }
    }
}
