package dev.leakinspector.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze --ui-leaks}: its usage errors, and a real dump with no UI object (this test JVM's): nothing found, exit 0. */
class UiLeaksOptionTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int analyze(String... args) {
        return AnalyzeCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void uiLeaksChoosesItsObjectsItself(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.hprof"), "");
        assertEquals(2, analyze("analyze", file.toString(), "--ui-leaks", "--class", "javafx.stage.Stage"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--ui-leaks finds its objects itself"), err.toString());
    }

    @Test
    void withoutUiLeaksOrASelectorTheUsageNamesBoth() {
        assertEquals(2, analyze("analyze", "x.hprof"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("or use --ui-leaks"), err.toString());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--ui-leaks) [--paths K] [--json]"), err.toString());
    }

    /**
     * The test JVM leaks no UI. It may hold hidden windows of other tests of this JVM, each kept by a static field
     * of its test class: those are listed as not reported (a plain field is no leak shape), never as leaks.
     */
    @Test
    void aDumpOfThisTestJvmHasNoUiLeaks(@TempDir Path dir) throws Exception {
        Path dump = dir.resolve("plain.hprof");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);

        assertEquals(0, analyze("analyze", dump.toString(), "--ui-leaks"), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("No UI leaks found."), text);
        assertTrue(text.contains(System.lineSeparator() + "Rule: A UI object is reported when"), text);
        assertTrue(text.contains("Timings: indexMs="), text);

        out.reset();
        assertEquals(0, analyze("analyze", dump.toString(), "--ui-leaks", "--json"), err.toString());
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"rule\":\"A UI object is reported when"), json);
        assertTrue(json.contains("\"leakCount\":0,\"leaks\":[],"), json);
        assertTrue(json.contains("\"timings\":{"), json);
    }

    @Test
    void aCorruptFileIsAFailureNotAFinding(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.hprof"), "JAVA PROFILE 1.0.2 but not really");
        assertEquals(1, analyze("analyze", file.toString(), "--ui-leaks"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("analyze: "), err.toString());
    }
}
