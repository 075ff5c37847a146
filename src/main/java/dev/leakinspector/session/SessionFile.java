package dev.leakinspector.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The session file format, version 2: UTF-8 text, one record per line, each line ended by a newline, fields
 * separated by a tab. In a field, {@code %}, tab, CR and LF are written {@code %25}, {@code %09}, {@code %0D},
 * {@code %0A}. Lines in the order things happened:
 *
 * <pre>
 * leak-inspector-session  2                                            always the first line
 * target  pid  name  javaVersion  vmName  agentVersion  toolkits(comma-separated)  explicitGcDisabled  agentAlreadyLoaded  startedAtMillis
 * stats   timestampMillis  heapUsed  heapMax  liveWatches  pendingWatches  reportedLeaks  droppedEvents
 * leak    watchId  className  trigger  descendants  watchedAtMillis  reportedAtMillis  gcConfirmed  verdict  gcSkippedBecause  crumb…
 * deallocated  watchId  afterMillis
 * reused  watchId  afterMillis                                         a reported object displayed again
 * verdict watchId  leak|retained  reason                               a report's verdict changed
 * ignore  glob…                                                       the whole ignore list after a change
 * error   context  message
 * end     DETACHED|TARGET_EXITED|AGENT_LEFT|LINK_LOST  message
 * </pre>
 *
 * Version 1 is version 2 without {@code reused} and {@code verdict} lines and without the {@code verdict} and
 * {@code gcSkippedBecause} fields of a leak line (its leaks read as {@code leak}, gcSkippedBecause ""). Booleans are
 * {@code true}/{@code false}; verdicts are their wire names. A reader skips record types it does not know (later
 * additions), reports each line it cannot use and goes on with the next (see {@link SessionFileReader}), and refuses
 * a version below 1 or above its own. Files are private to their user (see {@link PrivateFiles}). Stateless; any thread.
 */
public final class SessionFile {
    public static final String MAGIC = "leak-inspector-session";
    public static final int VERSION = 2;
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

    /**
     * Reads a saved session into a read-only model ({@link ConnectionState#SAVED}), keeping every valid line and
     * listing the ones it could not use.
     *
     * @throws IOException with a one-line reason when the file cannot be read, is not a session file, or is of a
     *         format version this reader does not know
     */
    public static SessionFileContents read(Path file) throws IOException {
        return SessionFileReader.read(file);
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
}
