package dev.leakinspector.heap.bench;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a wide synthetic heap of about N objects and dumps it (live=true). Run in its own JVM with a big heap:
 * {@code java -Xmx8g -cp target/test-classes dev.leakinspector.heap.bench.SyntheticHeapGenerator 30000000 /tmp/big.hprof}.
 *
 * <p>Shape: {@link #RECORDS} holds chunks (Object[1024]) of {@code Record}s; each record has a unique String
 * (String + byte[]), a long[2], a {@code next} link to the following record and an {@code other} link to a random
 * record (so the graph has cycles and shared objects) — 4 heap objects and 5 references per record. Then
 * {@value #WINDOWS} {@code LeakedWindow}s are leaked the classic way: a static listener list holds listeners whose
 * {@code window} field holds the window; each window owns 200 nodes with a byte[64] each.
 */
public final class SyntheticHeapGenerator {
    static final int WINDOWS = 36;
    static final String WINDOW_CLASS = SyntheticHeapGenerator.class.getName() + "$LeakedWindow";

    static Object[] RECORDS;

    static final class Record {
        final String name;
        final long[] data;
        Record next;
        Record other;

        Record(String name, long[] data) {
            this.name = name;
            this.data = data;
        }
    }

    static final class WindowNode {
        final byte[] pixels = new byte[64];
        WindowNode sibling;
    }

    static final class LeakedWindow {
        final String title;
        final WindowNode[] nodes = new WindowNode[200];

        LeakedWindow(String title) {
            this.title = title;
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = new WindowNode();
                if (i > 0) {
                    nodes[i - 1].sibling = nodes[i];
                }
            }
        }
    }

    static final class WindowListener {
        final LeakedWindow window;

        WindowListener(LeakedWindow window) {
            this.window = window;
        }
    }

    static final class ApplicationModel {
        static final List<WindowListener> LISTENERS = new ArrayList<>();
    }

    public static void main(String[] args) throws Exception {
        long objects = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        int records = (int) (objects / 4);
        int chunks = (records + 1023) / 1024;
        RECORDS = new Object[chunks];
        SplittableRandom random = new SplittableRandom(42);
        Record[] all = new Record[records];
        for (int i = 0; i < records; i++) {
            all[i] = new Record("record-" + i, new long[] {i, -i});
            if (i > 0) {
                all[i - 1].next = all[i];
            }
        }
        for (int i = 0; i < records; i++) {
            all[i].other = all[random.nextInt(records)];
        }
        for (int c = 0; c < chunks; c++) {
            Object[] chunk = new Object[Math.min(1024, records - c * 1024)];
            System.arraycopy(all, c * 1024, chunk, 0, chunk.length);
            RECORDS[c] = chunk;
        }
        all = null;
        for (int w = 0; w < WINDOWS; w++) {
            ApplicationModel.LISTENERS.add(new WindowListener(new LeakedWindow("Window " + w)));
        }
        Files.deleteIfExists(out);
        long t0 = System.nanoTime();
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(out.toString(), true);
        System.out.println("dumped " + Files.size(out) + " bytes in " + (System.nanoTime() - t0) / 1_000_000 + " ms to " + out);
    }
}
