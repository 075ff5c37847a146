package dev.leakinspector.heap;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Heap dumps of this test JVM, made at test time with {@code HotSpotDiagnosticMXBean.dumpHeap(live=true)} into a
 * temp directory. The shared dump (with {@link HeapFixtures} alive) is made once per test JVM and deleted at exit.
 */
final class TestDumps {
    private static Path shared;
    private static HprofIndex sharedIndex;

    private TestDumps() {
    }

    static Path dump(Path dir, String name) {
        try {
            Path file = dir.resolve(name + ".hprof");
            Files.deleteIfExists(file);
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            bean.dumpHeap(file.toString(), true);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dump with all fixtures alive, and its index; made on first use. */
    static synchronized HprofIndex sharedIndex() {
        if (sharedIndex == null) {
            try {
                HeapFixtures.install();
                Path dir = Files.createTempDirectory("leak-inspector-heap-test");
                shared = dump(dir, "fixtures");
                Path file = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        if (sharedIndex != null) {
                            sharedIndex.close();
                        }
                        Files.deleteIfExists(file);
                        Files.deleteIfExists(dir);
                    } catch (IOException ignored) {
                        // best effort at exit
                    }
                }));
                sharedIndex = HeapDump.open(shared, ProgressListener.NONE, CancelToken.NEVER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sharedIndex;
    }

    static synchronized Path sharedFile() {
        sharedIndex();
        return shared;
    }
}
