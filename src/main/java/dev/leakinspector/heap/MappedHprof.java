package dev.leakinspector.heap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to a whole HPROF file by {@code long} offset, through read-only memory-mapped windows of
 * 1 GiB (each mapped 16 bytes longer so a single number never straddles two windows). Every read checks the
 * file's end and throws {@link HprofFormatException} naming the offset instead of reading past it.
 * Reads only; safe for any number of reading threads once constructed (absolute gets, no shared position).
 */
final class MappedHprof implements AutoCloseable {
    private static final int WINDOW_BITS = 30;
    private static final long WINDOW_SIZE = 1L << WINDOW_BITS;
    private static final long WINDOW_MASK = WINDOW_SIZE - 1;
    private static final int OVERLAP = 16;

    private final FileChannel channel;
    private final MappedByteBuffer[] windows;
    private final long length;
    private int idSize = 8;

    MappedHprof(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            length = channel.size();
            int count = (int) ((length + WINDOW_SIZE - 1) >>> WINDOW_BITS);
            windows = new MappedByteBuffer[Math.max(count, 1)];
            for (int i = 0; i < count; i++) {
                long start = (long) i << WINDOW_BITS;
                long size = Math.min(WINDOW_SIZE + OVERLAP, length - start);
                windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, size);
            }
            if (count == 0) {
                windows[0] = channel.map(FileChannel.MapMode.READ_ONLY, 0, 0);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    long length() {
        return length;
    }

    int idSize() {
        return idSize;
    }

    void idSize(int size) {
        this.idSize = size;
    }

    /** Throws unless {@code count} bytes starting at {@code pos} lie inside the file. */
    void require(long pos, long count, String what) throws HprofFormatException {
        if (pos < 0 || count < 0 || pos + count > length) {
            throw new HprofFormatException(pos, "expected " + what + " (" + count + " bytes) but the file ends at " + length);
        }
    }

    int u1(long pos) throws HprofFormatException {
        check(pos, 1);
        return windows[(int) (pos >>> WINDOW_BITS)].get((int) (pos & WINDOW_MASK)) & 0xFF;
    }

    int u2(long pos) throws HprofFormatException {
        check(pos, 2);
        return windows[(int) (pos >>> WINDOW_BITS)].getShort((int) (pos & WINDOW_MASK)) & 0xFFFF;
    }

    int i4(long pos) throws HprofFormatException {
        check(pos, 4);
        return windows[(int) (pos >>> WINDOW_BITS)].getInt((int) (pos & WINDOW_MASK));
    }

    long u4(long pos) throws HprofFormatException {
        return i4(pos) & 0xFFFFFFFFL;
    }

    long i8(long pos) throws HprofFormatException {
        check(pos, 8);
        return windows[(int) (pos >>> WINDOW_BITS)].getLong((int) (pos & WINDOW_MASK));
    }

    /** An object id of the dump's id size, as an unsigned value in a long. */
    long id(long pos) throws HprofFormatException {
        return idSize == 8 ? i8(pos) : u4(pos);
    }

    /** Unchecked id read for hot loops whose record bounds were already checked. */
    long idUnchecked(long pos) {
        ByteBuffer w = windows[(int) (pos >>> WINDOW_BITS)];
        int at = (int) (pos & WINDOW_MASK);
        return idSize == 8 ? w.getLong(at) : (w.getInt(at) & 0xFFFFFFFFL);
    }

    /** Unchecked reads for hot loops over records whose bounds pass 1 already checked. */
    int u1Unchecked(long pos) {
        return windows[(int) (pos >>> WINDOW_BITS)].get((int) (pos & WINDOW_MASK)) & 0xFF;
    }

    long u4Unchecked(long pos) {
        return windows[(int) (pos >>> WINDOW_BITS)].getInt((int) (pos & WINDOW_MASK)) & 0xFFFFFFFFL;
    }

    byte[] bytes(long pos, int count) throws HprofFormatException {
        require(pos, count, "bytes");
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = windows[(int) ((pos + i) >>> WINDOW_BITS)].get((int) ((pos + i) & WINDOW_MASK));
        }
        return out;
    }

    String utf8(long pos, int count) throws HprofFormatException {
        return new String(bytes(pos, count), StandardCharsets.UTF_8);
    }

    private void check(long pos, int count) throws HprofFormatException {
        if (pos < 0 || pos + count > length) {
            throw new HprofFormatException(pos, "expected " + count + " more bytes but the file ends at " + length);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
