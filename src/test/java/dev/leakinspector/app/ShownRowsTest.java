package dev.leakinspector.app;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.ConnectionState;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.SessionModel;
import dev.leakinspector.session.TargetInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shown rows after any sequence of batches equal a from-scratch filter and sort of the model, for
 * small batches (one change at a time) and large ones (one whole-list change), sorted or not.
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
                ShownRows shown = new ShownRows();
                shown.reset(model.rows(), filter, filter != filters.get(0), order);
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
                }
            }
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
