package dev.leakinspector.heap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The curated table of documented JDK/toolkit holds ({@code library-holds.txt} next to this class): each line
 * {@code name | pattern | why | bug id}, the pattern {@code field <class>.<field>}, {@code static <class>.<field>}
 * or {@code thread <name prefix>}. Immutable; any thread may use it.
 */
public final class LibraryHolds {
    private static final String RESOURCE = "library-holds.txt";
    private static volatile LibraryHolds defaults;

    private final List<LibraryHold> holds;

    private LibraryHolds(List<LibraryHold> holds) {
        this.holds = List.copyOf(holds);
    }

    /** The table shipped with Leak Inspector, read once. */
    public static LibraryHolds defaults() {
        LibraryHolds d = defaults;
        if (d == null) {
            try (InputStream in = LibraryHolds.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                d = parse(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults = d;
        }
        return d;
    }

    /**
     * Reads a table in the format above; '#' lines and blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the line that is not an entry
     */
    static LibraryHolds parse(Reader text) throws IOException {
        List<LibraryHold> out = new ArrayList<>();
        BufferedReader in = new BufferedReader(text);
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("library holds line " + number + ": want name | pattern | why | bug id");
            }
            out.add(entry(parts[0].strip(), parts[1].strip(), parts[2].strip(), parts[3].strip(), number));
        }
        return new LibraryHolds(out);
    }

    private static LibraryHold entry(String name, String pattern, String why, String bugId, int number) {
        int space = pattern.indexOf(' ');
        String word = space < 0 ? pattern : pattern.substring(0, space);
        String target = space < 0 ? "" : pattern.substring(space + 1).strip();
        if (name.isEmpty() || why.isEmpty() || target.isEmpty()) {
            throw new IllegalArgumentException("library holds line " + number + ": name, pattern and why are required");
        }
        if (word.equals("thread")) {
            return new LibraryHold(name, LibraryHold.Kind.THREAD, "", target, why, bugId);
        }
        int dot = target.lastIndexOf('.');
        if (dot <= 0 || dot == target.length() - 1 || !(word.equals("field") || word.equals("static"))) {
            throw new IllegalArgumentException("library holds line " + number + ": pattern \"" + pattern
                    + "\" is not field <class>.<field>, static <class>.<field> or thread <name prefix>");
        }
        LibraryHold.Kind kind = word.equals("field") ? LibraryHold.Kind.INSTANCE_FIELD : LibraryHold.Kind.STATIC_FIELD;
        return new LibraryHold(name, kind, target.substring(0, dot), target.substring(dot + 1), why, bugId);
    }

    /** These entries and one more, after them (a caller's own hold to defer). */
    LibraryHolds with(LibraryHold extra) {
        List<LibraryHold> all = new ArrayList<>(holds);
        all.add(extra);
        return new LibraryHolds(all);
    }

    /** Every entry, in table order. */
    public List<LibraryHold> all() {
        return holds;
    }

    /** The hold a field reference is, if it is one. */
    Optional<LibraryHold> matchField(ReferenceKind kind, String declaringClass, String fieldName) {
        for (LibraryHold h : holds) {
            if (h.matchesField(kind, declaringClass, fieldName)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** The hold a root of this thread is, if it is one. */
    Optional<LibraryHold> matchThread(String threadName) {
        for (LibraryHold h : holds) {
            if (h.matchesThread(threadName)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
