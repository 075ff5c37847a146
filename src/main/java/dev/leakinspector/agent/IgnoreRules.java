package dev.leakinspector.agent;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Class-name globs whose objects (and what they contain) are never watched: {@code *} stands for
 * any run of characters, dots included, {@code ?} for one character, e.g. {@code com.acme.cache.*}.
 * Immutable and thread-safe; the watcher swaps in a new instance when the user changes the list.
 */
final class IgnoreRules {
    static final IgnoreRules NONE = new IgnoreRules(List.of());

    /** The user's globs plus {@link BuiltInIgnores}. */
    static IgnoreRules withBuiltIns(List<String> userGlobs) {
        List<String> all = new java.util.ArrayList<>(BuiltInIgnores.globs());
        all.addAll(userGlobs);
        return new IgnoreRules(all);
    }

    private final List<String> globs;
    private final Pattern pattern;

    IgnoreRules(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.pattern = this.globs.isEmpty() ? null : Pattern.compile(toRegex(this.globs));
    }

    boolean matches(String className) {
        return pattern != null && pattern.matcher(className).matches();
    }

    List<String> globs() {
        return globs;
    }

    private static String toRegex(List<String> globs) {
        StringBuilder regex = new StringBuilder();
        for (String glob : globs) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            regex.append("(?:");
            for (char c : glob.strip().toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            regex.append(')');
        }
        return regex.toString();
    }
}
