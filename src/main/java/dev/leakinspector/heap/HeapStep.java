package dev.leakinspector.heap;

/**
 * The steps of explaining a leak from a heap dump, in the order they run, as {@link ProgressListener} reports them:
 * each with the sentence a progress display shows while it runs. Not every operation runs every step (only a live
 * session dumps, only {@link UiLeakFinder} looks for UI objects).
 */
public enum HeapStep {
    /** The target writes its heap dump (a live session only); it pauses meanwhile. */
    DUMPING("Writing the heap dump (the target pauses)…"),
    /** Indexing, first pass: reading every record of the dump (fraction of its bytes). */
    INDEXING_RECORDS("Indexing the heap dump…"),
    /** Indexing, second pass: sorting the objects by id. */
    INDEXING_SORT("Indexing the heap dump…"),
    /** Indexing, last pass: the references between objects (fraction of the objects). */
    INDEXING_REFERENCES("Indexing the heap dump…"),
    /** Finding the objects asked about: the agent's watches, an object id, a class's instances. */
    SELECTING("Finding the objects to explain…"),
    /** Finding the windows, nodes and components that should be dead ({@link UiLeakFinder}). */
    UI_OBJECTS("Looking for windows, nodes and components not on screen…"),
    /** The shortest strong paths from GC roots. */
    PATHS("Finding the paths from GC roots…"),
    /** What each object keeps alive by itself. */
    RETAINED_SIZES("Computing retained sizes…"),
    /** Reference cycles through each object. */
    CYCLES("Looking for reference cycles…");

    private final String text;

    HeapStep(String text) {
        this.text = text;
    }

    /** What is being done, as a progress display says it (one line, ends with "…"). */
    public String text() {
        return text;
    }
}
