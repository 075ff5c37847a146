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
    /** Position in {@code edges} of the first placeholder left (a target not in the dump), or -1. */
    private long firstMissing = -1;

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
        return firstMissing >= 0;
    }

    private void resolve() {
        for (int i = 0; i < pending; i++) {
            int t = table.indexOf(ids[i]);
            if (t >= 0) {
                edges.set(positions[i], t);
            } else if (firstMissing < 0) {
                firstMissing = positions[i]; // positions ascend: the first one left is the lowest
            }
        }
        pending = 0;
    }

    /**
     * Removes the placeholders left by targets not in the dump from rows {@code from} to {@code to} (the last
     * ending at the end of {@code edges}), shifting the rows' starts; {@code edges} holds only those rows.
     */
    void dropMissing(int[] edgeStart, int from, int to) {
        // the rows before the one holding the first placeholder stay as they are: start at that row (the last row
        // starting at or before it), usually near the end, where HotSpot writes the classes' statics
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (edgeStart[mid] <= firstMissing) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        long write = edgeStart[lo];
        long read = write;
        for (int d = lo; d < to; d++) {
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
