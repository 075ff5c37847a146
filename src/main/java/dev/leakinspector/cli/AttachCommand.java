package dev.leakinspector.cli;

import dev.leakinspector.attach.AttachFailure;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionListener;
import dev.leakinspector.session.SessionSettings;
import dev.leakinspector.session.StandingReports;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code attach <pid> [--json] [--duration <seconds>] [--grace <ms>] [--ignore <glob>]... [--rule <spec>]... [--stats]
 * [--explain [--keep-dump]] [--fail-on leak|retained]}: attaches to a JVM and prints leak events as they come, until
 * the duration ends or the target exits, or the link breaks. Runs on the calling thread.
 *
 * <p>Exit codes: 0 the duration ended or the target exited; 1 attaching failed (one line on standard error);
 * 2 usage error; 3 the link broke while the target runs; 4 {@code --fail-on}: a report with that verdict or a worse
 * one still stands at the end; 130 (SIGINT, Ctrl-C) and 143 (SIGTERM) as a shell reports a signal, after the
 * session was ended cleanly: everything received printed, the end line printed, detached, no heap dump left.
 */
final class AttachCommand {
    static final String USAGE = "attach <pid> [--json] [--duration <seconds>] [--grace <ms>] [--ignore <glob>]..."
            + " [--rule <spec>]... [--stats] [--explain [--keep-dump]] [--fail-on leak|retained]";
    /** A report with the {@code --fail-on} verdict or a worse one still stands at the end. */
    static final int EXIT_FAIL_ON = 4;
    /** What the JVM exits with on SIGINT and SIGTERM (128 + the signal's number), as shells report it. */
    static final int EXIT_SIGINT = 130;
    static final int EXIT_SIGTERM = 143;

    private AttachCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("leak-inspector attach: " + e.getMessage());
            err.println("usage: leak-inspector " + USAGE);
            return 2;
        }
        return follow(options, out, err);
    }

    /**
     * Attaches to {@code options.pid()} and prints the session until it ends. Shared with
     * {@link TryDemoCommand}.
     */
    static int follow(Options options, PrintStream out, PrintStream err) {
        return follow(options, new SessionStart() {
            @Override
            public LiveSession open(SessionListener listener) throws AttachFailure, IOException {
                return LiveSession.attach(options.pid, options.settings, listener);
            }

            @Override
            public String failure(IOException e) {
                return "cannot attach to process " + options.pid + ": " + e.getMessage();
            }
        }, out, err);
    }

    /**
     * How a followed session begins, and what is left to do once it is over: attaching ({@code attach},
     * {@code try-demo}) or starting a program ({@code run}). Called on the main thread, and {@link #finish} also
     * on the signal hook's.
     */
    interface SessionStart {
        /** Opens the session; messages go to {@code listener}. */
        LiveSession open(SessionListener listener) throws AttachFailure, IOException;

        /** Whether this starts the program with the agent rather than attaching to it. */
        default boolean launches() {
            return false;
        }

        /** The line (without the {@code leak-inspector: } prefix) for standard error when opening failed. */
        String failure(IOException e);

        /**
         * Runs once the session is over (or could not be opened, or a signal came), before its end is printed; at
         * most once counts. Returns what it did for the end line ({@code "; stopped process 123"}), or "".
         *
         * @param targetExited the session ended because the target is exiting: it may take a moment to be gone
         */
        default String finish(boolean targetExited) {
            return "";
        }
    }

    /** Opens the session with {@code start} and prints it until it ends. */
    static int follow(Options options, SessionStart start, PrintStream out, PrintStream err) {
        EndOncePrinter printer = new EndOncePrinter(options.json
                ? new JsonEventPrinter(out, options.stats) : new TextEventPrinter(out, options.stats, start.launches()));
        StandingReports reports = new StandingReports();
        try (SignalEnding signal = SignalEnding.install(options.pid, start, printer, out, err)) {
            LiveSession session;
            try {
                session = start.open(new SessionListener() {
                    @Override
                    public void onMessage(Message message) {
                        reports.record(message);
                        printer.message(message);
                    }

                    @Override
                    public void onEnded(SessionEnd end) {
                        // The main thread reports the end; it knows whether the duration ran out.
                    }
                });
            } catch (AttachFailure failure) {
                start.finish(false);
                err.println("leak-inspector: " + failure.getMessage());
                return 1;
            } catch (IOException e) {
                start.finish(false);
                err.println("leak-inspector: " + start.failure(e));
                return 1;
            }
            signal.attached(session);
            printer.attached(session.hello(), session.attachResult());
            StandingReportsExplainer explainer = options.explain
                    ? new StandingReportsExplainer(reports, printer, options.keepDump, signal.cancelToken()) : null;
            Optional<SessionEnd> end = session.awaitEnd(options.duration);
            if (end.isEmpty() && explainer != null) {
                explainer.explain(session, err);
            }
            if (signal.interrupted()) {
                // The JVM exits with the signal's code once the hook has ended the session; this value is not used.
                return EXIT_SIGTERM;
            }
            int exitCode;
            if (end.isEmpty()) {
                session.detach("the requested duration ended");
                String finished = start.finish(false);
                printer.ended(new SessionEnd(SessionEnd.Kind.DETACHED, "the duration of " + options.duration.toSeconds()
                        + " s ended; detached from process " + session.pid() + finished), "duration");
                exitCode = 0;
            } else {
                if (explainer != null) {
                    explainer.unavailable("no heap dump: " + end.get().message());
                }
                String finished = start.finish(end.get().kind() == SessionEnd.Kind.TARGET_EXITED);
                printer.ended(new SessionEnd(end.get().kind(), end.get().message() + finished),
                        reasonCode(end.get().kind()));
                exitCode = switch (end.get().kind()) {
                    case TARGET_EXITED, DETACHED -> 0;
                    case AGENT_LEFT, LINK_LOST -> 3;
                };
            }
            return exitCode == 0 ? failOn(options.failOn, reports, err) : exitCode;
        }
    }

    /** {@link #EXIT_FAIL_ON} when a standing report has the verdict {@code threshold} or worse, else 0. */
    static int failOn(Verdict threshold, StandingReports reports, PrintStream err) {
        if (threshold == null) {
            return 0;
        }
        int failing = reports.countAtLeast(threshold);
        if (failing == 0) {
            return 0;
        }
        err.println("leak-inspector: " + failing + " standing report(s) with the verdict " + threshold.wireName()
                + (threshold == Verdict.LEAK ? "" : " or worse") + " (--fail-on " + threshold.wireName() + ")");
        err.flush();
        return EXIT_FAIL_ON;
    }

    private static String reasonCode(SessionEnd.Kind kind) {
        return switch (kind) {
            case DETACHED -> "detached";
            case TARGET_EXITED -> "target-exited";
            case AGENT_LEFT -> "agent-left";
            case LINK_LOST -> "link-lost";
        };
    }

    /** A year: far beyond any session, and far from overflowing a duration in milliseconds. */
    private static final long MAX_DURATION_SECONDS = 365L * 24 * 3600;
    /** The agent's own bound for the grace period. */
    private static final long MAX_GRACE_MILLIS = 600_000;

    /** The parsed arguments; {@code pid} is 0 when {@code pidRequired} was false and none was given. */
    record Options(long pid, boolean json, boolean stats, boolean explain, boolean keepDump, Duration duration,
                   SessionSettings settings, Verdict failOn) {
        static Options parse(List<String> args) {
            return parse(args, true);
        }

        Options withPid(long newPid) {
            return new Options(newPid, json, stats, explain, keepDump, duration, settings, failOn);
        }

        static Options parse(List<String> args, boolean pidRequired) {
            Long pid = null;
            boolean json = false;
            boolean stats = false;
            boolean explain = false;
            boolean keepDump = false;
            Verdict failOn = null;
            Duration duration = Duration.ofMillis(Long.MAX_VALUE);
            long grace = SessionSettings.DEFAULT_GRACE_MILLIS;
            List<String> ignore = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--json" -> json = true;
                    case "--stats" -> stats = true;
                    case "--explain" -> explain = true;
                    case "--keep-dump" -> keepDump = true;
                    case "--fail-on" -> failOn = verdict(value(args, ++i, arg), arg);
                    case "--duration" -> duration = Duration.ofSeconds(within(value(args, ++i, arg), arg, 1, MAX_DURATION_SECONDS));
                    case "--grace" -> grace = within(value(args, ++i, arg), arg, 0, MAX_GRACE_MILLIS);
                    case "--ignore" -> ignore.add(value(args, ++i, arg));
                    // Checked by the agent, which reports a malformed rule as an error line.
                    case "--rule" -> rules.add(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-") || pid != null) {
                            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                        }
                        pid = parsePid(arg);
                    }
                }
            }
            if (pid == null && pidRequired) {
                throw new IllegalArgumentException("which process? give its pid (see 'leak-inspector list')");
            }
            SessionSettings settings = new SessionSettings(grace, ignore, SessionSettings.defaults().connectTimeout(), rules);
            if (keepDump && !explain) {
                throw new IllegalArgumentException("--keep-dump goes with --explain (which makes the dump)");
            }
            return new Options(pid == null ? 0 : pid, json, stats, explain, keepDump, duration, settings, failOn);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }

        private static Verdict verdict(String text, String option) {
            try {
                return Verdict.ofWireName(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " needs leak or retained, not '" + text + "'");
            }
        }

        private static long within(String text, String option, long min, long max) {
            try {
                long value = Long.parseLong(text);
                if (value < min || value > max) {
                    throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + value);
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a whole number, not '" + text + "'");
            }
        }

        private static long parsePid(String text) {
            try {
                long pid = Long.parseLong(text);
                if (pid <= 0) {
                    throw new NumberFormatException();
                }
                return pid;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a process id");
            }
        }
    }
}
