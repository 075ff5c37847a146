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
 *
 * <p>A {@linkplain #streamingView() streaming view} reads the same file through small windows mapped on demand,
 * of which it keeps only the last few and unmaps the others: a pass over the whole file through a view leaves
 * only those windows' pages in the process's resident memory, where the shared windows would keep every page
 * touched (the whole file after one pass). A view belongs to one thread and must be {@linkplain #close() closed}
 * by it; reading a view after closing it, or from another thread, may crash the JVM (its windows are unmapped).
 */
final class MappedHprof implements AutoCloseable {
    private static final int SHARED_WINDOW_BITS = 30;
    /** Window size of streaming views (32 MiB); tests lower it to cross many windows on small files. */
    static volatile int viewWindowBits = 25;
    /** Windows a streaming view keeps mapped: a record at a window's end, and the few jumps of a nearly sorted walk. */
    private static final int VIEW_WINDOWS_KEPT = 4;
    private static final int OVERLAP = 16;
    private static final java.lang.invoke.MethodHandle INVOKE_CLEANER = invokeCleaner();

    private final FileChannel channel;
    private final MappedByteBuffer[] windows;
    private final int windowBits;
    private final long windowMask;
    private final long length;
    private int idSize = 8;
    /** Streaming view only: indexes of the windows mapped, oldest first (-1 for none); else null. */
    private final int[] mapped;
    private final boolean view;

    MappedHprof(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        view = false;
        mapped = null;
        windowBits = SHARED_WINDOW_BITS;
        windowMask = (1L << windowBits) - 1;
        try {
            length = channel.size();
            long windowSize = 1L << windowBits;
            int count = (int) ((length + windowSize - 1) >>> windowBits);
            windows = new MappedByteBuffer[Math.max(count, 1)];
            for (int i = 0; i < count; i++) {
                long start = (long) i << windowBits;
                long size = Math.min(windowSize + OVERLAP, length - start);
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

    private MappedHprof(MappedHprof shared) {
        channel = shared.channel;
        length = shared.length;
        idSize = shared.idSize;
        view = true;
        windowBits = viewWindowBits;
        windowMask = (1L << windowBits) - 1;
        windows = new MappedByteBuffer[(int) Math.max(1, (length + windowMask) >>> windowBits)];
        mapped = new int[VIEW_WINDOWS_KEPT];
        java.util.Arrays.fill(mapped, -1);
    }

    /**
     * A view of this file for one thread's pass over much of it, with the same reads and checks; see the class
     * comment. Close it when done (it does not close the file).
     */
    MappedHprof streamingView() {
        return new MappedHprof(this);
    }

    /** The window holding {@code pos}, which the caller has checked lies in the file. */
    private ByteBuffer window(long pos) {
        int i = (int) (pos >>> windowBits);
        MappedByteBuffer w = windows[i];
        return w != null ? w : mapWindow(i);
    }

    private ByteBuffer mapWindow(int i) {
        int evict = mapped[0];
        System.arraycopy(mapped, 1, mapped, 0, mapped.length - 1);
        mapped[mapped.length - 1] = i;
        if (evict >= 0) {
            unmap(windows[evict]);
            windows[evict] = null;
        }
        long start = (long) i << windowBits;
        try {
            MappedByteBuffer w = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min((1L << windowBits) + OVERLAP, length - start));
            windows[i] = w;
            return w;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Unmaps now (the view guarantees nobody reads it again); without the JDK's cleaner, the GC unmaps it later. */
    private static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER != null && buffer != null) {
            try {
                INVOKE_CLEANER.invoke(buffer);
            } catch (Throwable e) {
                // left to the GC
            }
        }
    }

    private static java.lang.invoke.MethodHandle invokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            return java.lang.invoke.MethodHandles.lookup()
                .findVirtual(unsafeClass, "invokeCleaner", java.lang.invoke.MethodType.methodType(void.class, ByteBuffer.class))
                .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
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
        return window(pos).get((int) (pos & windowMask)) & 0xFF;
    }

    int u2(long pos) throws HprofFormatException {
        check(pos, 2);
        return window(pos).getShort((int) (pos & windowMask)) & 0xFFFF;
    }

    int i4(long pos) throws HprofFormatException {
        check(pos, 4);
        return window(pos).getInt((int) (pos & windowMask));
    }

    long u4(long pos) throws HprofFormatException {
        return i4(pos) & 0xFFFFFFFFL;
    }

    long i8(long pos) throws HprofFormatException {
        check(pos, 8);
        return window(pos).getLong((int) (pos & windowMask));
    }

    /** An object id of the dump's id size, as an unsigned value in a long. */
    long id(long pos) throws HprofFormatException {
        return idSize == 8 ? i8(pos) : u4(pos);
    }

    /** Unchecked id read for hot loops whose record bounds were already checked. */
    long idUnchecked(long pos) {
        ByteBuffer w = window(pos);
        int at = (int) (pos & windowMask);
        return idSize == 8 ? w.getLong(at) : (w.getInt(at) & 0xFFFFFFFFL);
    }

    /** Unchecked reads for hot loops over records whose bounds pass 1 already checked. */
    int u1Unchecked(long pos) {
        return window(pos).get((int) (pos & windowMask)) & 0xFF;
    }

    long u4Unchecked(long pos) {
        return window(pos).getInt((int) (pos & windowMask)) & 0xFFFFFFFFL;
    }

    byte[] bytes(long pos, int count) throws HprofFormatException {
        require(pos, count, "bytes");
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = window(pos + i).get((int) ((pos + i) & windowMask));
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

    /** Closes the file; for a streaming view, unmaps its windows instead and leaves the file open. */
    @Override
    public void close() throws IOException {
        if (view) {
            for (int i = 0; i < mapped.length; i++) {
                if (mapped[i] >= 0) {
                    unmap(windows[mapped[i]]);
                    windows[mapped[i]] = null;
                    mapped[i] = -1;
                }
            }
            return;
        }
        channel.close();
    }
}
