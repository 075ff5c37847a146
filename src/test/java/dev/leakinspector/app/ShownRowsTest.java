package dev.leakinspector.app;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.ConnectionState;
import dev.leakinspector.session.LeakGroup;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.TargetInfo;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shown rows after any sequence of batches equal a from-scratch filter and sort of the model, for
 * small batches and large ones, sorted or not; the list changes told to the table, replayed on a copy, give
 * the same rows; a batch is one change that touches only the rows it changes; the model's groups equal a
 * grouping from scratch.
 */
class ShownRowsTest {
    private static final TargetInfo TARGET = new TargetInfo(1, "t", "17", "", "", List.of(), false, false);

    @Test
    void incrementalUpdatesMatchAFullRecomputation() {
        Random random = new Random(42);
        List<Comparator<LeakRecord>> orders = new ArrayList<>();
        orders.add(null);
        orders.addAll(ShownRows.columnOrders().values());
        orders.add(ShownRows.columnOrders().get("statusColumn").reversed());
        List<Predicate<LeakRecord>> filters = List.of(row -> true,
                new LeakFilter(LeakFilter.Shown.STANDING, ""), new LeakFilter(LeakFilter.Shown.REUSED, ""), new LeakFilter(LeakFilter.Shown.DEALLOCATED, "Page1"));
        for (Comparator<LeakRecord> order : orders) {
            for (Predicate<LeakRecord> filter : filters) {
                SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
                ShownRows shown = new ShownRows(model::indexOf);
                shown.reset(model.rows(), filter, filter != filters.get(0), order);
                List<LeakRecord> replayed = new ArrayList<>(shown.list());
                shown.list().addListener((ListChangeListener<LeakRecord>) change -> replay(change, replayed));
                long nextId = 0;
                for (int batch = 0; batch < 40; batch++) {
                    int size = random.nextBoolean() ? 1 + random.nextInt(5) : 50 + random.nextInt(200);
                    for (int i = 0; i < size; i++) {
                        int dice = random.nextInt(8);
                        if (nextId > 0 && dice < 2) {
                            model.apply(new ObjectDeallocated(random.nextInt((int) nextId), random.nextInt(9000)));
                        } else if (nextId > 0 && dice == 2) {
                            model.apply(new ObjectReused(random.nextInt((int) nextId), random.nextInt(9000)));
                        } else if (nextId > 0 && dice == 3) {
                            model.apply(new VerdictChanged(random.nextInt((int) nextId), Verdict.LEAK, "piling up"));
                        } else {
                            long id = nextId++;
                            model.apply(new LeakSuspected(id, "com.acme.Page" + random.nextInt(20), "window hidden",
                                    List.of("Stage \"w" + id + "\"", "Scene"), random.nextInt(30), 0,
                                    random.nextInt(1000), true, random.nextBoolean() ? Verdict.LEAK : Verdict.RETAINED, ""));
                        }
                    }
                    shown.apply(model, model.takeChanges());
                    List<Long> expectedIds = expected(model.rows(), filter, order).stream().map(LeakRecord::watchId).toList();
                    List<Long> shownIds = shown.list().stream().map(LeakRecord::watchId).toList();
                    assertEquals(expectedIds.size(), shownIds.size(), "size, filter " + filter + ", batch " + batch);
                    for (int i = 0; i < expectedIds.size(); i++) {
                        assertEquals(expectedIds.get(i), shownIds.get(i), "row " + i + ", filter " + filter + ", batch " + batch);
                    }
                    assertEquals(expected(model.rows(), filter, order), shown.list(), "records are the latest values");
                    assertEquals(shown.list(), replayed, "the changes told, replayed, filter " + filter + ", batch " + batch);
                    assertEquals(LeakGroup.of(model.rows()), model.groups(), "groups kept as rows change");
                    for (int i = 0; i < shownIds.size(); i++) {
                        assertEquals(i, shown.indexOf(shownIds.get(i)), "found by binary search");
                    }
                }
            }
        }
    }

    /**
     * A batch into a large list is one change that adds the new rows and removes or updates the changed ones,
     * not a replacement of the whole list (which made the table re-read every row and drop its selection).
     */
    @Test
    void aBatchIsOneChangeOfOnlyTheRowsItTouches() {
        for (Comparator<LeakRecord> order : java.util.Arrays.asList(null, ShownRows.columnOrders().get("classColumn"))) {
            SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
            ShownRows shown = new ShownRows(model::indexOf);
            shown.reset(model.rows(), new LeakFilter(LeakFilter.Shown.STANDING, ""), true, order);
            for (int id = 0; id < 1000; id++) {
                model.apply(leak(id));
            }
            shown.apply(model, model.takeChanges());
            List<ListChangeListener.Change<? extends LeakRecord>> changes = new ArrayList<>();
            int[] removed = {0};
            int[] added = {0};
            shown.list().addListener((ListChangeListener<LeakRecord>) change -> {
                changes.add(change);
                while (change.next()) {
                    removed[0] += change.getRemovedSize();
                    added[0] += change.getAddedSize();
                }
            });
            for (int id = 1000; id < 1200; id++) {
                model.apply(leak(id));
            }
            model.apply(new ObjectDeallocated(7, 100));    // leaves the Standing list
            model.apply(new VerdictChanged(8, Verdict.RETAINED, "cache")); // stays, updated in place
            shown.apply(model, model.takeChanges());
            assertEquals(1, changes.size(), "one change per batch, order " + order);
            assertEquals(2, removed[0], "the deallocated row and the old value of the updated one, order " + order);
            assertEquals(201, added[0], "200 new rows and the updated one, order " + order);
            assertEquals(1199, shown.list().size());
            assertTrue(shown.indexOf(7) < 0 && shown.indexOf(8) >= 0);
        }
    }

    private static LeakSuspected leak(long id) {
        return new LeakSuspected(id, "com.acme.Page" + id % 7, "window hidden", List.of("Stage \"w" + id + "\"", "Scene"),
                3, 0, id, true, Verdict.LEAK, "");
    }

    /** Applies {@code change} to {@code copy}, checking that the rows it says it removed are the ones there. */
    private static void replay(ListChangeListener.Change<? extends LeakRecord> change, List<LeakRecord> copy) {
        while (change.next()) {
            List<LeakRecord> there = copy.subList(change.getFrom(), change.getFrom() + change.getRemovedSize());
            assertEquals(change.getRemoved(), there, "removed rows");
            there.clear();
            copy.addAll(change.getFrom(), change.getAddedSubList());
        }
    }

    private static List<LeakRecord> expected(List<LeakRecord> all, Predicate<LeakRecord> filter,
                                             Comparator<LeakRecord> order) {
        List<LeakRecord> expected = new ArrayList<>(all.stream().filter(filter).toList());
        if (order != null) {
            expected.sort(order);
        }
        return expected;
    }
}
