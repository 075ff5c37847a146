package dev.leakinspector.heap;

/**
 * Append-only {@code int} storage in 256 KiB blocks (below G1's humongous size), addressed by {@code long}: grows without copying, so
 * building the reference array never needs twice its size. Not thread-safe while appending; safe for
 * concurrent reads after.
 */
final class BigIntArray {
    static final int BLOCK_BITS = 16;
    private static final int BLOCK_SIZE = 1 << BLOCK_BITS;
    private static final int BLOCK_MASK = BLOCK_SIZE - 1;

    private int[][] blocks = new int[64][];
    private long size;

    void add(int value) {
        int b = (int) (size >>> BLOCK_BITS);
        if (b == blocks.length) {
            blocks = java.util.Arrays.copyOf(blocks, blocks.length * 2);
        }
        int[] block = blocks[b];
        if (block == null) {
            block = new int[BLOCK_SIZE];
            blocks[b] = block;
        }
        block[(int) (size & BLOCK_MASK)] = value;
        size++;
    }

    /** Moves all of {@code other} to the end of this one, releasing each of its blocks once copied. */
    void addAll(BigIntArray other) {
        long done = 0;
        while (done < other.size) {
            int[] src = other.blocks[(int) (done >>> BLOCK_BITS)];
            int srcAt = (int) (done & BLOCK_MASK);
            int b = (int) (size >>> BLOCK_BITS);
            if (b == blocks.length) {
                blocks = java.util.Arrays.copyOf(blocks, blocks.length * 2);
            }
            if (blocks[b] == null) {
                blocks[b] = new int[BLOCK_SIZE];
            }
            int dstAt = (int) (size & BLOCK_MASK);
            int n = (int) Math.min(Math.min(BLOCK_SIZE - srcAt, BLOCK_SIZE - dstAt), other.size - done);
            System.arraycopy(src, srcAt, blocks[b], dstAt, n);
            size += n;
            done += n;
            if ((done & BLOCK_MASK) == 0 || done == other.size) {
                other.blocks[(int) ((done - 1) >>> BLOCK_BITS)] = null;
            }
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
