package dev.leakinspector.attach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The string and long counters of one HotSpot performance-data file ({@code hsperfdata_<user>/<pid>}),
 * read without attaching to the JVM that writes it. Immutable once parsed; safe to share between threads.
 *
 * <p>Layout (HotSpot perfMemory, version 2.0, checked against real files of JDK 17 and 25 with xxd):
 * a 32-byte prologue {@code int magic 0xcafec0c0 (always big-endian), byte byteOrder (0 big, 1 little),
 * byte major, byte minor, byte accessible, int used, int overflow, long modTimeStamp, int entryOffset,
 * int numEntries}, then {@code numEntries} entries of {@code int entryLength, int nameOffset,
 * int vectorLength, byte dataType, byte flags, byte units, byte variability, int dataOffset} with the
 * NUL-terminated name and the data at those offsets from the entry's start. Strings are byte vectors
 * ({@code 'B'}), NUL-terminated within the vector; longs are scalars ({@code 'J'}).
 *
 * <p>The file belongs to another, running process, so nothing in it is trusted: every offset is bounds
 * checked, and a truncated or garbage file yields fewer (or no) counters, never an exception.
 */
final class PerfDataFile {

    private static final int MAGIC = 0xcafec0c0;
    private static final int PROLOGUE_SIZE = 32;
    private static final int ENTRY_HEADER_SIZE = 20;
    // Default PerfDataMemorySize is 64 KiB; anything far beyond is not a perf-data file we want in memory.
    private static final int MAX_FILE_SIZE = 16 * 1024 * 1024;

    static final PerfDataFile EMPTY = new PerfDataFile(Map.of(), Map.of());

    private final Map<String, String> strings;
    private final Map<String, Long> longs;

    private PerfDataFile(Map<String, String> strings, Map<String, Long> longs) {
        this.strings = strings;
        this.longs = longs;
    }

    /** The counter as a string, if the file has a string counter of that name. */
    Optional<String> string(String name) {
        return Optional.ofNullable(strings.get(name));
    }

    /** The counter as a long, if the file has a scalar long counter of that name. */
    OptionalLong longValue(String name) {
        Long value = longs.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    boolean isEmpty() {
        return strings.isEmpty() && longs.isEmpty();
    }

    Map<String, String> strings() {
        return strings;
    }

    /**
     * Reads the perf-data file of {@code pid}, looking where a JVM on this machine or in a container would
     * have put it; {@link #EMPTY} when there is none (e.g. the JVM runs with {@code -XX:-UsePerfData}) or it
     * cannot be read.
     */
    static PerfDataFile forPid(long pid) {
        Optional<Integer> owner = ProcessIds.read(pid).map(ProcessIds::effectiveUid);
        for (Path candidate : candidates(pid)) {
            // Anyone may make a hsperfdata_ folder and put a file named after any pid in it: only the JVM's
            // own user (or root) can have made a file that user owns, so no other user can make up its details.
            if (owner.isPresent() && !ownedBy(candidate, owner.get())) {
                continue;
            }
            PerfDataFile file = read(candidate);
            if (!file.isEmpty()) {
                return file;
            }
        }
        return EMPTY;
    }

    private static boolean ownedBy(Path file, int uid) {
        try {
            return TrustedPaths.Status.of(file).uid() == uid;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static List<Path> candidates(long pid) {
        List<Path> result = new ArrayList<>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // The JVM names the directory after its own user, which need not be ours (we may be root).
        String user = ProcessHandle.of(pid).flatMap(p -> p.info().user()).orElse(System.getProperty("user.name"));
        result.add(tmp.resolve("hsperfdata_" + user).resolve(Long.toString(pid)));
        addMatches(result, tmp, Long.toString(pid));
        // A JVM in a container writes into its own /tmp under its namespace pid.
        Path containerTmp = Path.of("/proc", Long.toString(pid), "root", "tmp");
        addMatches(result, containerTmp, Long.toString(pid));
        ProcessIds.read(pid).map(ProcessIds::namespacePid).filter(nsPid -> nsPid != pid)
                .ifPresent(nsPid -> addMatches(result, containerTmp, Long.toString(nsPid)));
        return result;
    }

    private static void addMatches(List<Path> result, Path tmpDir, String fileName) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmpDir, "hsperfdata_*")) {
            for (Path dir : dirs) {
                Path file = dir.resolve(fileName);
                if (!result.contains(file)) {
                    result.add(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not there or not ours to read: this place simply has no candidate.
        }
    }

    /**
     * Reads and parses one file; {@link #EMPTY} if it is missing, unreadable, not a regular file or not perf data.
     * A link is not followed, and a FIFO not opened: opening one would block until someone writes to it.
     */
    static PerfDataFile read(Path file) {
        try {
            if (!TrustedPaths.Status.of(file).isRegularFile()) {
                return EMPTY;
            }
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return parse(in.readNBytes(MAX_FILE_SIZE));
        } catch (IOException | RuntimeException e) {
            return EMPTY;
        }
    }

    /** Parses the bytes of a perf-data file; whatever cannot be read safely is left out. */
    static PerfDataFile parse(byte[] bytes) {
        if (bytes.length < PROLOGUE_SIZE) {
            return EMPTY;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        if (buf.getInt(0) != MAGIC) {
            return EMPTY;
        }
        int byteOrder = buf.get(4);
        int major = buf.get(5);
        if (major != 2 || (byteOrder != 0 && byteOrder != 1)) {
            // Version 1 (JDK 1.4) has another layout; refuse rather than misread.
            return EMPTY;
        }
        buf.order(byteOrder == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int used = buf.getInt(8);
        // "used" is how far the JVM has written; entries past it may be half written.
        int limit = used >= PROLOGUE_SIZE && used <= bytes.length ? used : bytes.length;
        int entryOffset = buf.getInt(24);
        int entryCount = buf.getInt(28);
        if (entryOffset < PROLOGUE_SIZE || entryCount < 0) {
            return EMPTY;
        }
        Map<String, String> strings = new HashMap<>();
        Map<String, Long> longs = new HashMap<>();
        long start = entryOffset;
        for (int i = 0; i < entryCount && start + ENTRY_HEADER_SIZE <= limit; i++) {
            int at = (int) start;
            int entryLength = buf.getInt(at);
            if (entryLength < ENTRY_HEADER_SIZE || start + entryLength > limit) {
                break;
            }
            int entryEnd = at + entryLength;
            int nameOffset = buf.getInt(at + 4);
            int vectorLength = buf.getInt(at + 8);
            byte dataType = buf.get(at + 12);
            int dataOffset = buf.getInt(at + 16);
            String name = cString(bytes, at, nameOffset, entryEnd);
            if (name != null && !name.isEmpty() && dataOffset >= ENTRY_HEADER_SIZE && dataOffset < entryLength) {
                int dataAt = at + dataOffset;
                if (dataType == 'B' && vectorLength > 0 && (long) dataAt + vectorLength <= entryEnd) {
                    String value = cString(bytes, dataAt, 0, dataAt + vectorLength);
                    if (value != null) {
                        strings.put(name, value);
                    }
                } else if (dataType == 'J' && vectorLength == 0 && dataAt + Long.BYTES <= entryEnd) {
                    longs.put(name, buf.getLong(dataAt));
                }
            }
            start += entryLength;
        }
        return new PerfDataFile(Collections.unmodifiableMap(strings), Collections.unmodifiableMap(longs));
    }

    /** The NUL-terminated string at {@code base + offset}, ending at the NUL or at {@code end}. */
    private static String cString(byte[] bytes, int base, int offset, int end) {
        long from = (long) base + offset;
        if (offset < 0 || from > end || end > bytes.length) {
            return null;
        }
        int to = (int) from;
        while (to < end && bytes[to] != 0) {
            to++;
        }
        return new String(bytes, (int) from, to - (int) from, StandardCharsets.UTF_8);
    }
}
