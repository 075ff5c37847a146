package dev.leakinspector.agent;

import dev.leakinspector.protocol.ClassGlobs;

import java.util.ArrayList;
import java.util.List;

/**
 * Class-name globs whose objects (and what they contain) are never watched: {@code *} stands for
 * any run of characters, dots included, {@code ?} for one character, e.g. {@code com.acme.cache.*}.
 * Immutable and thread-safe; the watcher swaps in a new instance when the user changes the list.
 */
final class IgnoreRules {
    static final IgnoreRules NONE = new IgnoreRules(List.of());

    /** The user's globs plus {@link BuiltInIgnores}. */
    static IgnoreRules withBuiltIns(List<String> userGlobs) {
        List<String> all = new ArrayList<>(BuiltInIgnores.globs());
        all.addAll(userGlobs);
        return new IgnoreRules(all);
    }

    private final ClassGlobs globs;

    IgnoreRules(List<String> globs) {
        this.globs = new ClassGlobs(globs);
    }

    boolean matches(String className) {
        return globs.matches(className);
    }
}
