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
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        if (sharedIndex != null) {
                            sharedIndex.close();
                        }
                    } catch (IOException ignored) {
                        // best effort at exit
                    }
                    deleteRecursively(dir); // the dump and the NetBeans library's cache directory beside it
                }));
                sharedIndex = HeapDump.open(shared, ProgressListener.NONE, CancelToken.NEVER);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sharedIndex;
    }

    static void deleteRecursively(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // best effort at exit
        }
    }

    static synchronized Path sharedFile() {
        sharedIndex();
        return shared;
    }
}
