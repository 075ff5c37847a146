package dev.leakinspector.cli;

import dev.leakinspector.attach.AttachFailure;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.session.LiveSession;
import dev.leakinspector.session.SessionEnd;
import dev.leakinspector.session.SessionListener;
import dev.leakinspector.session.SessionSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code attach <pid> [--json] [--duration <seconds>] [--grace <ms>] [--ignore <glob>]... [--rule <spec>]... [--stats]}:
 * attaches to a JVM and prints leak events as they come, until the duration ends or the target
 * exits (exit code 0 for both), or the link breaks (3). Attach failures print one line on standard
 * error and exit 1; usage errors exit 2. Runs on the calling thread.
 */
final class AttachCommand {
    static final String USAGE =
            "attach <pid> [--json] [--duration <seconds>] [--grace <ms>] [--ignore <glob>]... [--rule <spec>]... [--stats] [--explain [--keep-dump]]";

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
        JsonEventPrinter json = options.json ? new JsonEventPrinter(out, options.stats) : null;
        EventPrinter live = json != null ? json : new TextEventPrinter(out, options.stats);
        ExplainingPrinter explaining = options.explain ? new ExplainingPrinter(live, json, out, options.keepDump) : null;
        EventPrinter printer = explaining != null ? explaining : live;
        LiveSession session;
        try {
            session = LiveSession.attach(options.pid, options.settings, new SessionListener() {
                @Override
                public void onMessage(Message message) {
                    printer.message(message);
                }

                @Override
                public void onEnded(SessionEnd end) {
                    // The main thread reports the end; it knows whether the duration ran out.
                }
            });
        } catch (AttachFailure failure) {
            err.println("leak-inspector: " + failure.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("leak-inspector: cannot attach to process " + options.pid + ": " + e.getMessage());
            return 1;
        }
        printer.attached(session.hello(), session.attachResult());
        Thread detachOnInterrupt = new Thread(() -> session.detach("Leak Inspector was interrupted"));
        Runtime.getRuntime().addShutdownHook(detachOnInterrupt);
        try {
            Optional<SessionEnd> end = session.awaitEnd(options.duration);
            if (end.isEmpty()) {
                if (explaining != null) {
                    explaining.explain(session, null, err);
                }
                session.detach("the requested duration ended");
                printer.ended(new SessionEnd(SessionEnd.Kind.DETACHED, "the duration of " + options.duration.toSeconds()
                        + " s ended; detached from process " + options.pid), "duration");
                return 0;
            }
            if (explaining != null) {
                explaining.explain(null, "no heap dump: " + end.get().message(), err);
            }
            printer.ended(end.get(), reasonCode(end.get().kind()));
            return switch (end.get().kind()) {
                case TARGET_EXITED, DETACHED -> 0;
                case AGENT_LEFT, LINK_LOST -> 3;
            };
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(detachOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // Interrupted by the user: the hook is detaching.
            }
        }
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
                   SessionSettings settings) {
        static Options parse(List<String> args) {
            return parse(args, true);
        }

        Options withPid(long newPid) {
            return new Options(newPid, json, stats, explain, keepDump, duration, settings);
        }

        static Options parse(List<String> args, boolean pidRequired) {
            Long pid = null;
            boolean json = false;
            boolean stats = false;
            boolean explain = false;
            boolean keepDump = false;
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
            return new Options(pid == null ? 0 : pid, json, stats, explain, keepDump, duration, settings);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
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
