package dev.leakinspector.heap;

/**
 * Append-only {@code int} storage in blocks of 16 MiB, addressed by {@code long}: grows without copying (but for
 * the first block, which starts small and doubles), so building the reference array never needs twice its size.
 *
 * <p>Why blocks this big: a block is an array G1 allocates as <em>humongous</em> (at least half a region), straight
 * into the old generation, where no young collection copies it again. The index's arrays live through the whole
 * build; in small (256 KiB) blocks every young collection copied the hundreds of MB already built, which cost more
 * than a quarter of the indexing time. 16 MiB plus the array header spans 17 regions of 1 MiB (the region size
 * up to -Xmx2g): about 6 % left unused in the last region of each block. Only the first block grows, so a small
 * array stays small. Not thread-safe while appending; safe for concurrent reads after.
 */
final class BigIntArray {
    static final int BLOCK_BITS = 22;
    private static final int BLOCK_SIZE = 1 << BLOCK_BITS;
    private static final int BLOCK_MASK = BLOCK_SIZE - 1;
    private static final int FIRST_BLOCK_SIZE = 1 << 10;

    private int[][] blocks = new int[16][];
    private long size;

    void add(int value) {
        int b = (int) (size >>> BLOCK_BITS);
        int at = (int) (size & BLOCK_MASK);
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
            block = new int[b == 0 ? FIRST_BLOCK_SIZE : BLOCK_SIZE];
        } else {
            block = java.util.Arrays.copyOf(block, Math.min(BLOCK_SIZE, block.length * 2));
        }
        blocks[b] = block;
        return block;
    }

    /** Moves all of {@code other} to the end of this one, releasing each of its blocks once copied. */
    void addAll(BigIntArray other) {
        long done = 0;
        while (done < other.size) {
            int[] src = other.blocks[(int) (done >>> BLOCK_BITS)];
            int srcAt = (int) (done & BLOCK_MASK);
            int b = (int) (size >>> BLOCK_BITS);
            int dstAt = (int) (size & BLOCK_MASK);
            int[] dst = b < blocks.length ? blocks[b] : null;
            if (dst == null || dstAt == dst.length) {
                dst = grow(b);
            }
            int n = (int) Math.min(Math.min(src.length - srcAt, dst.length - dstAt), other.size - done);
            System.arraycopy(src, srcAt, dst, dstAt, n);
            size += n;
            done += n;
            if ((done & BLOCK_MASK) == 0 || done == other.size) {
                other.blocks[(int) ((done - 1) >>> BLOCK_BITS)] = null;
            }
        }
    }

    /** Shrinks the last block to what it holds, once nothing more will be added: the array then holds no slack. */
    void trim() {
        if (size == 0) {
            return;
        }
        int b = (int) ((size - 1) >>> BLOCK_BITS);
        int used = (int) (size - ((long) b << BLOCK_BITS));
        if (blocks[b].length > used) {
            blocks[b] = java.util.Arrays.copyOf(blocks[b], used);
        }
    }

    int get(long index) {
        return blocks[(int) (index >>> BLOCK_BITS)][(int) (index & BLOCK_MASK)];
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
