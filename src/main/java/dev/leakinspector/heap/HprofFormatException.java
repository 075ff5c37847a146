package dev.leakinspector.heap;

import java.io.IOException;

/**
 * The file is not a well-formed HotSpot HPROF dump: truncated, corrupt, or of a format we do not read.
 * The message names the byte offset and what was expected there. Immutable; safe to share.
 */
public final class HprofFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public HprofFormatException(long offset, String expected) {
        super("corrupt or truncated heap dump at offset " + offset + " (0x" + Long.toHexString(offset) + "): " + expected);
        this.offset = offset;
    }

    /** Byte offset in the file where reading failed. */
    public long offset() {
        return offset;
    }
}
