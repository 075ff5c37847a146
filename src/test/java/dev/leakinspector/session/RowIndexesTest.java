package dev.leakinspector.session;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowIndexesTest {
    @Test
    void findsEveryWatchAddedAcrossGrowthAndNoOther() {
        RowIndexes indexes = new RowIndexes();
        Map<Long, Integer> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(14);
        long[] special = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE};
        for (long id : special) {
            expected.put(id, expected.size());
            indexes.put(id, expected.get(id));
        }
        // consecutive ids (as the agent numbers its watches) and scattered ones, across many doublings
        for (int i = 0; i < 50_000; i++) {
            long id = i % 2 == 0 ? 1_000 + i : random.nextLong();
            if (!expected.containsKey(id)) {
                expected.put(id, expected.size());
                indexes.put(id, expected.get(id));
            }
        }
        expected.forEach((id, row) -> assertEquals(row, indexes.get(id), "watch " + id));
        for (int i = 0; i < 10_000; i++) {
            long id = random.nextLong();
            assertEquals(expected.getOrDefault(id, -1), indexes.get(id), "watch " + id);
        }
        assertEquals(-1, indexes.get(1_001));
        assertFalse(indexes.contains(1_001));
        assertTrue(indexes.contains(Long.MIN_VALUE));
    }

    @Test
    void aSecondPutOfTheSameWatchMovesItsRow() {
        RowIndexes indexes = new RowIndexes();
        indexes.put(7, 0);
        indexes.put(7, 5);
        assertEquals(5, indexes.get(7));
        assertThrows(IllegalArgumentException.class, () -> indexes.put(8, -1));
    }
}
