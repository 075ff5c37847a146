package dev.leakinspector.session;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.VerdictChanged;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a session to its {@link SessionFile} as it runs, one line per event, flushed at once so a crash
 * of our process loses nothing already shown. The file is the user's alone (0600 in a 0700 folder, see
 * {@link PrivateFiles}). Every line ends with a newline, so a reader tells a line cut by a crash from a whole one. A
 * write failure is remembered (see {@link #failure()}) and
 * ends the writing; it never ends the session.
 *
 * <p>Threading: thread-safe; the session's reader thread writes events, the UI thread writes ignore-list
 * changes.
 */
public final class SessionJournal implements SessionListener, AutoCloseable {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss")
            .withZone(ZoneId.systemDefault());

    private final Path file;
    private BufferedWriter out;
    private IOException failure;

    private SessionJournal(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates a new file in {@code directory} (created private if missing) named after the time and the target, and
     * writes its header.
     */
    public static SessionJournal create(Path directory, TargetInfo target, long startedAtMillis) throws IOException {
        PrivateFiles.ensureDirectory(directory);
        String base = FILE_TIME.format(Instant.ofEpochMilli(startedAtMillis)) + "_pid" + target.pid();
        Path file = directory.resolve(base + SessionFile.EXTENSION);
        BufferedWriter out = null;
        for (int n = 2; out == null; n++) {
            try {
                out = new BufferedWriter(new OutputStreamWriter(PrivateFiles.createFile(file), StandardCharsets.UTF_8));
            } catch (FileAlreadyExistsException taken) {
                // Another session of the same target started in the same second (or an old file has the name).
                file = directory.resolve(base + "-" + n + SessionFile.EXTENSION);
            }
        }
        SessionJournal journal = new SessionJournal(file, out);
        journal.write(List.of(SessionFile.MAGIC, Integer.toString(SessionFile.VERSION)));
        journal.write(List.of("target", Long.toString(target.pid()), target.displayName(), target.javaVersion(),
                target.vmName(), target.agentVersion(), String.join(",", target.toolkits()),
                Boolean.toString(target.explicitGcDisabled()), Boolean.toString(target.agentAlreadyLoaded()),
                Long.toString(startedAtMillis)));
        if (journal.failure != null) {
            throw journal.failure;
        }
        return journal;
    }

    public Path file() {
        return file;
    }

    /** The first write that failed, if any; nothing was written after it. */
    public synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void onMessage(Message message) {
        AgentEvents.dispatch(message, lines);
    }

    /** The journal's line for each event. */
    private final AgentEvents lines = new AgentEvents() {
        @Override
        public void leakSuspected(LeakSuspected leak) {
            List<String> fields = new ArrayList<>(List.of("leak", Long.toString(leak.watchId()), leak.className(),
                    leak.trigger(), Integer.toString(leak.descendants()), Long.toString(leak.watchedAtMillis()),
                    Long.toString(leak.reportedAtMillis()), Boolean.toString(leak.gcConfirmed()),
                    leak.verdict().wireName(), leak.gcSkippedBecause()));
            fields.addAll(leak.viewStack());
            write(fields);
        }

        @Override
        public void objectDeallocated(ObjectDeallocated d) {
            write(List.of("deallocated", Long.toString(d.watchId()), Long.toString(d.afterMillis())));
        }

        @Override
        public void objectReused(ObjectReused r) {
            write(List.of("reused", Long.toString(r.watchId()), Long.toString(r.afterMillis())));
        }

        @Override
        public void verdictChanged(VerdictChanged v) {
            write(List.of("verdict", Long.toString(v.watchId()), v.verdict().wireName(), v.reason()));
        }

        @Override
        public void stats(Stats s) {
            write(List.of("stats", Long.toString(s.timestampMillis()), Long.toString(s.heapUsedBytes()),
                    Long.toString(s.heapMaxBytes()), Integer.toString(s.liveWatches()),
                    Integer.toString(s.pendingWatches()), Long.toString(s.reportedLeaks()),
                    Long.toString(s.droppedEvents())));
        }

        @Override
        public void agentError(AgentError e) {
            write(List.of("error", e.context(), e.message()));
        }
    };

    /** Records the whole ignore list after the user changed it. */
    public void ignoreListChanged(List<String> globs) {
        List<String> fields = new ArrayList<>();
        fields.add("ignore");
        fields.addAll(globs);
        write(fields);
    }

    @Override
    public void onEnded(SessionEnd end) {
        write(List.of("end", end.kind().name(), end.message()));
        close();
    }

    private synchronized void write(List<String> fields) {
        if (out == null) {
            return;
        }
        try {
            StringBuilder line = new StringBuilder();
            for (String field : fields) {
                if (line.length() > 0) {
                    line.append('\t');
                }
                line.append(SessionFile.encodeField(field));
            }
            out.write(line.append('\n').toString());
            out.flush();
        } catch (IOException e) {
            failure = e;
            closeQuietly();
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
            out = null;
        }
    }
}
