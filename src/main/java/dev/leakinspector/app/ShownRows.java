package dev.leakinspector.app;

import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;

import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongToIntFunction;
import java.util.function.Predicate;

/**
 * The rows the leak list shows, filtered and sorted, kept up to date with one list change per batch.
 *
 * <p>Why not JavaFX's FilteredList/SortedList: SortedList updates every index on each insert (O(n) per row),
 * and re-filtering or re-merging the whole list per batch cost 100 to 600 ms per pulse at 100,000 to 260,000
 * rows. Here a batch costs O(k log n) comparisons for its k changed or new rows plus one copy of an int
 * array: each new or changed row is placed by binary search (a changed row is found by binary search with its
 * previous value, which is why the last applied value of every row is kept), and the table is told in one
 * change made of sub-changes in ascending order (an add per run of inserted rows, a remove per dropped row,
 * a set per row updated in place), so it neither re-reads the list nor loses its selection for them.
 * Comparators compare plain keys, not locale collation; each ends with the watch id, so orders are total and
 * a row is found by its value.
 *
 * <p>Threading: JavaFX thread (the list is a table's items). Ownership: one per leak list; holds the rows
 * (by model index) it last applied.
 */
final class ShownRows {
    private final Rows shown = new Rows();
    /** The index of a watch's row in the model, or -1; without one, a linear scan of the rows applied. */
    private final LongToIntFunction rowIndexOfWatch;
    /** Every model row as last applied, by model index: a changed row is found where its old value sorted. */
    private LeakRecord[] applied = new LeakRecord[0];
    private int appliedCount;
    /** Model indexes of the rows shown. */
    private final BitSet isShown = new BitSet();
    private Predicate<LeakRecord> filter = row -> true;
    private Comparator<LeakRecord> order;

    ShownRows() {
        this(null);
    }

    /** @param rowIndexOfWatch the model's index of a watch's row ({@link SessionModel#indexOf}), or null */
    ShownRows(LongToIntFunction rowIndexOfWatch) {
        this.rowIndexOfWatch = rowIndexOfWatch;
    }

    /** The shown rows, read-only: a table's items. */
    ObservableList<LeakRecord> list() {
        return shown;
    }

    /** Shows exactly the model's rows that pass {@code rowFilter}, in {@code rowOrder} (null: arrival order). */
    void reset(List<LeakRecord> all, Predicate<LeakRecord> rowFilter, boolean isFiltering, Comparator<LeakRecord> rowOrder) {
        this.filter = rowFilter;
        this.order = rowOrder;
        List<LeakRecord> before = new ArrayList<>(shown);
        applied = all.toArray(new LeakRecord[Math.max(16, all.size())]);
        appliedCount = all.size();
        isShown.clear();
        int[] next = new int[Math.max(16, all.size())];
        int count = 0;
        for (int i = 0; i < appliedCount; i++) {
            if (filter.test(applied[i])) {
                next[count++] = i;
                isShown.set(i);
            }
        }
        if (order != null) {
            Integer[] boxed = new Integer[count];
            for (int i = 0; i < count; i++) {
                boxed[i] = next[i];
            }
            Arrays.sort(boxed, (a, b) -> order.compare(applied[a], applied[b]));
            for (int i = 0; i < count; i++) {
                next[i] = boxed[i];
            }
        }
        shown.replaceAll(next, count, before);
    }

    /** Re-sorts (or restores arrival order when {@code rowOrder} is null). */
    void sort(List<LeakRecord> all, Comparator<LeakRecord> rowOrder) {
        reset(all, filter, true, rowOrder);
    }

    /** Lets go of every row (the window closed). */
    void clear() {
        List<LeakRecord> before = new ArrayList<>(shown);
        applied = new LeakRecord[0];
        appliedCount = 0;
        isShown.clear();
        shown.replaceAll(new int[0], 0, before);
    }

    /** Applies one drained batch of the model's changes: O(k log n) plus one array copy, one list change. */
    void apply(SessionModel model, SessionModel.ModelChanges changes) {
        List<LeakRecord> all = model.rows();
        BitSet changed = changes.changedRows();
        int firstAdded = changes.firstAddedRow();
        if (changed.isEmpty() && firstAdded == all.size()) {
            return;
        }
        // Every position is worked out against the rows as last applied (sorted by their old values) ...
        Edits edits = new Edits();
        for (int i = changed.nextSetBit(0); i >= 0 && i < appliedCount; i = changed.nextSetBit(i + 1)) {
            LeakRecord old = applied[i];
            LeakRecord now = all.get(i);
            if (old == now) {
                continue;
            }
            boolean passes = filter.test(now);
            int at = isShown.get(i) ? positionOf(i) : -1;
            if (at >= 0) {
                if (passes && (order == null || order.compare(old, now) == 0)) {
                    edits.set(at, old);
                    continue;
                }
                edits.remove(at, old);
            }
            if (passes) {
                edits.insert(insertionPoint(i, now), i, now);
            }
        }
        for (int i = firstAdded; i < all.size(); i++) {
            LeakRecord row = all.get(i);
            if (filter.test(row)) {
                edits.insert(insertionPoint(i, row), i, row);
            }
        }
        // ... and only then are the new values taken in.
        ensureApplied(all.size());
        for (int i = changed.nextSetBit(0); i >= 0 && i < appliedCount; i = changed.nextSetBit(i + 1)) {
            applied[i] = all.get(i);
        }
        for (int i = firstAdded; i < all.size(); i++) {
            applied[i] = all.get(i);
        }
        appliedCount = all.size();
        edits.applyTo(shown, isShown, this::compareInserted);
    }

    private void ensureApplied(int size) {
        if (applied.length < size) {
            applied = Arrays.copyOf(applied, Math.max(size, applied.length + (applied.length >> 1)));
        }
    }

    /** Two rows inserted at the same point, in the list's order. */
    private int compareInserted(Edits.Insertion a, Edits.Insertion b) {
        return order == null ? Integer.compare(a.modelIndex(), b.modelIndex()) : order.compare(a.row(), b.row());
    }

    /** Where the shown row of model index {@code modelIndex} is, by binary search with its applied value; or -1. */
    private int positionOf(int modelIndex) {
        int low = 0;
        int high = shown.size - 1;
        LeakRecord row = applied[modelIndex];
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int shownIndex = shown.indexes[mid];
            int c = order == null ? Integer.compare(shownIndex, modelIndex) : order.compare(applied[shownIndex], row);
            if (c < 0) {
                low = mid + 1;
            } else if (c > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Where {@code row} (model index {@code modelIndex}) goes: after every shown row that sorts before it. */
    private int insertionPoint(int modelIndex, LeakRecord row) {
        int low = 0;
        int high = shown.size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            int shownIndex = shown.indexes[mid];
            int c = order == null ? Integer.compare(shownIndex, modelIndex) : order.compare(applied[shownIndex], row);
            if (c <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The shown position of the model's row {@code modelIndex}, or -1 if it is not shown. O(log n). */
    int positionOfRow(int modelIndex) {
        return modelIndex < 0 || !isShown.get(modelIndex) ? -1 : positionOf(modelIndex);
    }

    /** Indexes of the shown rows whose watch id is in {@code watchIds}, ascending. */
    int[] indexesOf(Set<Long> watchIds) {
        int[] found = new int[watchIds.size()];
        int count = 0;
        for (long watchId : watchIds) {
            int at = indexOf(watchId);
            if (at >= 0) {
                found[count++] = at;
            }
        }
        int[] result = Arrays.copyOf(found, count);
        Arrays.sort(result);
        return result;
    }

    /** Index of the row with {@code watchId} in the shown list, or -1. */
    int indexOf(long watchId) {
        if (rowIndexOfWatch != null) {
            return positionOfRow(rowIndexOfWatch.applyAsInt(watchId));
        }
        for (int i = 0; i < appliedCount; i++) {
            if (applied[i].watchId() == watchId) {
                return positionOfRow(i);
            }
        }
        return -1;
    }

    /**
     * Plain-key comparators for the list's columns, by column id. Ties fall back to the watch id, so an
     * order is total and a row never jumps between equal neighbours when the list is updated.
     */
    static Map<String, Comparator<LeakRecord>> columnOrders() {
        Map<String, Comparator<LeakRecord>> orders = new HashMap<>();
        orders.put("timeColumn", Comparator.comparingLong(LeakRecord::reportedAtMillis));
        // Standing rows first, leaks before retained ones; retracted rows by how soon they were retracted.
        orders.put("statusColumn", Comparator.comparing(LeakRecord::status)
                .thenComparing(LeakRecord::verdict, Comparator.reverseOrder())
                .thenComparingLong(LeakRecord::retractedAfterMillis));
        orders.put("classColumn", Comparator.comparing(LeakRecord::className));
        orders.put("triggerColumn", Comparator.comparing(LeakRecord::trigger));
        orders.put("descendantsColumn", Comparator.comparingInt(LeakRecord::descendants));
        orders.put("viewStackColumn", Comparator.comparing(LeakRecord::viewStackText));
        orders.replaceAll((column, order) -> order.thenComparingLong(LeakRecord::watchId));
        return orders;
    }

    /**
     * The shown rows as model indexes into {@link #applied}, a read-only observable list of their records.
     * Changed only through {@link Edits#applyTo} and {@link #replaceAll}, each one list change.
     */
    final class Rows extends ObservableListBase<LeakRecord> {
        private int[] indexes = new int[16];
        private int size;
        /**
         * The array the shown indexes were in before the last batch, written over by the next one: a batch copies
         * every index, and a new array each time (1 MB at 260,000 rows, dozens of times a second) was most of
         * what the FX thread allocated, which made young GCs, and so pauses, more frequent.
         */
        private int[] spare = new int[16];

        @Override
        public LeakRecord get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return applied[indexes[index]];
        }

        @Override
        public int size() {
            return size;
        }

        /** Shows {@code next[0..count)} instead of {@code before} (the rows shown until now): one replace. */
        void replaceAll(int[] next, int count, List<LeakRecord> before) {
            beginChange();
            try {
                indexes = next;
                size = count;
                if (!before.isEmpty()) {
                    nextRemove(0, before);
                }
                if (count > 0) {
                    nextAdd(0, count);
                }
            } finally {
                endChange();
            }
        }

        void begin() {
            beginChange();
        }

        void end() {
            endChange();
        }

        void added(int from, int to) {
            nextAdd(from, to);
        }

        void removed(int at, LeakRecord old) {
            nextRemove(at, old);
        }

        void replaced(int at, LeakRecord old) {
            nextSet(at, old);
        }

        /** An array for the next batch's indexes, at least {@code length} long: the spare one if it is. */
        int[] nextArray(int length) {
            return spare.length >= length ? spare : new int[Math.max(16, length + (length >> 3))];
        }

        /** Shows {@code next[0..count)} (from {@link #nextArray}); the array shown until now becomes the spare. */
        void take(int[] next, int count) {
            spare = indexes;
            indexes = next;
            size = count;
        }
    }

    /**
     * One batch's edits to the shown rows, as positions in the list before the batch: rows to remove, rows
     * updated in place, rows to insert (before the row now at their point). Applied in one pass from the top,
     * so each sub-change's index is also its index in the list that results.
     */
    private static final class Edits {
        /** A row to insert before the row now at {@code point}. */
        record Insertion(int point, int modelIndex, LeakRecord row) {
        }

        private final Map<Integer, LeakRecord> removed = new HashMap<>();
        private final Map<Integer, LeakRecord> replaced = new HashMap<>();
        private final List<Insertion> inserted = new ArrayList<>();

        void remove(int at, LeakRecord old) {
            removed.put(at, old);
        }

        void set(int at, LeakRecord old) {
            replaced.put(at, old);
        }

        void insert(int point, int modelIndex, LeakRecord row) {
            inserted.add(new Insertion(point, modelIndex, row));
        }

        void applyTo(Rows rows, BitSet isShown, Comparator<Insertion> sameRunOrder) {
            if (removed.isEmpty() && replaced.isEmpty() && inserted.isEmpty()) {
                return;
            }
            inserted.sort(Comparator.comparingInt(Insertion::point).thenComparing(sameRunOrder));
            int[] touched = new int[removed.size() + replaced.size()];
            int t = 0;
            for (int at : removed.keySet()) {
                touched[t++] = at;
            }
            for (int at : replaced.keySet()) {
                touched[t++] = at;
            }
            Arrays.sort(touched);
            int[] old = rows.indexes;
            int oldSize = rows.size;
            int newSize = oldSize - removed.size() + inserted.size();
            int[] next = rows.nextArray(newSize);
            rows.begin();
            try {
                int p = 0; // next old position to copy
                int q = 0; // next position in the new list
                int ins = 0;
                int touch = 0;
                while (p < oldSize || ins < inserted.size()) {
                    int nextInsert = ins < inserted.size() ? inserted.get(ins).point() : Integer.MAX_VALUE;
                    int nextTouch = touch < touched.length ? touched[touch] : Integer.MAX_VALUE;
                    int until = Math.min(oldSize, Math.min(nextInsert, nextTouch));
                    if (until > p) {
                        System.arraycopy(old, p, next, q, until - p);
                        q += until - p;
                        p = until;
                    }
                    int runStart = q;
                    while (ins < inserted.size() && inserted.get(ins).point() == p) {
                        Insertion insertion = inserted.get(ins++);
                        next[q++] = insertion.modelIndex();
                        isShown.set(insertion.modelIndex());
                    }
                    if (q > runStart) {
                        rows.added(runStart, q);
                    }
                    if (touch < touched.length && touched[touch] == p) {
                        touch++;
                        LeakRecord gone = removed.get(p);
                        if (gone != null) {
                            rows.removed(q, gone);
                            // a row removed and inserted elsewhere in the same batch is shown again
                            isShown.clear(old[p]);
                        } else {
                            next[q] = old[p];
                            rows.replaced(q, replaced.get(p));
                            q++;
                        }
                        p++;
                    } else if (p >= oldSize && ins >= inserted.size()) {
                        break;
                    }
                }
                // A row removed at one place and inserted at another: the clear above came first only if its old
                // place was above its new one, so mark every inserted row shown once more.
                for (Insertion insertion : inserted) {
                    isShown.set(insertion.modelIndex());
                }
                rows.take(next, q);
            } finally {
                rows.end();
            }
        }
    }
}
