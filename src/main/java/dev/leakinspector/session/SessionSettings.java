package dev.leakinspector.session;

import java.time.Duration;
import java.util.List;

/**
 * What the user chose for a session before attaching: the grace period, the class-name globs
 * to ignore and the watch rules ({@code com.acme.Session#close:this}). Immutable and thread-safe.
 */
public record SessionSettings(long graceMillis, List<String> ignoreGlobs, Duration connectTimeout,
                              List<String> watchRules) {
    public static final long DEFAULT_GRACE_MILLIS = 2000;

    public SessionSettings {
        if (graceMillis < 0) {
            throw new IllegalArgumentException("the grace period cannot be negative");
        }
        ignoreGlobs = List.copyOf(ignoreGlobs);
        watchRules = List.copyOf(watchRules);
    }

    /** Settings without watch rules. */
    public SessionSettings(long graceMillis, List<String> ignoreGlobs, Duration connectTimeout) {
        this(graceMillis, ignoreGlobs, connectTimeout, List.of());
    }

    public static SessionSettings defaults() {
        return new SessionSettings(DEFAULT_GRACE_MILLIS, List.of(), Duration.ofSeconds(20));
    }

    public SessionSettings withGraceMillis(long millis) {
        return new SessionSettings(millis, ignoreGlobs, connectTimeout, watchRules);
    }

    /** These settings with {@code globs} as the class-name globs to ignore ({@code com.acme.cache.*}). */
    public SessionSettings withIgnoreGlobs(List<String> globs) {
        return new SessionSettings(graceMillis, globs, connectTimeout, watchRules);
    }

    /** These settings with {@code rules} as the watch rules; the agent checks them and reports bad ones. */
    public SessionSettings withWatchRules(List<String> rules) {
        return new SessionSettings(graceMillis, ignoreGlobs, connectTimeout, rules);
    }
}
