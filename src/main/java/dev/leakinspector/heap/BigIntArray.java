package dev.leakinspector.heap;

/**
 * Append-only {@code int} storage in blocks, addressed by {@code long}: grows without copying (but for the first
 * block, which starts small and doubles), so building the reference array never needs twice its size.
 *
 * <p>Two block sizes, for two lifetimes. {@linkplain #BigIntArray() Short-lived} arrays (a search's levels) use
 * 256 KiB blocks, below G1's humongous size: they die young, in the young generation, at no cost. The index's
 * {@linkplain #forIndex() long-lived} arrays use 16 MiB blocks, which G1 allocates as <em>humongous</em> objects
 * straight into the old generation, where no young collection copies them again: in small blocks every young
 * collection during the build copied the hundreds of MB already built. 16 MiB plus the array header spans 17
 * regions of 1 MiB (the region size up to -Xmx2g): about 6 % left unused in the last region of each block.
 * Not thread-safe while appending; safe for concurrent reads after.
 */
final class BigIntArray {
    private static final int SMALL_BLOCK_BITS = 16;
    private static final int INDEX_BLOCK_BITS = 22;
    private static final int FIRST_BLOCK_SIZE = 1 << 10;

    private final int blockBits;
    private final int blockSize;
    private final long blockMask;
    private int[][] blocks = new int[16][];
    private long size;

    /** An array for short-lived use (see the class comment). */
    BigIntArray() {
        this(SMALL_BLOCK_BITS);
    }

    private BigIntArray(int blockBits) {
        this.blockBits = blockBits;
        this.blockSize = 1 << blockBits;
        this.blockMask = blockSize - 1;
    }

    /** An array for the index, which lives as long as the index (see the class comment). */
    static BigIntArray forIndex() {
        return new BigIntArray(INDEX_BLOCK_BITS);
    }

    void add(int value) {
        int b = (int) (size >>> blockBits);
        int at = (int) (size & blockMask);
        int[] block = b < blocks.length ? blocks[b] : null;
        if (block == null || at == block.length) {
            block = grow(b);
        }
        block[at] = value;
        size++;
    }

    /** Room for one more element in block {@code b}: a new block, or the first one doubled. */
    private int[] grow(int b) {
        if (b == blocks.length) {
            blocks = java.util.Arrays.copyOf(blocks, blocks.length * 2);
        }
        int[] block = blocks[b];
        if (block == null) {
            block = new int[b == 0 ? FIRST_BLOCK_SIZE : blockSize];
        } else {
            block = java.util.Arrays.copyOf(block, Math.min(blockSize, block.length * 2));
        }
        blocks[b] = block;
        return block;
    }

    /** Moves all of {@code other} to the end of this one, releasing each of its blocks once copied. */
    void addAll(BigIntArray other) {
        long done = 0;
        while (done < other.size) {
            int[] src = other.blocks[(int) (done >>> other.blockBits)];
            int srcAt = (int) (done & other.blockMask);
            int b = (int) (size >>> blockBits);
            int dstAt = (int) (size & blockMask);
            int[] dst = b < blocks.length ? blocks[b] : null;
            if (dst == null || dstAt == dst.length) {
                dst = grow(b);
            }
            int n = (int) Math.min(Math.min(src.length - srcAt, dst.length - dstAt), other.size - done);
            System.arraycopy(src, srcAt, dst, dstAt, n);
            size += n;
            done += n;
            if ((done & other.blockMask) == 0 || done == other.size) {
                other.blocks[(int) ((done - 1) >>> other.blockBits)] = null;
            }
        }
    }

    /** Shrinks the last block to what it holds, once nothing more will be added: the array then holds no slack. */
    void trim() {
        if (size == 0) {
            return;
        }
        int b = (int) ((size - 1) >>> blockBits);
        int used = (int) (size - ((long) b << blockBits));
        if (blocks[b].length > used) {
            blocks[b] = java.util.Arrays.copyOf(blocks[b], used);
        }
    }

    /** Overwrites an element already added. */
    void set(long index, int value) {
        blocks[(int) (index >>> blockBits)][(int) (index & blockMask)] = value;
    }

    /** Forgets the elements from {@code newSize} on (the blocks stay allocated). */
    void truncate(long newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException(newSize + " not in [0, " + size + "]");
        }
        size = newSize;
    }

    int get(long index) {
        return blocks[(int) (index >>> blockBits)][(int) (index & blockMask)];
    }

    long size() {
        return size;
    }

    /** Bytes held by the blocks allocated so far. */
    long bytes() {
        long n = 0;
        for (int[] b : blocks) {
            if (b != null) {
                n += 4L * b.length;
            }
        }
        return n;
    }
}
