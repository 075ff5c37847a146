package dev.leakinspector.heap;

/**
 * The references of the reference pass whose target is not among the objects just around the referrer: each gets
 * a placeholder in the rows at once, and their lookups ({@link ObjectTable#indexOf}, a cache miss or two each) are
 * made a batch at a time, in a tight loop whose misses the processor overlaps, instead of one at a time between
 * the decoding of records. A target not in the dump leaves its placeholder (-1), which {@link #dropMissing} removes
 * afterwards: rare, since HotSpot dumps every object it references.
 *
 * <p>One per reference-pass worker, over that worker's own rows; not thread-safe.
 */
final class FarReferences {
    private static final int BATCH = 1024;

    private final ObjectTable table;
    private final BigIntArray edges;
    private final long[] ids = new long[BATCH];
    private final long[] positions = new long[BATCH];
    private int pending;
    private boolean missing;

    FarReferences(ObjectTable table, BigIntArray edges) {
        this.table = table;
        this.edges = edges;
    }

    /** Appends a placeholder for the reference to the object {@code id}, resolved later in its batch. */
    void add(long id) {
        ids[pending] = id;
        positions[pending] = edges.size();
        edges.add(-1);
        if (++pending == BATCH) {
            resolve();
        }
    }

    /** Resolves what is pending; returns whether some target was not in the dump (placeholders left). */
    boolean finish() {
        resolve();
        return missing;
    }

    private void resolve() {
        for (int i = 0; i < pending; i++) {
            int t = table.indexOf(ids[i]);
            if (t >= 0) {
                edges.set(positions[i], t);
            } else {
                missing = true;
            }
        }
        pending = 0;
    }

    /**
     * Removes the placeholders left by targets not in the dump from rows {@code from} to {@code to} (the last
     * ending at the end of {@code edges}), shifting the rows' starts; {@code edges} holds only those rows.
     */
    void dropMissing(int[] edgeStart, int from, int to) {
        long write = edgeStart[from];
        long read = write;
        for (int d = from; d < to; d++) {
            long end = d + 1 < to ? edgeStart[d + 1] : edges.size();
            edgeStart[d] = (int) write;
            for (; read < end; read++) {
                int t = edges.get(read);
                if (t >= 0) {
                    edges.set(write++, t);
                }
            }
        }
        edges.truncate(write);
    }
}
