package dev.leakinspector.heap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry point of the heap engine: opens a HotSpot {@code .hprof} file and indexes it.
 *
 * <pre>{@code
 * try (HprofIndex index = HeapDump.open(path, ProgressListener.NONE, CancelToken.NEVER)) {
 *     List<ObjectAnalysis> answers = new LeakAnalyzer(index).analyze(ObjectSelector.byClass("com.acme.Window"), 3);
 * }
 * }</pre>
 * Stateless; {@link #open} runs on the calling thread and may be called from any thread.
 */
public final class HeapDump {
    private HeapDump() {
    }

    /**
     * Reads and indexes the dump. Blocks until done.
     *
     * @throws HprofFormatException if the file is truncated, corrupt or not a HotSpot HPROF 1.0.2 dump
     * @throws java.util.concurrent.CancellationException if {@code cancel} was cancelled meanwhile
     */
    public static HprofIndex open(Path file, ProgressListener progress, CancelToken cancel) throws IOException {
        MappedHprof mapped = new MappedHprof(file);
        try {
            return new HprofIndexBuilder(mapped, progress, cancel).build();
        } catch (IOException | RuntimeException | Error e) {
            mapped.close();
            throw e;
        }
    }
}
