package dev.leakinspector.session;

import dev.leakinspector.protocol.ClassGlobs;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.HeapDumpReady;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything known about one session, built from the agent's messages in the order they arrived: the
 * leak rows (a retraction or a verdict change updates its row, never removes it), the counts of rows in
 * each state overall and per kind (kept as rows change), the latest stats and the heap history,
 * the connection state and why it ended, the ignore list, the agent's errors. A UI reads it and asks
 * {@link #takeChanges()} what changed since it last looked, so it can update only that.
 *
 * <p>Threading: not thread-safe; confine each model to one thread (the JavaFX thread in the app). The
 * session's reader thread hands messages over through a {@link SessionFeed}.
 */
public final class SessionModel {
    private final TargetInfo target;
    private final List<LeakRecord> rows = new ArrayList<>();
    private final RowIndexes rowByWatchId = new RowIndexes();
    private final HeapHistory heapHistory = new HeapHistory();
    /**
     * The GCs the agent forced that confirmed reports. No message says "GC now"; a confirmed report's time is
     * the moment right after its GC, shared by every report of that check, so each new such time is one GC.
     * GCs that confirmed nothing (rechecks of reported objects, GCs skipped by the JVM) are not known here.
     */
    private final MomentHistory forcedGcs = new MomentHistory();
    /** Heap dumps the agent wrote for us, at the time their answer arrived (the message carries no time). */
    private final MomentHistory heapDumps = new MomentHistory();
    private final List<AgentError> errors = new ArrayList<>();
    private ConnectionState state;
    private SessionEnd end;
    private Stats stats;
    private ClassGlobs ignores = new ClassGlobs(List.of());
    private ModelChanges.Builder changes = new ModelChanges.Builder(0);
    /** Kept as rows are added and replaced, so the status bar need not walk every row on every drain. */
    private final ReportCounts.Tally counts = new ReportCounts.Tally();
    /** The same per kind, so the group table need not walk every row either. */
    private final LeakGroup.Tallies kinds = new LeakGroup.Tallies();
    /** Each row's kind, by row index: a replaced row keeps its kind, so it is not worked out again. */
    private final List<LeakGroup.Tallies.Kind> kindOfRow = new ArrayList<>();
    /** The latest {@link LeakRecord#retractedAtMillis()} of any row, -1 when none was retracted. */
    private long latestRetractedAtMillis = -1;

    public SessionModel(TargetInfo target, ConnectionState state) {
        this.target = target;
        this.state = state;
    }

    /** Applies one message from the agent. Hello and Configure are not events of the session and are ignored. */
    public void apply(Message message) {
        AgentEvents.dispatch(message, events);
    }

    /** What each event does to the model ({@link #apply}). */
    private final AgentEvents events = new AgentEvents() {
        @Override
        public void leakSuspected(LeakSuspected leak) {
            addLeak(leak);
        }

        @Override
        public void objectDeallocated(ObjectDeallocated deallocated) {
            retract(deallocated.watchId(), row -> row.deallocated(deallocated.afterMillis()));
        }

        @Override
        public void objectReused(ObjectReused reused) {
            retract(reused.watchId(), row -> row.reused(reused.afterMillis()));
        }

        @Override
        public void verdictChanged(VerdictChanged changed) {
            changeVerdict(changed);
        }

        @Override
        public void stats(Stats newStats) {
            stats = newStats;
            heapHistory.add(newStats.timestampMillis(), newStats.heapUsedBytes());
            changes.statsChanged();
        }

        @Override
        public void heapDumpReady(HeapDumpReady dump) {
            if (dump.succeeded()) {
                heapDumps.add(System.currentTimeMillis());
            }
        }

        @Override
        public void agentError(AgentError error) {
            errors.add(error);
            changes.error(error);
        }
    };

    private void addLeak(LeakSuspected leak) {
        if (rowByWatchId.contains(leak.watchId())) {
            // The agent reports a watch once; a repeat (e.g. a replayed file) must not make a second row.
            return;
        }
        if (leak.gcConfirmed() && leak.reportedAtMillis() != forcedGcs.last()) {
            forcedGcs.add(leak.reportedAtMillis());
        }
        // The kind first: the row then shares its strings with the rows of its kind (see Kind#rowOf).
        LeakGroup.Tallies.Kind kind = kinds.kindOf(leak.className(), leak.trigger(), leak.viewStack());
        LeakRecord record = kind.rowOf(leak);
        if (ignores.matches(record.className())) {
            record = record.ignored(true);
        }
        rowByWatchId.put(leak.watchId(), rows.size());
        rows.add(record);
        kindOfRow.add(kind);
        counted(rows.size() - 1, record, 1);
        changes.added(record);
    }

    /**
     * Deallocated or reused: the row stays, with its retraction. A watch ends with its first retraction, so
     * a second one for the same watch (a replayed or damaged file) changes nothing.
     */
    private void retract(long watchId, UnaryOperator<LeakRecord> retraction) {
        int index = rowByWatchId.get(watchId);
        if (index < 0 || rows.get(index).isRetracted()) {
            return;
        }
        LeakRecord updated = retraction.apply(rows.get(index));
        replace(index, updated);
        changes.changed(index);
        changes.retracted(updated);
    }

    /**
     * A new verdict and its reason, on whatever state the row is in (a refinement after a retraction is
     * still what the analysis found); only a standing row counts under its verdict. A standing row raised
     * to {@link Verdict#LEAK} is an escalation, which the user is told about.
     */
    private void changeVerdict(VerdictChanged changed) {
        int index = rowByWatchId.get(changed.watchId());
        if (index < 0) {
            return;
        }
        LeakRecord row = rows.get(index);
        if (row.verdict() == changed.verdict() && row.verdictReason().equals(changed.reason())) {
            return;
        }
        LeakRecord updated = row.withVerdict(changed.verdict(), changed.reason());
        replace(index, updated);
        changes.changed(index);
        if (updated.isStanding(Verdict.LEAK) && row.verdict() != Verdict.LEAK) {
            changes.escalated(updated);
        }
    }

    private void replace(int index, LeakRecord updated) {
        counted(index, rows.set(index, updated), -1);
        counted(index, updated, 1);
    }

    /** Counts {@code row}, at {@code index}, in ({@code sign} 1) or out (-1) of the kept counts. */
    private void counted(int index, LeakRecord row, int sign) {
        counts.count(row, sign);
        kindOfRow.get(index).count(row, sign);
        if (sign > 0) {
            latestRetractedAtMillis = Math.max(latestRetractedAtMillis, row.retractedAtMillis());
        }
    }

    /** The session is over; what was received stays. */
    public void end(SessionEnd sessionEnd) {
        if (end == null) {
            end = sessionEnd;
            state = ConnectionState.ENDED;
            changes.stateChanged();
        }
    }

    /** Marks the model as a saved session opened from a file. */
    public void markSaved() {
        state = ConnectionState.SAVED;
        changes.stateChanged();
    }

    /** The agent is connected: the session is live. */
    public void markConnected() {
        if (state == ConnectionState.ATTACHING) {
            state = ConnectionState.CONNECTED;
            changes.stateChanged();
        }
    }

    /**
     * Replaces the ignore list. Rows whose class the new list matches are marked ignored, rows it no longer
     * matches lose the mark; none is removed.
     */
    public void setIgnoreGlobs(List<String> globs) {
        ignores = new ClassGlobs(globs);
        for (int i = 0; i < rows.size(); i++) {
            LeakRecord row = rows.get(i);
            boolean ignored = ignores.matches(row.className());
            if (row.ignored() != ignored) {
                replace(i, row.ignored(ignored));
                changes.changed(i);
            }
        }
        changes.ignoresChanged();
    }

    /** What changed since the last call; the next call starts empty. */
    public ModelChanges takeChanges() {
        ModelChanges taken = changes.build();
        changes = new ModelChanges.Builder(rows.size());
        return taken;
    }

    public TargetInfo target() {
        return target;
    }

    /** The rows, in the order the reports arrived. Unmodifiable view; read it on the model's thread. */
    public List<LeakRecord> rows() {
        return Collections.unmodifiableList(rows);
    }

    public Optional<LeakRecord> row(long watchId) {
        int index = rowByWatchId.get(watchId);
        return index < 0 ? Optional.empty() : Optional.of(rows.get(index));
    }

    /** The index in {@link #rows()} of the row of {@code watchId}, or -1. O(1). */
    public int indexOf(long watchId) {
        return rowByWatchId.get(watchId);
    }

    public ConnectionState state() {
        return state;
    }

    public Optional<SessionEnd> sessionEnd() {
        return Optional.ofNullable(end);
    }

    public Optional<Stats> stats() {
        return Optional.ofNullable(stats);
    }

    public HeapHistory heapHistory() {
        return heapHistory;
    }

    /** When the agent forced a GC that confirmed reports (see the field's comment for what is not known). */
    public MomentHistory forcedGcs() {
        return forcedGcs;
    }

    /** When heap dumps were written for this session (the Retain Cycle window asks for them). */
    public MomentHistory heapDumps() {
        return heapDumps;
    }

    public List<String> ignoreGlobs() {
        return ignores.globs();
    }

    public List<AgentError> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** How many rows are in each state (leak, retained, reused, deallocated, ignored). Kept as rows change: O(1). */
    public ReportCounts counts() {
        return counts.snapshot();
    }

    /**
     * The rows grouped by kind (class, trigger, view-stack shape) with each kind's counts, among them how
     * many instances are alive now; in the order kinds first appeared. Kept as rows change: O(kinds).
     */
    public List<LeakGroup> groups() {
        return kinds.groups();
    }

    /**
     * When the latest retraction (deallocation or reuse) of a reported object happened, or -1 if none was.
     * Kept as rows change: O(1).
     */
    public long latestRetractedAtMillis() {
        return latestRetractedAtMillis;
    }

    /**
     * What changed in a {@link SessionModel} between two {@link #takeChanges()} calls. Immutable.
     *
     * @param firstAddedRow index of the first row added; rows from there to the end are new
     * @param changedRows   indexes of existing rows that were replaced (retracted, verdict changed, (un)ignored)
     * @param newLeaks      rows added, for notifications
     * @param retractions   rows retracted (deallocated or reused), for notifications
     * @param escalations   standing rows whose verdict rose to leak, for notifications
     */
    public record ModelChanges(int firstAddedRow, BitSet changedRows, List<LeakRecord> newLeaks,
                               List<LeakRecord> retractions, List<LeakRecord> escalations, List<AgentError> newErrors,
                               boolean statsChanged, boolean stateChanged, boolean ignoresChanged) {

        public boolean isEmpty() {
            return newLeaks.isEmpty() && changedRows.isEmpty() && newErrors.isEmpty() && !statsChanged
                    && !stateChanged && !ignoresChanged;
        }

        /**
         * These changes followed by {@code later} (taken next from the same model), as if taken at once: a row
         * added here and changed later is reported as added, with its latest value read from the model.
         */
        public ModelChanges then(ModelChanges later) {
            BitSet changed = (BitSet) changedRows.clone();
            BitSet laterChanged = later.changedRows;
            for (int i = laterChanged.nextSetBit(0); i >= 0 && i < firstAddedRow; i = laterChanged.nextSetBit(i + 1)) {
                changed.set(i);
            }
            return new ModelChanges(firstAddedRow, changed, concat(newLeaks, later.newLeaks),
                    concat(retractions, later.retractions), concat(escalations, later.escalations),
                    concat(newErrors, later.newErrors), statsChanged || later.statsChanged,
                    stateChanged || later.stateChanged, ignoresChanged || later.ignoresChanged);
        }

        private static <T> List<T> concat(List<T> first, List<T> second) {
            if (second.isEmpty()) {
                return first;
            }
            if (first.isEmpty()) {
                return second;
            }
            List<T> both = new ArrayList<>(first.size() + second.size());
            both.addAll(first);
            both.addAll(second);
            return Collections.unmodifiableList(both);
        }

        static final class Builder {
            private final int firstAddedRow;
            private final BitSet changedRows = new BitSet();
            private final List<LeakRecord> newLeaks = new ArrayList<>();
            private final List<LeakRecord> retractions = new ArrayList<>();
            private final List<LeakRecord> escalations = new ArrayList<>();
            private final List<AgentError> newErrors = new ArrayList<>();
            private boolean stats;
            private boolean state;
            private boolean ignores;

            Builder(int firstAddedRow) {
                this.firstAddedRow = firstAddedRow;
            }

            void added(LeakRecord row) {
                newLeaks.add(row);
            }

            void changed(int index) {
                // A row added in this same batch is reported as added, with its latest value.
                if (index < firstAddedRow) {
                    changedRows.set(index);
                }
            }

            void retracted(LeakRecord row) {
                retractions.add(row);
            }

            void escalated(LeakRecord row) {
                escalations.add(row);
            }

            void error(AgentError error) {
                newErrors.add(error);
            }

            void statsChanged() {
                stats = true;
            }

            void stateChanged() {
                state = true;
            }

            void ignoresChanged() {
                ignores = true;
            }

            ModelChanges build() {
                return new ModelChanges(firstAddedRow, changedRows, List.copyOf(newLeaks), List.copyOf(retractions),
                        List.copyOf(escalations), List.copyOf(newErrors), stats, state, ignores);
            }
        }
    }
}
