package dev.leakinspector.session;

import dev.leakinspector.attach.AttachFailure;
import dev.leakinspector.protocol.Configure;
import dev.leakinspector.protocol.Message;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One session as a window shows it: its {@link SessionModel}, fed in batches from a live session whose
 * every event is also written to a session file, or read back from such a file (read-only). Changing the
 * ignore list goes to the model, the file and the agent together; changing the watch rules goes to the
 * agent, and every {@link Configure} carries both, so changing one never drops the other.
 *
 * <p>Threading: {@link #attach} and {@link #open} block (call them off the UI thread); {@link #detach}
 * blocks up to a few seconds (off the UI thread too); everything else belongs to the model's thread.
 */
public final class RecordedSession {
    private final SessionModel model;
    private final SessionFeed feed;
    private final LiveSession live;
    private final SessionJournal journal;
    private final Path file;
    private final long graceMillis;
    private final List<SessionFileContents.SkippedLine> skippedLines;
    /** The watch rules the agent was last sent (the settings' at first); the model's thread only. */
    private List<String> watchRules = List.of();
    /** The settings not yet sent to the agent, if any; also the lock that keeps sends in order. */
    private final AtomicReference<Configure> latestConfigure = new AtomicReference<>();

    private RecordedSession(SessionModel model, SessionFeed feed, LiveSession live, SessionJournal journal, Path file,
                            long graceMillis) {
        this(model, feed, live, journal, file, graceMillis, List.of());
    }

    private RecordedSession(SessionModel model, SessionFeed feed, LiveSession live, SessionJournal journal, Path file,
                            long graceMillis, List<SessionFileContents.SkippedLine> skippedLines) {
        this.skippedLines = skippedLines;
        this.model = model;
        this.feed = feed;
        this.live = live;
        this.journal = journal;
        this.file = file;
        this.graceMillis = graceMillis;
    }

    /**
     * Attaches to {@code pid} and starts recording into a new file in {@code directory}.
     *
     * @param displayName   how the user knows the target (the start screen's name column); may be blank
     * @param scheduleDrain asks the model's thread to call {@link #drain} soon (in the app: one runLater)
     * @throws AttachFailure with a one-line reason for the user
     * @throws IOException   when the agent never connects or the session file cannot be created
     */
    public static RecordedSession attach(long pid, String displayName, SessionSettings settings, Path directory,
                                         Runnable scheduleDrain) throws AttachFailure, IOException {
        BufferingListener early = new BufferingListener();
        return record(LiveSession.attach(pid, settings, early), early, displayName, settings, directory, scheduleDrain);
    }

    /**
     * Starts {@code command} with our agent ({@link LiveSession#launch}) and starts recording into a new file in
     * {@code directory}. The program's standard output and error are ours (the app's); it keeps running when the
     * session is detached.
     *
     * @throws IOException when the program cannot be started, exits before its agent connected, or the session file
     *     cannot be created (then the program is stopped)
     */
    public static RecordedSession launch(ProgramCommand command, String displayName, SessionSettings settings,
                                         Path directory, Runnable scheduleDrain) throws IOException {
        BufferingListener early = new BufferingListener();
        LiveSession live = LiveSession.launch(command, settings, early, ProcessBuilder.Redirect.INHERIT, process -> { });
        try {
            return record(live, early, displayName, settings, directory, scheduleDrain);
        } catch (IOException e) {
            live.launched().ifPresent(program -> program.stop(LiveSession.STOP_GRACE));
            throw e;
        }
    }

    private static RecordedSession record(LiveSession live, BufferingListener early, String displayName,
                                          SessionSettings settings, Path directory, Runnable scheduleDrain)
            throws IOException {
        // A program started with the agent had it from its first moment: loaded before this session, no JEP 451 warning.
        TargetInfo target = TargetInfo.of(live.hello(),
                live.attachResult().agentAlreadyLoaded() || live.launched().isPresent(), displayName);
        SessionJournal journal;
        try {
            journal = SessionJournal.create(directory, target, System.currentTimeMillis());
        } catch (IOException e) {
            live.detach("Leak Inspector could not save the session");
            throw new IOException("cannot create the session file in " + directory + ": " + e.getMessage(), e);
        }
        if (!settings.ignoreGlobs().isEmpty()) {
            journal.ignoreListChanged(settings.ignoreGlobs());
        }
        SessionModel model = new SessionModel(target, ConnectionState.CONNECTED);
        model.setIgnoreGlobs(settings.ignoreGlobs());
        SessionFeed feed = new SessionFeed(scheduleDrain);
        // The file first: whatever the window shows is already saved.
        early.deliverTo(SessionListeners.of(journal, feed));
        RecordedSession session = new RecordedSession(model, feed, live, journal, journal.file(), settings.graceMillis());
        session.watchRules = settings.watchRules();
        return session;
    }

    /**
     * A session fed by the caller rather than by an agent (benchmarks, tests, replays): events given to
     * {@link #feedListener()} are applied on the next drain. Not saved, not live.
     */
    public static RecordedSession unattached(TargetInfo target, Path file, Runnable scheduleDrain) {
        return new RecordedSession(new SessionModel(target, ConnectionState.CONNECTED), new SessionFeed(scheduleDrain),
                null, null, file, 0);
    }

    /**
     * Records what our side concluded about a report, e.g. a verdict a heap dump refined ({@link VerdictRefinement}):
     * saved with the session and applied to the model on the next drain, like the agent's own events. Any thread;
     * ignored for a saved session.
     */
    public void conclude(Message conclusion) {
        if (journal != null) {
            journal.onMessage(conclusion);
        }
        if (feed != null) {
            feed.onMessage(conclusion);
        }
    }

    /** Where events for this session go in (any thread); null for a saved session. */
    public SessionListener feedListener() {
        return feed;
    }

    /**
     * Reads a saved session; the result is read-only. Damaged lines do not refuse the file: they are left out and
     * listed in {@link #skippedLines()}.
     *
     * @throws IOException with a one-line reason when the file is not a session file this version can read
     */
    public static RecordedSession open(Path file) throws IOException {
        SessionFileContents contents = SessionFile.read(file);
        return new RecordedSession(contents.model(), null, null, null, file, 0, contents.skipped());
    }

    /** The lines of a saved session's file that could not be read (empty for a live session or an intact file). */
    public List<SessionFileContents.SkippedLine> skippedLines() {
        return skippedLines;
    }

    /** The same for a status line, e.g. {@code "3 lines skipped: line 17: …"}; "" when nothing was skipped. */
    public String skippedSummary() {
        return new SessionFileContents(model, skippedLines).skippedSummary();
    }

    /** The live session behind this recording, while attached; empty for a saved one. */
    public Optional<LiveSession> live() {
        return Optional.ofNullable(live);
    }

    public SessionModel model() {
        return model;
    }

    public boolean isLive() {
        return live != null;
    }

    /** Whether the user may still change things (a live or caller-fed session that has not ended). */
    public boolean isEditable() {
        return feed != null && model.state() == ConnectionState.CONNECTED;
    }

    /** The session file. */
    public Path file() {
        return file;
    }

    /** A failure writing the session file, if one happened. */
    public Optional<IOException> saveFailure() {
        return journal == null ? Optional.empty() : journal.failure();
    }

    /** Applies up to {@code max} waiting events and returns what changed. */
    public SessionModel.ModelChanges drain(int max) {
        if (feed != null) {
            feed.drainInto(model, max);
        }
        return model.takeChanges();
    }

    /**
     * Replaces the ignore list: the model marks matching rows, the file records the list, and the agent
     * gets a {@link Configure} with it, sent on {@code io} because a socket write may block.
     *
     * @param onSendFailure told (on an {@code io} thread) when the agent could not be told
     */
    public void setIgnoreGlobs(List<String> globs, Executor io, Consumer<IOException> onSendFailure) {
        model.setIgnoreGlobs(globs);
        if (journal != null) {
            journal.ignoreListChanged(model.ignoreGlobs());
        }
        sendConfigure(io, onSendFailure);
    }

    /** The watch rules in force ({@code com.acme.Session#close:this}); empty for a saved session. */
    public List<String> watchRules() {
        return watchRules;
    }

    /**
     * Replaces the watch rules and sends them to the agent (with the ignore list) on {@code io}. The agent
     * checks them and answers each problem with an {@link dev.leakinspector.protocol.AgentError} in the
     * context "rules", which arrives through the feed. Does nothing unless the session {@link #isEditable()}.
     *
     * @param onSendFailure told (on an {@code io} thread) when the agent could not be told
     */
    public void setWatchRules(List<String> rules, Executor io, Consumer<IOException> onSendFailure) {
        if (!isEditable()) {
            return;
        }
        watchRules = List.copyOf(rules);
        sendConfigure(io, onSendFailure);
    }

    /**
     * Sends the ignore list and the rules as they are now. {@code io} may run two sends at once or out of
     * order (a pool): each send takes the latest settings under one lock, so the agent's last Configure is
     * always the user's last change, never an older one overtaking it.
     */
    private void sendConfigure(Executor io, Consumer<IOException> onSendFailure) {
        if (live != null && isEditable()) {
            latestConfigure.set(new Configure(graceMillis, model.ignoreGlobs(), watchRules));
            io.execute(() -> {
                synchronized (latestConfigure) {
                    Configure configure = latestConfigure.getAndSet(null);
                    if (configure == null) {
                        return; // an earlier task already sent these settings
                    }
                    try {
                        live.send(configure);
                    } catch (IOException e) {
                        onSendFailure.accept(e);
                    }
                }
            });
        }
    }

    /** Detaches from the target (blocking, up to a few seconds); the end arrives through the feed. */
    public void detach(String reason) {
        if (live != null) {
            live.detach(reason);
        }
    }
}
