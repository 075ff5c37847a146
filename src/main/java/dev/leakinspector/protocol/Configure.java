package dev.leakinspector.protocol;

import java.util.List;

/**
 * App -> agent: watcher settings. Also the app's first frame after a valid {@link Hello}, meaning "accepted".
 * Immutable; any thread. Null lists become empty, null elements "".
 */
public record Configure(long graceMillis, List<String> ignoreGlobs, List<String> watchRules) implements Message {
    public Configure {
        ignoreGlobs = Fields.texts(ignoreGlobs);
        watchRules = Fields.texts(watchRules);
    }
}
