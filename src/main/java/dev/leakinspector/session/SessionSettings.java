package dev.leakinspector.session;

import java.time.Duration;
import java.util.List;

/**
 * What the user chose for a session before attaching: the grace period and the class-name globs
 * to ignore. Immutable and thread-safe.
 */
public record SessionSettings(long graceMillis, List<String> ignoreGlobs, Duration connectTimeout) {
    public static final long DEFAULT_GRACE_MILLIS = 2000;

    public SessionSettings {
        if (graceMillis < 0) {
            throw new IllegalArgumentException("the grace period cannot be negative");
        }
        ignoreGlobs = List.copyOf(ignoreGlobs);
    }

    public static SessionSettings defaults() {
        return new SessionSettings(DEFAULT_GRACE_MILLIS, List.of(), Duration.ofSeconds(20));
    }

    public SessionSettings withGraceMillis(long millis) {
        return new SessionSettings(millis, ignoreGlobs, connectTimeout);
    }
}
