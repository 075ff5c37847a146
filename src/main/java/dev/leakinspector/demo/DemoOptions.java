package dev.leakinspector.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo's command line, parsed: which patterns the script runs (none: interactive) and whether
 * to exit after it. Immutable; usable from any thread.
 *
 * <pre>demo [--script 1,1b,3|all] [--exit-after-script[=SECONDS]] [--help]</pre>
 */
record DemoOptions(List<DemoPattern> script, boolean exitAfterScript, long exitDelayMillis, boolean help) {
    static final String USAGE = "usage: demo [--script <ids>|all] [--exit-after-script[=<seconds>]]\n"
            + "  --script <ids>         run these patterns by themselves once an agent is attached,"
            + " e.g. 1,1b,3 or all\n"
            + "  --exit-after-script    exit (code 0) a few seconds after the script; default: stay open\n"
            + "  pattern ids: " + DemoPatterns.all().stream().map(DemoPattern::id).collect(Collectors.joining(", "));

    /**
     * Default wait before exiting after the script: long enough for the agent's grace period, its
     * report, and pattern 3's retraction ~4 s after its close.
     */
    static final long DEFAULT_EXIT_DELAY_MILLIS = 8_000;

    DemoOptions {
        script = List.copyOf(script);
    }

    boolean scripted() {
        return !script.isEmpty();
    }

    /**
     * Parses the arguments after {@code demo}.
     *
     * @throws IllegalArgumentException with a message for the user on an unknown option or pattern id
     */
    static DemoOptions parse(String... args) {
        List<DemoPattern> script = new ArrayList<>();
        boolean scriptGiven = false;
        boolean exitAfter = false;
        long exitDelay = DEFAULT_EXIT_DELAY_MILLIS;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--script") || arg.startsWith("--script=")) {
                String value;
                if (arg.equals("--script")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--script needs pattern ids, e.g. --script 1,1b,3 or all");
                    }
                    value = args[++i];
                } else {
                    value = arg.substring("--script=".length());
                }
                if (scriptGiven) {
                    throw new IllegalArgumentException("--script given twice");
                }
                scriptGiven = true;
                script.addAll(parseIds(value));
            } else if (arg.equals("--exit-after-script")) {
                exitAfter = true;
            } else if (arg.startsWith("--exit-after-script=")) {
                exitAfter = true;
                exitDelay = parseSeconds(arg.substring("--exit-after-script=".length()));
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (exitAfter && !scriptGiven) {
            throw new IllegalArgumentException("--exit-after-script needs --script");
        }
        return new DemoOptions(script, exitAfter, exitDelay, help);
    }

    /** Parses {@code all} or a comma-separated list of ids, reporting every unknown id at once. */
    static List<DemoPattern> parseIds(String value) {
        if (value.trim().equalsIgnoreCase("all")) {
            return DemoPatterns.all();
        }
        List<DemoPattern> patterns = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : value.split(",", -1)) {
            if (id.isBlank()) {
                throw new IllegalArgumentException("empty pattern id in --script " + value);
            }
            DemoPatterns.byId(id).ifPresentOrElse(patterns::add, () -> unknown.add(id.trim()));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown pattern id" + (unknown.size() > 1 ? "s: " : ": ")
                    + String.join(", ", unknown) + " (known: "
                    + DemoPatterns.all().stream().map(DemoPattern::id).collect(Collectors.joining(", ")) + ", all)");
        }
        return patterns;
    }

    private static long parseSeconds(String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new NumberFormatException();
            }
            return Math.round(seconds * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--exit-after-script wants seconds, got: " + value);
        }
    }
}
