package dev.leakinspector.heap;

/**
 * FIFO of {@code int}s in 256 KiB blocks, each released once consumed: a breadth-first search over tens of
 * millions of objects never needs one huge array or a copy-on-grow. Not thread-safe.
 */
final class IntQueue {
    private static final int BITS = 16;
    private static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;

    private int[][] blocks = new int[64][];
    private long head;
    private long tail;
    private int firstBlock;

    void add(int value) {
        int b = (int) (tail >>> BITS) - firstBlock;
        if (b == blocks.length) {
            int live = b - (int) (head >>> BITS) + firstBlock;
            int[][] grown = new int[Math.max(64, live * 2 + 2)][];
            int from = (int) (head >>> BITS) - firstBlock;
            System.arraycopy(blocks, from, grown, 0, b - from);
            firstBlock += from;
            blocks = grown;
            b = (int) (tail >>> BITS) - firstBlock;
        }
        if (blocks[b] == null) {
            blocks[b] = new int[SIZE];
        }
        blocks[b][(int) (tail & MASK)] = value;
        tail++;
    }

    boolean isEmpty() {
        return head == tail;
    }

    long size() {
        return tail - head;
    }

    int poll() {
        int b = (int) (head >>> BITS) - firstBlock;
        int v = blocks[b][(int) (head & MASK)];
        head++;
        if ((head & MASK) == 0) {
            blocks[b] = null;
        }
        return v;
    }
}
