package dev.leakinspector.demo;

import java.io.PrintStream;

/**
 * Writes the demo's machine-readable stdout protocol, one flushed line per event, every line
 * starting with {@code "DEMO "}. Thread-safe (each line is written whole).
 *
 * <pre>
 * DEMO ready pid=&lt;pid&gt;
 * DEMO agent attached
 * DEMO closed &lt;patternId&gt; &lt;epochMillis&gt;
 * DEMO reshown &lt;patternId&gt; &lt;epochMillis&gt;
 * DEMO step &lt;patternId&gt; &lt;step&gt; &lt;epochMillis&gt;
 * DEMO script done &lt;epochMillis&gt;
 * </pre>
 */
final class DemoOutput implements PatternListener {
    private final PrintStream out;

    DemoOutput(PrintStream out) {
        this.out = out;
    }

    void ready(long pid) {
        line("DEMO ready pid=" + pid);
    }

    void agentAttached() {
        line("DEMO agent attached");
    }

    @Override
    public void closed(String patternId, long epochMillis) {
        line("DEMO closed " + patternId + " " + epochMillis);
    }

    @Override
    public void reshown(String patternId, long epochMillis) {
        line("DEMO reshown " + patternId + " " + epochMillis);
    }

    @Override
    public void step(String patternId, String step, long epochMillis) {
        line("DEMO step " + patternId + " " + step + " " + epochMillis);
    }

    void scriptDone(long epochMillis) {
        line("DEMO script done " + epochMillis);
    }

    /** A line for the person watching, on the same stream; it never starts with "DEMO ". */
    void note(String text) {
        line(text);
    }

    private void line(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
