package dev.leakinspector.agent;

import dev.leakinspector.protocol.WatchRule;
import dev.leakinspector.protocol.AgentOptions;
import dev.leakinspector.protocol.AuthToken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's options, parsed once from the {@code key=value} string given to {@code loadAgent}.
 * Unknown keys and bad values are collected as {@link #problems()} rather than thrown, so they can
 * be sent to the user over the link. Immutable and thread-safe.
 *
 * <p>Keys: {@code host} (default 127.0.0.1), {@code port} and {@code token} (required),
 * {@code grace} (ms, default 2000), {@code gc} (true|false, default true: may the agent ask for a
 * GC), {@code ignore} (class-name globs separated by {@code ;}), {@code rule} (watch rules such as
 * {@code com.acme.Session#close:this}, separated by {@code ;}).
 */
record AgentConfig(String host, int port, AuthToken token, long graceMillis, boolean gcEnabled,
                   List<String> ignoreGlobs, List<String> watchRules, List<String> problems) {
    static final long DEFAULT_GRACE_MILLIS = 2000;
    static final long MAX_GRACE_MILLIS = 600_000;
    private static final Set<String> KNOWN_KEYS = Set.of("host", "port", "token", "grace", "gc", "ignore", "rule");

    AgentConfig {
        ignoreGlobs = List.copyOf(ignoreGlobs);
        watchRules = List.copyOf(watchRules);
        problems = List.copyOf(problems);
    }

    /** Whether there is enough to reach our process (host, port, token). */
    boolean canConnect() {
        return port > 0 && token != null;
    }

    static AgentConfig parse(String options) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values;
        try {
            values = AgentOptions.parse(options);
        } catch (IllegalArgumentException e) {
            return new AgentConfig("127.0.0.1", 0, null, DEFAULT_GRACE_MILLIS, true, List.of(), List.of(),
                    List.of("bad agent options: " + e.getMessage()));
        }
        for (String key : values.keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                problems.add("unknown agent option '" + key + "' (known: " + String.join(", ", KNOWN_KEYS.stream().sorted().toList()) + ")");
            }
        }
        String host = values.getOrDefault("host", "127.0.0.1");
        int port = (int) number(values, "port", 0, 1, 65535, problems);
        AuthToken token = null;
        if (values.containsKey("token")) {
            try {
                token = AuthToken.fromHex(values.get("token"));
            } catch (IllegalArgumentException e) {
                problems.add("agent option 'token' is not a 128-bit hex token");
            }
        } else {
            problems.add("agent option 'token' is missing");
        }
        long grace = number(values, "grace", DEFAULT_GRACE_MILLIS, 0, MAX_GRACE_MILLIS, problems);
        String gc = values.getOrDefault("gc", "true");
        if (!gc.equals("true") && !gc.equals("false")) {
            problems.add("agent option 'gc' must be true or false, not '" + gc + "'");
        }
        List<String> ignore = values.containsKey("ignore")
                ? Arrays.stream(values.get("ignore").split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                : List.of();
        List<String> rules = values.containsKey("rule")
                ? Arrays.stream(values.get("rule").split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                : List.of();
        for (String rule : rules) {
            try {
                WatchRule.parse(rule);
            } catch (IllegalArgumentException e) {
                problems.add("agent option 'rule': " + e.getMessage());
            }
        }
        return new AgentConfig(host, port, token, grace, !gc.equals("false"), ignore, rules, problems);
    }

    private static long number(Map<String, String> values, String key, long fallback, long min, long max,
                               List<String> problems) {
        String text = values.get(key);
        if (text == null) {
            if (key.equals("port")) {
                problems.add("agent option 'port' is missing");
            }
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < min || value > max) {
                problems.add("agent option '" + key + "' must be between " + min + " and " + max + ", not " + value);
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add("agent option '" + key + "' is not a number: '" + text + "'");
            return fallback;
        }
    }
}
