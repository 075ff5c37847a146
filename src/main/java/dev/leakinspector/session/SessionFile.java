package dev.leakinspector.session;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The session file format, version 1: UTF-8 text, one record per line, fields separated by a tab. In a
 * field, {@code %}, tab, CR and LF are written {@code %25}, {@code %09}, {@code %0D}, {@code %0A}. Lines
 * in the order things happened:
 *
 * <pre>
 * leak-inspector-session  1                                            always the first line
 * target  pid  name  javaVersion  vmName  agentVersion  toolkits(comma-separated)  explicitGcDisabled  agentAlreadyLoaded  startedAtMillis
 * stats   timestampMillis  heapUsed  heapMax  liveWatches  pendingWatches  reportedLeaks  droppedEvents
 * leak    watchId  className  trigger  descendants  watchedAtMillis  reportedAtMillis  gcConfirmed  crumb…
 * deallocated  watchId  afterMillis
 * ignore  glob…                                                       the whole ignore list after a change
 * error   context  message
 * end     DETACHED|TARGET_EXITED|AGENT_LEFT|LINK_LOST  message
 * </pre>
 *
 * A reader of version 1 skips record types it does not know (later additions) and a last line cut short
 * by a crash; it refuses a higher version. Booleans are {@code true}/{@code false}. Stateless; any thread.
 */
public final class SessionFile {
    public static final String MAGIC = "leak-inspector-session";
    public static final int VERSION = 1;
    /** File name extension of session files. */
    public static final String EXTENSION = ".lisession";

    private SessionFile() {
    }

    /**
     * The directory sessions are saved in: {@code $XDG_DATA_HOME/leak-inspector/sessions} (default
     * {@code ~/.local/share/…}) on Linux, {@code ~/Library/Application Support/Leak Inspector/sessions} on
     * macOS, {@code %LOCALAPPDATA%\Leak Inspector\sessions} on Windows. The system property
     * {@code leakinspector.dataDir} replaces the data directory (tests use it).
     */
    public static Path defaultDirectory() {
        String override = System.getProperty("leakinspector.dataDir");
        if (override != null && !override.isBlank()) {
            return Path.of(override, "sessions");
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            Path base = local != null ? Path.of(local) : Path.of(home, "AppData", "Local");
            return base.resolve("Leak Inspector").resolve("sessions");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Leak Inspector", "sessions");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return base.resolve("leak-inspector").resolve("sessions");
    }

    /** Reads a saved session into a read-only model ({@link ConnectionState#SAVED}). */
    public static SessionModel read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                throw new IOException(file.getFileName() + " is empty, not a Leak Inspector session");
            }
            String[] header = first.split("\t", -1);
            if (header.length < 2 || !header[0].equals(MAGIC)) {
                throw new IOException(file.getFileName() + " is not a Leak Inspector session file");
            }
            int version = parseInt(header[1], file);
            if (version > VERSION) {
                throw new IOException(file.getFileName() + " was written by a newer Leak Inspector (format "
                        + version + "); this one reads format " + VERSION);
            }
            List<String[]> records = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    records.add(decodeFields(line));
                }
            }
            return replay(records, file);
        }
    }

    private static SessionModel replay(List<String[]> records, Path file) throws IOException {
        SessionModel model = null;
        for (int i = 0; i < records.size(); i++) {
            String[] f = records.get(i);
            boolean last = i == records.size() - 1;
            try {
                if (f[0].equals("target")) {
                    model = new SessionModel(new TargetInfo(Long.parseLong(f[1]), f[2], f[3], f[4], f[5],
                            f[6].isEmpty() ? List.of() : List.of(f[6].split(",")), Boolean.parseBoolean(f[7]),
                            Boolean.parseBoolean(f[8])), ConnectionState.SAVED);
                    continue;
                }
                if (model == null) {
                    throw new IOException(file.getFileName() + " has no target line before its events");
                }
                switch (f[0]) {
                    case "stats" -> model.apply(new Stats(Long.parseLong(f[1]), Long.parseLong(f[2]),
                            Long.parseLong(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                            Long.parseLong(f[6]), Long.parseLong(f[7])));
                    case "leak" -> model.apply(new LeakSuspected(Long.parseLong(f[1]), f[2], f[3],
                            List.of(Arrays.copyOfRange(f, 8, f.length)), Integer.parseInt(f[4]),
                            Long.parseLong(f[5]), Long.parseLong(f[6]), Boolean.parseBoolean(f[7]), Verdict.LEAK, ""));
                    case "deallocated" -> model.apply(new ObjectDeallocated(Long.parseLong(f[1]), Long.parseLong(f[2])));
                    case "ignore" -> model.setIgnoreGlobs(List.of(Arrays.copyOfRange(f, 1, f.length)));
                    case "error" -> model.apply(new AgentError(f[1], f[2]));
                    case "end" -> model.end(new SessionEnd(SessionEnd.Kind.valueOf(f[1]), f[2]));
                    default -> {
                        // A record type added after version 1: not ours to understand.
                    }
                }
            } catch (RuntimeException e) {
                if (!last) {
                    throw new IOException(file.getFileName() + ": line " + (i + 2) + " is damaged: " + e, e);
                }
                // The last line of a session whose process died mid-write: everything before it is good.
            }
        }
        if (model == null) {
            throw new IOException(file.getFileName() + " has no target line");
        }
        model.markSaved();
        model.takeChanges();
        return model;
    }

    static String encodeField(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '\t' -> out.append("%09");
                case '\r' -> out.append("%0D");
                case '\n' -> out.append("%0A");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String[] decodeFields(String line) {
        String[] fields = line.split("\t", -1);
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].indexOf('%') >= 0) {
                fields[i] = fields[i].replace("%09", "\t").replace("%0D", "\r").replace("%0A", "\n")
                        .replace("%25", "%");
            }
        }
        return fields;
    }

    private static int parseInt(String text, Path file) throws IOException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IOException(file.getFileName() + " has an unreadable format version: " + text);
        }
    }
}
