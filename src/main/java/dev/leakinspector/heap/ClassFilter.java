package dev.leakinspector.heap;

/**
 * Which classes have instances among each run of {@value #RUN} consecutive objects (in dense order): a 256-bit
 * filter per run, one bit per class hash, so that a scan for the instances of one class ({@link
 * HprofIndex#forEachInstanceOf}) skips the runs that hold none instead of reading every object's header in the file.
 * A bit may be set for a class the run lacks (classes share bits), never clear for one it has. 32 bytes per run,
 * about 1 MB for 30 M objects.
 *
 * <p>Filled by the reference pass, which reads every object's class anyway: each of its workers sets bits only in
 * runs of its own (the workers' ranges start on run boundaries), so no two threads write the same word. Read-only
 * once the index is built; safe for concurrent readers then.
 */
final class ClassFilter {
    static final int RUN_BITS = 10;
    static final int RUN = 1 << RUN_BITS;
    /** The bit of every primitive array, whatever its type: they are few per run, and a scan for one is rare. */
    static final int PRIMITIVE_ARRAYS = 0;

    private final long[] words;

    ClassFilter(int objectCount) {
        words = new long[(((objectCount + RUN - 1) >>> RUN_BITS)) * 4];
    }

    /** The bit of the instances, or object arrays, of the class with this id. */
    static int bitOf(long classId) {
        return (int) ((classId * 0x9E3779B97F4A7C15L) >>> 56);
    }

    /** Notes that the object with dense index {@code object} is of the class whose bit is {@code bit}. */
    void add(int object, int bit) {
        words[((object >>> RUN_BITS) << 2) + (bit >>> 6)] |= 1L << bit;
    }

    /** Whether the run of objects holding dense index {@code object} may have an object with bit {@code bit}. */
    boolean mayHave(int object, int bit) {
        return (words[((object >>> RUN_BITS) << 2) + (bit >>> 6)] & (1L << bit)) != 0;
    }

    /** The first dense index of the run after the one holding {@code object}. */
    static int nextRun(int object) {
        return ((object >>> RUN_BITS) + 1) << RUN_BITS;
    }

    long bytes() {
        return 8L * words.length;
    }
}
