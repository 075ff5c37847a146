package dev.leakinspector.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A launched program's output passed on in whole lines while our events are printed on the same stream. */
class ProgramOutputTest {

    @Test
    void theProgramsLinesAndOursNeverMixWithinALine() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, false, StandardCharsets.UTF_8);
        PipedOutputStream program = new PipedOutputStream();
        ProgramOutput output = ProgramOutput.start(new PipedInputStream(program, 1 << 16), out);
        CountDownLatch go = new CountDownLatch(1);
        Thread events = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < 2000; i++) {
                out.println("{\"type\":\"leak\",\"n\":" + i + "}");
            }
        });
        events.start();
        go.countDown();
        for (int i = 0; i < 2000; i++) {
            // Each line written in two pieces, the way a program prints a prefix and then the rest.
            program.write(("program line " + i).getBytes(StandardCharsets.UTF_8));
            program.write((" ends here\n").getBytes(StandardCharsets.UTF_8));
        }
        program.close();
        events.join();
        output.drain(Duration.ofSeconds(10));

        List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4000, lines.size());
        for (String line : lines) {
            assertTrue(line.matches("\\{\"type\":\"leak\",\"n\":\\d+}") || line.matches("program line \\d+ ends here"), line);
        }
    }

    @Test
    void anUnfinishedLineAPromptIsPassedOnWithoutItsEnd() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, false, StandardCharsets.UTF_8);
        PipedOutputStream program = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(program);
        ProgramOutput output = ProgramOutput.start(in, out);
        program.write("Name: ".getBytes(StandardCharsets.UTF_8));
        program.flush();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sink.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the pump's own wait for more (200 ms) decides; there is no event to await
        }
        assertEquals("Name: ", sink.toString(StandardCharsets.UTF_8));
        program.close();
        output.drain(Duration.ofSeconds(10));
    }
}
