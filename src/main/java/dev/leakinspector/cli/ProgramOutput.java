package dev.leakinspector.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Passes a launched program's standard output on to ours in whole lines, so that a line of the program and a line
 * of ours (an event, which {@link JsonEventPrinter} and {@link TextEventPrinter} print with {@code println}) never
 * mix: each write happens under the lock of our {@link PrintStream}, the same lock its {@code println} holds. Bytes
 * pass unchanged (no decoding). A line the program leaves unfinished (a prompt) is passed on once the program has
 * written nothing more for a moment.
 *
 * <p>Threading: one daemon thread per program, named {@code leak-inspector-program-output}, ends at the end of the
 * program's output; {@link #drain} waits for that.
 */
final class ProgramOutput {
    /** How long an unfinished line waits for its end before it is passed on as it is. */
    private static final long UNFINISHED_LINE_MILLIS = 200;
    private static final long POLL_MILLIS = 20;
    /** An unfinished line this long is passed on without waiting: a program that never ends its lines. */
    private static final int MAX_HELD_BYTES = 64 * 1024;

    private final InputStream in;
    private final PrintStream out;
    private final Thread thread;

    private ProgramOutput(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
        this.thread = new Thread(this::pump, "leak-inspector-program-output");
        thread.setDaemon(true);
    }

    /** Starts passing {@code in} (the program's output pipe) on to {@code out}. */
    static ProgramOutput start(InputStream in, PrintStream out) {
        ProgramOutput output = new ProgramOutput(in, out);
        output.thread.start();
        return output;
    }

    /**
     * Waits until everything the program wrote has been passed on, at most {@code timeout}: its output may stay
     * open after it exits when a process it started inherited it.
     */
    void drain(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        try {
            while (true) {
                if (held.size() > 0 && !moreWithin(UNFINISHED_LINE_MILLIS)) {
                    write(held, buffer, 0);
                }
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                int lastNewline = lastNewline(buffer, read);
                if (lastNewline < 0) {
                    held.write(buffer, 0, read);
                    if (held.size() >= MAX_HELD_BYTES) {
                        write(held, buffer, 0);
                    }
                    continue;
                }
                write(held, buffer, lastNewline + 1);
                held.write(buffer, lastNewline + 1, read - lastNewline - 1);
            }
        } catch (IOException e) {
            // The pipe broke: the program is gone; what it wrote before is passed on below.
        }
        write(held, buffer, 0);
    }

    /** Writes what was held, then {@code buffer[0, length)}, as one piece; empties {@code held}. */
    private void write(ByteArrayOutputStream held, byte[] buffer, int length) {
        if (held.size() == 0 && length == 0) {
            return;
        }
        synchronized (out) {
            out.write(held.toByteArray(), 0, held.size());
            out.write(buffer, 0, length);
            out.flush();
        }
        held.reset();
    }

    /** Whether more output arrives within {@code millis}. */
    private boolean moreWithin(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (in.available() == 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                // A pipe offers no way to wait for data with a timeout; a short poll, only while a line is unfinished.
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static int lastNewline(byte[] buffer, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
