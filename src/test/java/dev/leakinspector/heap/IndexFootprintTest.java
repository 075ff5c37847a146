package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Measures the index's bytes per heap object on a real dump and checks the id table's lookups. */
class IndexFootprintTest {
    @Test
    void bytesPerObjectAsDocumented() {
        HprofIndex index = TestDumps.sharedIndex();
        double perObject = index.indexBytes() / (double) index.objectCount();
        double references = index.referenceCount() / (double) index.objectCount();
        System.out.printf("index: %d objects, %.2f references/object, %.1f bytes/object (documented: 13 + 4 x references + block slack)%n",
            index.objectCount(), references, perObject);
        // 8 (id + offset) + ~1 (buckets) + 4 (row start) + 4 per reference, plus < 256 KiB of the last reference block
        double bound = 13 + 4 * references + (256.0 * 1024 * 2) / index.objectCount();
        assertTrue(perObject <= bound, perObject + " > " + bound);
    }

    @Test
    void everyObjectIdMapsBackToItsDenseIndex() {
        HprofIndex index = TestDumps.sharedIndex();
        for (int i = 0; i < index.objectCount(); i++) {
            assertEquals(i, index.indexOf(index.objectId(i)));
            if (i > 0) {
                assertTrue(Long.compareUnsigned(index.objectId(i - 1), index.objectId(i)) < 0);
            }
        }
        assertEquals(-1, index.indexOf(index.objectId(0) + 1));
        assertEquals(-1, index.indexOf(0));
        assertEquals(-1, index.indexOf(-8L));
    }
}
