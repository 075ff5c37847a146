package dev.leakinspector.attach;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PerfDataFileTest {

    private static final long OWN_PID = ProcessHandle.current().pid();

    @Test
    void readsThisJvmsOwnFile() {
        PerfDataFile own = PerfDataFile.forPid(OWN_PID);

        assertEquals(System.getProperty("java.version"), own.string("java.property.java.version").orElseThrow());
        assertEquals(System.getProperty("java.vm.name"), own.string("java.property.java.vm.name").orElseThrow());
        assertFalse(own.string("sun.rt.javaCommand").orElseThrow().isBlank());
        assertTrue(own.string("sun.rt.jvmCapabilities").orElseThrow().startsWith("1"), "this JVM allows attach");
        long vmStart = own.longValue("sun.rt.createVmBeginTime").orElseThrow();
        assertEquals(ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli(), vmStart, 5_000);
    }

    @Test
    void everyTruncationOfARealFileParsesToASubset() throws Exception {
        byte[] real = ownFileBytes();
        Map<String, String> full = PerfDataFile.parse(real).strings();

        for (int length = 0; length < real.length; length += 7) {
            byte[] truncated = Arrays.copyOf(real, length);
            PerfDataFile parsed = assertDoesNotThrow(() -> PerfDataFile.parse(truncated), "length " + length);
            parsed.strings().forEach((name, value) -> assertEquals(full.get(name), value, name));
        }
        assertTrue(PerfDataFile.parse(Arrays.copyOf(real, 32)).isEmpty(), "a prologue alone has no entries");
    }

    @Test
    void garbageYieldsNoExceptions() throws Exception {
        byte[] real = ownFileBytes();
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            byte[] damaged = real.clone();
            // Keep the prologue's magic so the parser gets past it and walks damaged entries.
            for (int hit = 0; hit < 1 + random.nextInt(20); hit++) {
                damaged[4 + random.nextInt(damaged.length - 4)] = (byte) random.nextInt();
            }
            assertDoesNotThrow(() -> PerfDataFile.parse(damaged), "round " + round);
        }
        byte[] noise = new byte[4096];
        random.nextBytes(noise);
        assertTrue(PerfDataFile.parse(noise).isEmpty(), "no magic, no counters");
        assertTrue(PerfDataFile.parse(new byte[0]).isEmpty());
    }

    @Test
    void missingFileIsEmpty(@TempDir Path dir) {
        assertSame(PerfDataFile.EMPTY, PerfDataFile.read(dir.resolve("12345")));
    }

    /** Another user's hsperfdata_ folder is theirs to fill: a FIFO would block an open, a link lead anywhere. */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a blocked open cannot be interrupted
    void aFifoOrALinkIsNotOpened(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("12345");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        Path real = Files.write(dir.resolve("real"), new SyntheticPerfData(true)
                .string("java.property.java.version", "17.0.99").bytes());
        Path link = Files.createSymbolicLink(dir.resolve("23456"), real);

        assertSame(PerfDataFile.EMPTY, PerfDataFile.read(fifo));
        assertSame(PerfDataFile.EMPTY, PerfDataFile.read(link));
        assertEquals("17.0.99", PerfDataFile.read(real).string("java.property.java.version").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsBothByteOrders(boolean littleEndian) {
        byte[] file = new SyntheticPerfData(littleEndian)
                .string("java.property.java.version", "17.0.99")
                .longCounter("sun.rt.createVmBeginTime", 1_700_000_000_123L)
                .string("sun.rt.javaCommand", "com.acme.Main --flag")
                .bytes();

        PerfDataFile parsed = PerfDataFile.parse(file);

        assertEquals("17.0.99", parsed.string("java.property.java.version").orElseThrow());
        assertEquals("com.acme.Main --flag", parsed.string("sun.rt.javaCommand").orElseThrow());
        assertEquals(1_700_000_000_123L, parsed.longValue("sun.rt.createVmBeginTime").orElseThrow());
    }

    private static byte[] ownFileBytes() throws Exception {
        for (Path candidate : PerfDataFile.candidates(OWN_PID)) {
            if (Files.isRegularFile(candidate)) {
                return Files.readAllBytes(candidate);
            }
        }
        throw new AssertionError("this test JVM has no perf-data file in " + PerfDataFile.candidates(OWN_PID));
    }

    /** Writes perf data in HotSpot's layout, so byte orders this machine never produces are covered too. */
    private static final class SyntheticPerfData {
        private final ByteOrder order;
        private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
        private int count;

        SyntheticPerfData(boolean littleEndian) {
            this.order = littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        }

        SyntheticPerfData string(String name, String value) {
            byte[] data = Arrays.copyOf(value.getBytes(StandardCharsets.UTF_8), value.length() + 8);
            return entry(name, 'B', data.length, data);
        }

        SyntheticPerfData longCounter(String name, long value) {
            return entry(name, 'J', 0, ByteBuffer.allocate(8).order(order).putLong(value).array());
        }

        private SyntheticPerfData entry(String name, char type, int vectorLength, byte[] data) {
            byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
            int dataOffset = (20 + nameBytes.length + 7) & ~7;
            int length = (dataOffset + data.length + 7) & ~7;
            ByteBuffer entry = ByteBuffer.allocate(length).order(order);
            entry.putInt(length).putInt(20).putInt(vectorLength).put((byte) type).put((byte) 0)
                    .put((byte) 0).put((byte) 1).putInt(dataOffset).put(nameBytes);
            entry.position(dataOffset);
            entry.put(data);
            entries.writeBytes(entry.array());
            count++;
            return this;
        }

        byte[] bytes() {
            ByteBuffer prologue = ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN).putInt(0xcafec0c0);
            prologue.put((byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 0)).put((byte) 2).put((byte) 0).put((byte) 1);
            prologue.order(order).putInt(32 + entries.size()).putInt(0).putLong(0).putInt(32).putInt(count);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(prologue.array());
            file.writeBytes(entries.toByteArray());
            return file.toByteArray();
        }
    }
}
