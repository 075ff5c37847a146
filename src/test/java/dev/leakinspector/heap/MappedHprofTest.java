package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A streaming view reads exactly what the shared windows read, across many of its small windows, and checks the end the same way. */
class MappedHprofTest {
    @TempDir
    Path dir;

    @Test
    void streamingViewReadsTheSameBytesAcrossWindowBoundaries() throws Exception {
        byte[] content = new byte[300_000];
        new SplittableRandom(3).nextBytes(content);
        Path file = dir.resolve("random.bin");
        Files.write(file, content);
        int saved = MappedHprof.viewWindowBits;
        MappedHprof.viewWindowBits = 12; // 4 KiB windows: 74 of them, more than a view keeps
        try (MappedHprof shared = new MappedHprof(file)) {
            SplittableRandom random = new SplittableRandom(5);
            try (MappedHprof view = shared.streamingView()) {
                for (int i = 0; i < 20_000; i++) {
                    // half near a window boundary, where a number ends in the overlap
                    long pos = i % 2 == 0 ? random.nextInt(content.length - 8)
                        : Math.min(content.length - 8, ((long) random.nextInt(73) << 12) + 4096 - random.nextInt(1, 9));
                    assertEquals(shared.u1(pos), view.u1(pos));
                    assertEquals(shared.u2(pos), view.u2(pos));
                    assertEquals(shared.i4(pos), view.i4(pos));
                    assertEquals(shared.i8(pos), view.i8(pos));
                    assertEquals(shared.id(pos), view.id(pos));
                    assertEquals(shared.idUnchecked(pos), view.idUnchecked(pos));
                }
                assertArrayEquals(shared.bytes(4090, 5000), view.bytes(4090, 5000));
                HprofFormatException a = assertThrows(HprofFormatException.class, () -> shared.i8(content.length - 4));
                HprofFormatException b = assertThrows(HprofFormatException.class, () -> view.i8(content.length - 4));
                assertEquals(a.getMessage(), b.getMessage());
            }
            assertEquals(content[123_456] & 0xFF, shared.u1(123_456), "closing a view leaves the file open");
        } finally {
            MappedHprof.viewWindowBits = saved;
        }
    }

    @Test
    void indexBuiltThroughTinyWindowsIsTheSame() throws Exception {
        HprofIndex normal = TestDumps.sharedIndex();
        int saved = MappedHprof.viewWindowBits;
        MappedHprof.viewWindowBits = 12;
        try (HprofIndex tiny = HeapDump.open(TestDumps.sharedFile(), ProgressListener.NONE, CancelToken.NEVER)) {
            assertEquals(normal.objectCount(), tiny.objectCount());
            assertEquals(normal.referenceCount(), tiny.referenceCount());
            for (int i = 0; i < normal.objectCount(); i++) {
                assertEquals(normal.edgeStart(i), tiny.edgeStart(i));
                assertEquals(normal.edgeEnd(i), tiny.edgeEnd(i));
            }
            for (long e = 0; e < normal.referenceCount(); e++) {
                assertEquals(normal.edge(e), tiny.edge(e));
            }
            assertArrayEquals(normal.roots().objects, tiny.roots().objects);
        } finally {
            MappedHprof.viewWindowBits = saved;
        }
    }
}
