package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Truncated and corrupted dumps end in a clear {@link HprofFormatException}; cancellation and progress. */
class CorruptDumpTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static HprofFormatException failsToOpen(Path file) {
        return assertThrows(HprofFormatException.class, () -> HeapDump.open(file, ProgressListener.NONE, CancelToken.NEVER).close());
    }

    @Test
    void everyTruncationOfASmallDumpIsReported() throws IOException {
        byte[] full = SyntheticDumpTest.world(8, 0x10000);
        Path file = dir.resolve("cut.hprof");
        for (int length = 0; length < full.length; length++) {
            Files.write(file, java.util.Arrays.copyOf(full, length));
            HprofFormatException e = failsToOpen(file);
            assertTrue(e.offset() >= 0 && e.offset() <= length, "offset " + e.offset() + " for length " + length);
            assertTrue(e.getMessage().contains("offset " + e.offset()), e.getMessage());
        }
    }

    @Test
    void truncatedRealDumpNamesOffsetAndExpectation() throws IOException {
        Path source = TestDumps.sharedFile();
        long size = Files.size(source);
        for (long cut : new long[] {10, 31, 1000, size / 2, size - 1}) {
            Path file = dir.resolve("real-" + cut + ".hprof");
            try (FileChannel in = FileChannel.open(source); FileChannel out = FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(0, cut, out);
            }
            HprofFormatException e = failsToOpen(file);
            assertTrue(e.getMessage().startsWith("corrupt or truncated heap dump at offset "), e.getMessage());
            assertTrue(e.getMessage().contains("expected") || e.getMessage().contains("truncated"), e.getMessage());
            Files.delete(file);
        }
    }

    @Test
    void wrongHeaderAndIdSize() throws IOException {
        assertTrue(failsToOpen(write("text.hprof", "hello, this is not a heap dump\0".getBytes(StandardCharsets.US_ASCII)))
            .getMessage().contains("JAVA PROFILE 1.0.2"));
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
            z.write(SyntheticDumpTest.world(4, 0x10000));
        }
        assertTrue(failsToOpen(write("gz.hprof", gz.toByteArray())).getMessage().contains("gzip"));
        byte[] world = SyntheticDumpTest.world(4, 0x10000);
        world[22] = 5; // identifier size (u4 after the 19-byte header string)
        assertTrue(failsToOpen(write("idsize.hprof", world)).getMessage().contains("identifier size 4 or 8, found 5"));
    }

    @Test
    void unknownRecordAndSubRecordTags() throws IOException {
        byte[] world = SyntheticDumpTest.world(8, 0x10000);
        int header = 19 + 4 + 8;
        byte[] copy = world.clone();
        copy[header] = 0x42;
        HprofFormatException e = failsToOpen(write("tag.hprof", copy));
        assertEquals(header, e.offset());
        assertTrue(e.getMessage().contains("a record tag, found 0x42"), e.getMessage());
        int segment = indexOfSegment(world);
        copy = world.clone();
        copy[segment + 9] = 0x55; // first sub-record of the first segment
        e = failsToOpen(write("subtag.hprof", copy));
        assertEquals(segment + 9, e.offset());
        assertTrue(e.getMessage().contains("a heap dump sub-record tag, found 0x55"), e.getMessage());
    }

    private static int indexOfSegment(byte[] dump) {
        int p = 19 + 4 + 8;
        while (dump[p] != HprofTag.HEAP_DUMP_SEGMENT) {
            int len = ((dump[p + 5] & 0xFF) << 24) | ((dump[p + 6] & 0xFF) << 16) | ((dump[p + 7] & 0xFF) << 8) | (dump[p + 8] & 0xFF);
            p += 9 + len;
        }
        return p;
    }

    @Test
    void randomCorruptionNeverCrashesOrHangs() throws IOException {
        byte[] world = SyntheticDumpTest.world(8, 0x10000);
        Random random = new Random(7);
        Path file = dir.resolve("fuzz.hprof");
        int opened = 0;
        for (int round = 0; round < 400; round++) {
            byte[] copy = world.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                copy[19 + 4 + 8 + random.nextInt(copy.length - 31)] = (byte) random.nextInt(256);
            }
            Files.write(file, copy);
            try (HprofIndex index = HeapDump.open(file, ProgressListener.NONE, CancelToken.NEVER)) {
                opened++;
                int[] all = new int[index.objectCount()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER).analyze(all, 2, Set.of());
            } catch (HprofFormatException expected) {
                assertTrue(expected.getMessage().contains("offset"));
            }
        }
        assertTrue(opened > 0, "some corruptions only touch values and still open");
    }

    @Test
    void cancelStopsIndexing() throws IOException {
        CancelToken cancel = new CancelToken();
        cancel.cancel();
        assertThrows(CancellationException.class, () -> HeapDump.open(TestDumps.sharedFile(), ProgressListener.NONE, cancel));
        CancelToken duringScan = new CancelToken();
        assertThrows(CancellationException.class, () -> HeapDump.open(TestDumps.sharedFile(),
            (step, fraction) -> {
                if (step == HeapStep.INDEXING_RECORDS && fraction > 0) {
                    duringScan.cancel();
                }
            }, duringScan));
        CancelToken midway = new CancelToken();
        assertThrows(CancellationException.class, () -> HeapDump.open(TestDumps.sharedFile(),
            (step, fraction) -> {
                if (step == HeapStep.INDEXING_REFERENCES) {
                    midway.cancel();
                }
            }, midway));
    }

    @Test
    void progressReportsPhasesUpToTheirTotals() throws IOException {
        List<HeapStep> events = new ArrayList<>();
        double[] lastScan = {-1};
        try (HprofIndex index = HeapDump.open(TestDumps.sharedFile(), (step, fraction) -> {
            assertTrue(fraction >= 0 && fraction <= 1, step + " " + fraction);
            events.add(step);
            if (step == HeapStep.INDEXING_RECORDS) {
                lastScan[0] = fraction;
            }
        }, CancelToken.NEVER)) {
            assertTrue(index.objectCount() > 10_000);
        }
        assertTrue(events.contains(HeapStep.INDEXING_RECORDS) && events.contains(HeapStep.INDEXING_SORT)
                && events.contains(HeapStep.INDEXING_REFERENCES), events.toString());
        assertEquals(1.0, lastScan[0], "the scan ends at the dump's last byte");
    }

    @Test
    void missingHeapDumpEndMeansTruncated() throws IOException {
        byte[] world = SyntheticDumpTest.world(8, 0x10000);
        Path file = write("noend.hprof", java.util.Arrays.copyOf(world, world.length - 9));
        assertTrue(failsToOpen(file).getMessage().contains("HEAP_DUMP_END"));
        Path copy = dir.resolve("x.hprof");
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "rw")) {
            raf.setLength(raf.length() + 3);
        }
        failsToOpen(copy);
    }

    @Test
    void duplicateObjectIdIsReported() throws IOException {
        HprofWriter w = new HprofWriter(8);
        w.loadClass(0x100, "java/lang/Object");
        w.beginSegment();
        w.classDump(0x100, 0, new String[0], new long[0]);
        w.instance(0x1000, 0x100);
        w.instance(0x1000, 0x100);
        w.endSegment();
        w.heapDumpEnd();
        HprofFormatException e = failsToOpen(w.writeTo(dir.resolve("dup.hprof")));
        assertTrue(e.getMessage().contains("id 0x1000 was already defined"), e.getMessage());
    }

    @Test
    void singleHeapDumpRecordWithoutEndIsFine() throws IOException {
        HprofWriter w = new HprofWriter(4);
        w.loadClass(0x100, "java/lang/Object");
        w.loadClass(0x110, "com/acme/Holder");
        w.beginSegment();
        w.classDump(0x100, 0, new String[0], new long[0]);
        w.classDump(0x110, 0x100, new String[] {"ONE"}, new long[] {0x1000});
        w.instance(0x1000, 0x100);
        w.endSegment(HprofTag.HEAP_DUMP);
        try (HprofIndex index = HeapDump.open(w.writeTo(dir.resolve("single.hprof")), ProgressListener.NONE, CancelToken.NEVER)) {
            assertEquals(3, index.objectCount());
            ObjectAnalysis a = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER)
                .analyze(new int[] {index.indexOf(0x1000)}, 1, Set.of()).get(0);
            assertEquals("static Holder.ONE", a.paths().get(0).steps().get(1).reference());
        }
    }

    @Test
    void parallelReferencePassReportsTheFailureNotTheCancellation() throws IOException {
        // a class-less instance in the last part of the heap: the last worker fails. The others poll for an abort
        // only every 65,536 objects, more than their parts hold here, so they finish and this failure is the only
        // one; the rule that a failure wins over a cancellation is checked in realCausePrefersAFailureToACancellation
        HprofWriter w = new HprofWriter(8);
        w.loadClass(0x100, "java/lang/Object");
        w.beginSegment();
        w.classDump(0x100, 0, new String[0], new long[0]);
        for (int i = 1; i <= 50_000; i++) {
            w.instance(0x100000L + 16L * i, 0x100);
        }
        w.instance(0x100000L + 16L * 50_001, 0x999);
        w.endSegment();
        w.heapDumpEnd();
        Path file = w.writeTo(dir.resolve("badclass.hprof"));
        int saved = HprofIndexBuilder.minObjectsPerWorker;
        HprofIndexBuilder.minObjectsPerWorker = 1000;
        try {
            HprofFormatException e = failsToOpen(file);
            assertTrue(e.getMessage().contains("class 0x999 has a CLASS_DUMP record, but there is none"), e.getMessage());
        } finally {
            HprofIndexBuilder.minObjectsPerWorker = saved;
        }
    }

    @Test
    void parallelScanReportsTheBrokenSegment() throws IOException {
        // three segments; the last one holds a bad sub-record tag: with one worker per segment, the last worker's
        // error is reported (the only failure: the others finish their small segments before they would poll)
        HprofWriter w = new HprofWriter(8);
        w.loadClass(0x100, "java/lang/Object");
        for (int s = 0; s < 3; s++) {
            w.beginSegment();
            if (s == 0) {
                w.classDump(0x100, 0, new String[0], new long[0]);
            }
            for (int i = 1; i <= 1000; i++) {
                w.instance(0x100000L * (s + 1) + 16L * i, 0x100);
            }
            if (s == 2) {
                w.root(0x77, 0x1234);
            }
            w.endSegment();
        }
        w.heapDumpEnd();
        Path file = w.writeTo(dir.resolve("badsegment.hprof"));
        long saved = HprofIndexBuilder.minSegmentBytesPerWorker;
        HprofIndexBuilder.minSegmentBytesPerWorker = 1;
        try {
            HprofFormatException e = failsToOpen(file);
            assertTrue(e.getMessage().contains("a heap dump sub-record tag, found 0x77"), e.getMessage());
        } finally {
            HprofIndexBuilder.minSegmentBytesPerWorker = saved;
        }
    }

    @Test
    void realCausePrefersAFailureToACancellation() {
        HprofFormatException failure = new HprofFormatException(0x40, "a class dump");
        CancellationException stopped = new CancellationException("stopped: another worker failed");
        assertSame(failure, HprofIndexBuilder.realCause(new Throwable[] {stopped, failure}));
        assertSame(failure, HprofIndexBuilder.realCause(new Throwable[] {failure, stopped}));
        assertSame(failure, HprofIndexBuilder.realCause(new Throwable[] {null, stopped, null, failure}));
        IllegalStateException bug = new IllegalStateException("a bug");
        assertSame(bug, HprofIndexBuilder.realCause(new Throwable[] {stopped, bug, failure}), "the first real one");
        assertSame(stopped, HprofIndexBuilder.realCause(new Throwable[] {null, stopped}), "only cancelled: the cancellation");
        assertNull(HprofIndexBuilder.realCause(new Throwable[] {null, null}));
    }
}
