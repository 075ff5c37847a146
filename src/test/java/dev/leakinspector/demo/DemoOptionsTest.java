package dev.leakinspector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** Command-line parsing of {@code demo}: pattern ids, {@code all}, and clear errors with exit code 2. */
class DemoOptionsTest {
    private static List<String> ids(DemoOptions options) {
        return options.script().stream().map(DemoPattern::id).collect(Collectors.toList());
    }

    @Test
    void noArgumentsIsInteractive() {
        DemoOptions options = DemoOptions.parse();
        assertFalse(options.scripted());
        assertFalse(options.exitAfterScript());
    }

    @Test
    void scriptListsIdsInTheGivenOrder() {
        assertEquals(List.of("3", "1", "1b"), ids(DemoOptions.parse("--script", "3,1,1b")));
        assertEquals(List.of("1b", "7"), ids(DemoOptions.parse("--script=1B, 7")));
    }

    @Test
    void allIsEveryPatternInOrder() {
        assertEquals(DemoPatterns.all(), DemoOptions.parse("--script", "all").script());
        assertEquals(DemoPatterns.all(), DemoOptions.parse("--script", "ALL").script());
    }

    @Test
    void exitAfterScriptTakesOptionalSeconds() {
        DemoOptions plain = DemoOptions.parse("--script", "1", "--exit-after-script");
        assertTrue(plain.exitAfterScript());
        assertEquals(DemoOptions.DEFAULT_EXIT_DELAY_MILLIS, plain.exitDelayMillis());
        assertEquals(1500, DemoOptions.parse("--exit-after-script=1.5", "--script", "1").exitDelayMillis());
    }

    @Test
    void unknownIdsAreAllNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DemoOptions.parse("--script", "1,18,x,1b"));
        assertTrue(e.getMessage().startsWith("unknown pattern ids: 18, x (known: 1, 1b,"), e.getMessage());
    }

    @Test
    void theNewRowsAreScriptable() {
        assertEquals(List.of("6c", "12", "13", "13b", "14", "15", "16", "17"),
                ids(DemoOptions.parse("--script", "6c,12,13,13B,14,15,16,17")));
    }

    @Test
    void malformedCommandLinesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--script"));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--script", "1,,3"));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--script", "1", "--script", "3"));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--exit-after-script"));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--script", "1", "--exit-after-script=-1"));
        assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--verbose"));
    }

    @Test
    void unknownIdExitsWithCode2AndAMessageOnStderr() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DemoMain.start(new String[] {"--script", "1,42"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("demo: unknown pattern id: 42 (known: "), message);
        assertTrue(message.contains("usage: demo"), message);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing may reach stdout, where DEMO lines are parsed");
    }
}
