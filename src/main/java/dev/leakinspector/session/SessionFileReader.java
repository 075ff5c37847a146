package dev.leakinspector.session;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.SessionFileContents.SkippedLine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one {@link SessionFile} line by line so that a damaged line costs only itself: every valid record is kept,
 * every line that cannot be used is reported with its number and a human reason, and a last line without its
 * newline (the file was cut while being written) is dropped rather than misread. Bytes are decoded leniently: a
 * line that is not valid UTF-8 (a stray 0xFF, a re-save as ISO-8859-1) is read as ISO-8859-1, which maps every
 * byte to a character, instead of refusing the file. Only a file that is not a session at all, or of a version
 * this reader does not know, is refused.
 *
 * <p>Not thread-safe: one instance reads one file on one thread.
 */
final class SessionFileReader {
    /** A longer line is skipped, so a damaged file cannot make us hold gigabytes for one line. */
    static final int MAX_LINE_BYTES = 4 << 20;
    /** Target of a file whose target line is missing or damaged: its rows are still shown. */
    static final TargetInfo UNKNOWN_TARGET = new TargetInfo(0, "unknown program (its line in the session file is damaged)",
            "", "", "", List.of(), false, false);

    private static final int QUOTED_CHARS = 40;

    private final Path file;
    private final List<SkippedLine> skipped = new ArrayList<>();
    /** What the valid lines do to the model, in file order, each with its line number. */
    private final List<Step> steps = new ArrayList<>();
    private int version;
    private TargetInfo target;
    private int targetLine;

    private record Step(int line, Consumer<SessionModel> change) {
    }

    private SessionFileReader(Path file) {
        this.file = file;
    }

    /** @throws IOException with a one-line reason when the file cannot be read or is not a session file we know */
    static SessionFileContents read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            // A folder, a FIFO (which would block us forever) or a device is never a session file.
            throw new IOException(Files.exists(file) ? file + " is not a regular file" : file + " does not exist");
        }
        InputStream opened;
        try {
            opened = Files.newInputStream(file);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + file + ": permission denied", e);
        }
        try (InputStream in = new BufferedInputStream(opened)) {
            return new SessionFileReader(file).readAll(in);
        }
    }

    private SessionFileContents readAll(InputStream in) throws IOException {
        readHeader(RawLine.next(in));
        int number = 1;
        RawLine raw;
        while ((raw = RawLine.next(in)) != null) {
            number++;
            if (!raw.terminated) {
                skipped.add(new SkippedLine(number, "cut off: the file ends in the middle of this line"));
                break;
            }
            if (raw.tooLong) {
                skipped.add(new SkippedLine(number, "longer than " + (MAX_LINE_BYTES >> 20) + " MiB"));
                continue;
            }
            String text = decode(raw.bytes);
            if (!text.isBlank()) {
                try {
                    parse(number, SessionFile.decodeFields(text));
                } catch (BadLine bad) {
                    skipped.add(new SkippedLine(number, bad.getMessage()));
                }
            }
        }
        SessionModel model = new SessionModel(target != null ? target : UNKNOWN_TARGET, ConnectionState.SAVED);
        for (Step step : steps) {
            try {
                step.change.accept(model);
            } catch (RuntimeException e) {
                skipped.add(new SkippedLine(step.line, "does not fit the session before it"));
            }
        }
        skipped.sort((a, b) -> Integer.compare(a.number(), b.number()));
        model.markSaved();
        model.takeChanges();
        return new SessionFileContents(model, skipped);
    }

    private void readHeader(RawLine first) throws IOException {
        String name = file.getFileName().toString();
        if (first == null) {
            throw new IOException(name + " is empty, not a Leak Inspector session");
        }
        String text = decode(first.bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark some editors add on saving
        }
        String[] header = text.split("\t", -1);
        if (!first.terminated && header.length <= 2 && (SessionFile.MAGIC.startsWith(header[0])
                || header[0].equals(SessionFile.MAGIC))) {
            throw new IOException(name + " was cut off within its first line: there is no session in it");
        }
        if (!header[0].equals(SessionFile.MAGIC)) {
            throw new IOException(name + " is not a Leak Inspector session file");
        }
        if (header.length < 2) {
            throw new IOException(name + " has no format version in its first line");
        }
        try {
            version = Integer.parseInt(header[1].strip());
        } catch (NumberFormatException e) {
            throw new IOException(name + " has an unreadable format version: " + quote(header[1]));
        }
        if (version < 1) {
            throw new IOException(name + " says format " + version + ", which no Leak Inspector writes: it is damaged");
        }
        if (version > SessionFile.VERSION) {
            throw new IOException(name + " was written by a newer Leak Inspector (format " + version
                    + "); this one reads formats 1 to " + SessionFile.VERSION);
        }
    }

    private void parse(int line, String[] f) throws BadLine {
        switch (f[0]) {
            case SessionFile.MAGIC -> throw new BadLine("a second file header (were two session files joined?)");
            case "target" -> target(line, f);
            case "stats" -> {
                need(f, 8, "a stats line");
                apply(line, new Stats(number(f[1], "the time"), number(f[2], "the heap used"), number(f[3], "the heap size"),
                        count(f[4], "the live watch count"), count(f[5], "the pending watch count"),
                        number(f[6], "the reported leak count"), number(f[7], "the dropped event count")));
            }
            case "leak" -> apply(line, leak(f));
            case "deallocated" -> {
                need(f, 3, "a deallocated line");
                apply(line, new ObjectDeallocated(number(f[1], "the watch id"), number(f[2], "the time")));
            }
            case "reused" -> {
                need(f, 3, "a reused line");
                apply(line, new ObjectReused(number(f[1], "the watch id"), number(f[2], "the time")));
            }
            case "verdict" -> {
                need(f, 4, "a verdict line");
                apply(line, new VerdictChanged(number(f[1], "the watch id"), verdict(f[2]), f[3]));
            }
            case "ignore" -> {
                List<String> globs = List.of(Arrays.copyOfRange(f, 1, f.length));
                steps.add(new Step(line, model -> model.setIgnoreGlobs(globs)));
            }
            case "error" -> {
                need(f, 3, "an error line");
                apply(line, new AgentError(f[1], f[2]));
            }
            case "end" -> {
                need(f, 3, "an end line");
                SessionEnd end = new SessionEnd(endKind(f[1]), f[2]);
                steps.add(new Step(line, model -> model.end(end)));
            }
            default -> {
                // A record type added by a later format of the same version: not ours to understand.
            }
        }
    }

    private void target(int line, String[] f) throws BadLine {
        if (target != null) {
            throw new BadLine("a second target line (the one on line " + targetLine + " is kept)");
        }
        need(f, 9, "a target line");
        target = new TargetInfo(number(f[1], "the process id"), f[2], f[3], f[4], f[5],
                f[6].isEmpty() ? List.of() : List.of(f[6].split(",")), bool(f[7], "explicitGcDisabled"),
                bool(f[8], "agentAlreadyLoaded"));
        targetLine = line;
    }

    /**
     * Format 1: {@code leak id class trigger descendants watchedAt reportedAt gcConfirmed crumb…}; format 2 adds
     * {@code verdict gcSkippedBecause} before the crumbs. A format-1 leak was always a leak, confirmed or not.
     */
    private LeakSuspected leak(String[] f) throws BadLine {
        int fixed = version >= 2 ? 10 : 8;
        need(f, fixed, "a leak line");
        Verdict verdict = version >= 2 ? verdict(f[8]) : Verdict.LEAK;
        String gcSkippedBecause = version >= 2 ? f[9] : "";
        return new LeakSuspected(number(f[1], "the watch id"), f[2], f[3], List.of(Arrays.copyOfRange(f, fixed, f.length)),
                count(f[4], "the descendant count"), number(f[5], "the watch time"), number(f[6], "the report time"),
                bool(f[7], "gcConfirmed"), verdict, gcSkippedBecause);
    }

    private void apply(int line, Message message) {
        steps.add(new Step(line, model -> model.apply(message)));
    }

    private static void need(String[] f, int fields, String what) throws BadLine {
        if (f.length < fields) {
            throw new BadLine(what + " needs at least " + fields + " fields, this one has " + f.length);
        }
    }

    private static long number(String text, String what) throws BadLine {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadLine(what + " is not a whole number: " + quote(text));
        }
    }

    private static int count(String text, String what) throws BadLine {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadLine(what + " is not a whole number: " + quote(text));
        }
    }

    /** Strict: a lenient parse turned a damaged "tru" into false. */
    private static boolean bool(String text, String what) throws BadLine {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadLine(what + " must be true or false, not " + quote(text));
        };
    }

    private static Verdict verdict(String text) throws BadLine {
        for (Verdict v : Verdict.values()) {
            if (v.wireName().equals(text)) {
                return v;
            }
        }
        throw new BadLine("the verdict must be leak or retained, not " + quote(text));
    }

    private static SessionEnd.Kind endKind(String text) throws BadLine {
        for (SessionEnd.Kind kind : SessionEnd.Kind.values()) {
            if (kind.name().equals(text)) {
                return kind;
            }
        }
        throw new BadLine("unknown way for a session to end: " + quote(text));
    }

    private static String quote(String text) {
        return "\"" + (text.length() > QUOTED_CHARS ? text.substring(0, QUOTED_CHARS) + "\u2026" : text) + "\"";
    }

    /** UTF-8 if the bytes are valid UTF-8, else ISO-8859-1 (every byte is a character there, so nothing is refused). */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** A line of the file as bytes, without its line break (LF, or CR LF after a re-save on Windows). */
    private record RawLine(byte[] bytes, boolean terminated, boolean tooLong) {
        /** @return the next line, or null at the end of the file */
        static RawLine next(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            boolean tooLong = false;
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (line.size() < MAX_LINE_BYTES) {
                    line.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            if (b == '\n' && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                bytes = Arrays.copyOf(bytes, bytes.length - 1);
            }
            return new RawLine(bytes, b == '\n', tooLong);
        }
    }

    /** A line that cannot be used; the message is the reason shown to the user. No stack trace: it is not a bug. */
    private static final class BadLine extends Exception {
        BadLine(String reason) {
            super(reason, null, false, false);
        }
    }
}
