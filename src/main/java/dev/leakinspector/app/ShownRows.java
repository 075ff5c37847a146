package dev.leakinspector.app;

import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rows the leak list shows, filtered and sorted, kept up to date with one list change per batch.
 * JavaFX's SortedList updates every index on each insert (O(n) per row), which made 5,000 new rows cost
 * a 100 ms pulse with 100,000 present; here a batch is appended (unsorted) or merged in one pass (sorted),
 * and retractions replace rows in place. Comparators compare plain keys, not locale collation.
 *
 * <p>Threading: JavaFX thread (the list is a table's items).
 */
final class ShownRows {
    /** Above this many replaced rows in one batch, one whole-list change is cheaper than one change each. */
    private static final int MAX_SINGLE_REPLACEMENTS = 64;

    private final ObservableList<LeakRecord> shown = FXCollections.observableArrayList();
    private Predicate<LeakRecord> filter = row -> true;
    private boolean filtering;
    private Comparator<LeakRecord> order;

    ObservableList<LeakRecord> list() {
        return shown;
    }

    /** Shows exactly the model's rows that pass {@code rowFilter}, in {@code rowOrder} (null: arrival order). */
    void reset(List<LeakRecord> all, Predicate<LeakRecord> rowFilter, boolean isFiltering, Comparator<LeakRecord> rowOrder) {
        this.filter = rowFilter;
        this.filtering = isFiltering;
        this.order = rowOrder;
        List<LeakRecord> next = new ArrayList<>(all.size());
        for (LeakRecord row : all) {
            if (filter.test(row)) {
                next.add(row);
            }
        }
        if (order != null) {
            next.sort(order);
        }
        shown.setAll(next);
    }

    /** Re-sorts (or restores arrival order when {@code rowOrder} is null). */
    void sort(List<LeakRecord> all, Comparator<LeakRecord> rowOrder) {
        reset(all, filter, filtering, rowOrder);
    }

    /** Applies one drained batch of the model's changes. */
    void apply(SessionModel model, SessionModel.ModelChanges changes) {
        List<LeakRecord> all = model.rows();
        BitSet changed = changes.changedRows();
        List<LeakRecord> added = all.subList(changes.firstAddedRow(), all.size());
        if (order == null) {
            applyInArrivalOrder(all, changes, changed, added);
        } else {
            applySorted(all, changed, added);
        }
    }

    private void applyInArrivalOrder(List<LeakRecord> all, SessionModel.ModelChanges changes, BitSet changed,
                                     List<LeakRecord> added) {
        if (!changed.isEmpty()) {
            if (filtering) {
                // A status change can move a row in or out of the filter; filtering alone is one cheap pass.
                reset(all, filter, filtering, null);
                return;
            }
            // Unfiltered and in arrival order: a row's index here is its index in the model.
            if (changed.cardinality() > MAX_SINGLE_REPLACEMENTS) {
                shown.setAll(new ArrayList<>(all.subList(0, changes.firstAddedRow())));
            } else {
                for (int i = changed.nextSetBit(0); i >= 0; i = changed.nextSetBit(i + 1)) {
                    shown.set(i, all.get(i));
                }
            }
        }
        List<LeakRecord> passing = passing(added);
        if (!passing.isEmpty()) {
            shown.addAll(passing);
        }
    }

    /**
     * Sorted: replaced rows are swapped in place in one pass (dropped if they no longer pass the filter),
     * the list is re-sorted only if that broke the order (nearly sorted input sorts in about linear time),
     * and new or newly passing rows are merged in.
     */
    private void applySorted(List<LeakRecord> all, BitSet changed, List<LeakRecord> added) {
        if (changed.cardinality() + added.size() <= MAX_SINGLE_REPLACEMENTS) {
            applySortedOneByOne(all, changed, added);
            return;
        }
        Map<Long, LeakRecord> replacements = new HashMap<>();
        for (int i = changed.nextSetBit(0); i >= 0; i = changed.nextSetBit(i + 1)) {
            replacements.put(all.get(i).watchId(), all.get(i));
        }
        List<LeakRecord> next = new ArrayList<>(shown.size() + added.size());
        for (LeakRecord row : shown) {
            LeakRecord replacement = replacements.isEmpty() ? null : replacements.remove(row.watchId());
            if (replacement == null) {
                next.add(row);
            } else if (filter.test(replacement)) {
                next.add(replacement);
            }
        }
        List<LeakRecord> incoming = passing(added);
        for (LeakRecord nowPassing : replacements.values()) {
            if (filter.test(nowPassing)) {
                incoming.add(nowPassing);
            }
        }
        if (!changed.isEmpty() && !isSorted(next)) {
            next.sort(order);
        }
        if (incoming.isEmpty() && changed.isEmpty()) {
            return;
        }
        incoming.sort(order);
        shown.setAll(merge(next, incoming, order));
    }

    /**
     * A small batch (the usual live case: a few reports a second) costs a few binary searches and
     * single-row changes, rather than a whole-list change that the table would process in O(n).
     */
    private void applySortedOneByOne(List<LeakRecord> all, BitSet changed, List<LeakRecord> added) {
        for (int i = changed.nextSetBit(0); i >= 0; i = changed.nextSetBit(i + 1)) {
            LeakRecord replacement = all.get(i);
            int at = indexOf(replacement.watchId());
            if (at >= 0) {
                LeakRecord old = shown.get(at);
                boolean samePlace = order.compare(old, replacement) == 0;
                if (filter.test(replacement) && samePlace) {
                    shown.set(at, replacement);
                    continue;
                }
                shown.remove(at);
            }
            if (filter.test(replacement)) {
                shown.add(insertionPoint(replacement), replacement);
            }
        }
        for (LeakRecord row : added) {
            if (filter.test(row)) {
                shown.add(insertionPoint(row), row);
            }
        }
    }

    /** Where {@code row} goes: after every shown row that sorts before or equal to it (stable). */
    private int insertionPoint(LeakRecord row) {
        int low = 0;
        int high = shown.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (order.compare(shown.get(mid), row) <= 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private List<LeakRecord> passing(List<LeakRecord> rows) {
        List<LeakRecord> passing = new ArrayList<>(rows.size());
        for (LeakRecord row : rows) {
            if (filter.test(row)) {
                passing.add(row);
            }
        }
        return passing;
    }

    private boolean isSorted(List<LeakRecord> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (order.compare(rows.get(i - 1), rows.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static List<LeakRecord> merge(List<LeakRecord> a, List<LeakRecord> b, Comparator<LeakRecord> order) {
        List<LeakRecord> merged = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            // Ties keep the rows already shown first, as a stable sort of the whole list would.
            merged.add(order.compare(b.get(j), a.get(i)) < 0 ? b.get(j++) : a.get(i++));
        }
        merged.addAll(a.subList(i, a.size()));
        merged.addAll(b.subList(j, b.size()));
        return merged;
    }

    /** Indexes of the shown rows whose watch id is in {@code watchIds}, ascending; one pass over the list. */
    int[] indexesOf(Set<Long> watchIds) {
        int[] found = new int[Math.min(watchIds.size(), shown.size())];
        int count = 0;
        for (int i = 0; i < shown.size() && count < found.length; i++) {
            if (watchIds.contains(shown.get(i).watchId())) {
                found[count++] = i;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /** Index of the row with {@code watchId} in the shown list, or -1. */
    int indexOf(long watchId) {
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).watchId() == watchId) {
                return i;
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
}
