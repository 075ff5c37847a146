package dev.leakinspector.heap.bench;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HeapClass;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.ObjectInspector;
import dev.leakinspector.heap.ObjectSelector;
import dev.leakinspector.heap.ProgressListener;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a click on a node of the Retain Cycle graph costs on a big dump (not a test): the time of
 * {@link ObjectInspector#contents} and of {@link ObjectInspector#retainedSize} for a few kinds of object of a
 * {@link SyntheticHeapGenerator} dump, each the median of several runs in one warm JVM, with the index already built.
 *
 * <pre>
 * java -Xmx8g -cp target/test-classes dev.leakinspector.heap.bench.SyntheticHeapGenerator 30000000 /tmp/big.hprof
 * java -Xmx2g -cp target/test-classes:target/classes dev.leakinspector.heap.bench.OnDemandRetainedSize /tmp/big.hprof [runs]
 * </pre>
 *
 * <p>Result (JDK 17, G1, -Xmx2g, 2 cores, load average 2 from other builds; medians of 5): 30 M objects and
 * 45 M references, 1.28 GB dump, indexed in 9.3 s. Retained size of one object: 0.62 s for a leaked window,
 * 0.68 s for the model's class object, 0.68 s and 0.62 s for two random objects, 2.3 s for the array holding all
 * the records (it retains 629 MB: the second search covers most of the heap). Contents: 0.15–1 ms.
 */
public final class OnDemandRetainedSize {
    private OnDemandRetainedSize() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long t0 = System.nanoTime();
        try (HprofIndex index = HeapDump.open(file, ProgressListener.NONE, CancelToken.NEVER)) {
            System.out.printf("indexed %,d objects, %,d references in %d ms%n", index.objectCount(),
                    index.referenceCount(), (System.nanoTime() - t0) / 1_000_000);
            ObjectInspector inspector = new ObjectInspector(index);
            Map<String, Long> targets = new LinkedHashMap<>();
            int[] windows = ObjectSelector.byClass(SyntheticHeapGenerator.WINDOW_CLASS).select(index, CancelToken.NEVER);
            targets.put("a leaked window", index.objectId(windows[0]));
            HeapClass model = index.findClass(SyntheticHeapGenerator.class.getName() + "$ApplicationModel");
            targets.put("a class object (the model)", model.id());
            targets.put("the record chunks (Object[])", inspector.contents(index.findClass(
                    SyntheticHeapGenerator.class.getName()).id()).fields().stream()
                    .filter(f -> f.name().equals("RECORDS")).findFirst().orElseThrow().referenceId());
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 2; i++) {
                int d = random.nextInt(index.objectCount());
                targets.put("random object " + (i + 1) + " (" + index.className(d) + ")", index.objectId(d));
            }
            for (Map.Entry<String, Long> target : targets.entrySet()) {
                long[] contentsNanos = new long[runs];
                long[] retainedNanos = new long[runs];
                long bytes = 0;
                for (int r = 0; r < runs; r++) {
                    long s = System.nanoTime();
                    inspector.contents(target.getValue());
                    contentsNanos[r] = System.nanoTime() - s;
                    s = System.nanoTime();
                    bytes = inspector.retainedSize(target.getValue(), CancelToken.NEVER);
                    retainedNanos[r] = System.nanoTime() - s;
                }
                System.out.printf("%-60s retained %,15d bytes: median %5d ms (min %d, max %d); contents %.2f ms%n",
                        target.getKey(), bytes, median(retainedNanos) / 1_000_000,
                        Arrays.stream(retainedNanos).min().orElseThrow() / 1_000_000,
                        Arrays.stream(retainedNanos).max().orElseThrow() / 1_000_000, median(contentsNanos) / 1e6);
            }
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
