package dev.leakinspector.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows that are the same leak: same class, same trigger, same view-stack shape (crumb types, names left
 * out), with how many there are and how many are still leaked. Immutable; any thread.
 */
public record LeakGroup(String className, String trigger, String viewStackShape, int count, int stillLeaked,
                        long lastReportedAtMillis) {

    /** Groups {@code rows}, in the order each group first appeared. */
    public static List<LeakGroup> of(List<LeakRecord> rows) {
        Map<List<String>, long[]> counts = new LinkedHashMap<>();
        for (LeakRecord row : rows) {
            long[] c = counts.computeIfAbsent(key(row), k -> new long[3]);
            c[0]++;
            if (row.status() == LeakRecord.Status.LEAKED) {
                c[1]++;
            }
            c[2] = Math.max(c[2], row.reportedAtMillis());
        }
        List<LeakGroup> groups = new ArrayList<>(counts.size());
        counts.forEach((k, c) -> groups.add(new LeakGroup(k.get(0), k.get(1), k.get(2), (int) c[0], (int) c[1], c[2])));
        return groups;
    }

    /** Whether {@code row} belongs to this group. */
    public boolean contains(LeakRecord row) {
        return key(row).equals(List.of(className, trigger, viewStackShape));
    }

    private static List<String> key(LeakRecord row) {
        return List.of(row.className(), row.trigger(), row.viewStackShape());
    }
}
