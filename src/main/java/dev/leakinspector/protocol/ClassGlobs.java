package dev.leakinspector.protocol;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The user's ignore list as our side reads it, with the agent's glob meaning: {@code *} is any run of
 * characters (dots included), {@code ?} one character. Used to mark rows already in the list when the
 * user adds a glob; the agent applies the same list to new watches. Immutable; any thread.
 */
public final class ClassGlobs {
    private final List<String> globs;
    private final Pattern pattern;

    public ClassGlobs(List<String> globs) {
        this.globs = globs.stream().map(String::strip).filter(glob -> !glob.isEmpty()).distinct().toList();
        this.pattern = this.globs.isEmpty() ? null : Pattern.compile(toRegex(this.globs));
    }

    public List<String> globs() {
        return globs;
    }

    public boolean matches(String className) {
        return pattern != null && pattern.matcher(className).matches();
    }

    /** The glob that ignores exactly this class. */
    public static String forClass(String className) {
        return className;
    }

    /** The glob that ignores every class in this class's package and its subpackages. */
    public static String forPackage(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(0, dot) + ".*";
    }

    private static String toRegex(List<String> globs) {
        StringBuilder regex = new StringBuilder();
        for (String glob : globs) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            regex.append("(?:");
            for (char c : glob.toCharArray()) {
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
