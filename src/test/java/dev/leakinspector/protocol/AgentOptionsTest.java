package dev.leakinspector.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void roundTripKeepsOrderAndAwkwardValues() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("port", "51234");
        options.put("token", "00112233445566778899aabbccddeeff");
        options.put("ignore", "com.acme.*,org.foo.Cache=1");
        options.put("rules", "when com.acme.Session#close() returns, watch this");
        options.put("title", Samples.UNICODE);
        options.put("percent", "100%25 %");
        options.put("empty", "");
        String formatted = AgentOptions.format(options);
        assertEquals(options.size() - 1, formatted.chars().filter(c -> c == ',').count(), formatted);
        assertFalse(formatted.contains(" "), formatted);

        Map<String, String> parsed = AgentOptions.parse(formatted);
        assertEquals(options, parsed);
        assertEquals(List.copyOf(options.keySet()), List.copyOf(parsed.keySet()));
        assertEquals(LinkedHashMap.class, parsed.getClass());
    }

    @Test
    void formatIsReadable() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("port", "8080");
        options.put("ignore", "a,b c");
        assertEquals("port=8080,ignore=a%2Cb%20c", AgentOptions.format(options));
        assertEquals("", AgentOptions.format(Map.of()));
    }

    @Test
    void parseAcceptsHandTypedValuesAndEmptyInput() {
        assertEquals(Map.of(), AgentOptions.parse(null));
        assertEquals(Map.of(), AgentOptions.parse(""));
        assertEquals(Map.of(), AgentOptions.parse("  "));
        assertEquals(Map.of("path", "/tmp/a b=c", "grace", ""), AgentOptions.parse("path=/tmp/a b=c,grace="));
        assertEquals(Map.of("t", "ü"), AgentOptions.parse("t=%c3%BC"));
    }

    @Test
    void malformedInputGetsAClearMessage() {
        assertRejected("port=1,oops", "\"oops\" is not key=value");
        assertRejected("port=1,,grace=2", "agent option 2 is empty");
        assertRejected("port=1,", "agent option 2 is empty");
        assertRejected("=1", "key \"\" is not an identifier");
        assertRejected("po rt=1", "key \"po rt\" is not an identifier");
        assertRejected("1port=1", "is not an identifier");
        assertRejected("port=1,port=2", "duplicate key port");
        assertRejected("token=ab%zz", "bad percent escape");
        assertRejected("token=ab%4", "bad percent escape");
        assertRejected("title=%C3%28", "not valid UTF-8");
    }

    @Test
    void errorsDoNotEchoValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentOptions.parse("token=0123456789abcdef%zz"));
        assertTrue(e.getMessage().contains("token"), e.getMessage());
        assertFalse(e.getMessage().contains("0123456789abcdef"), e.getMessage());
    }

    @Test
    void formatRejectsBadKeysAndNullValues() {
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.format(Map.of("a=b", "1")));
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.format(Map.of("a,b", "1")));
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("a", null);
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.format(nullValue));
    }

    private static void assertRejected(String options, String reasonPart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(options));
        assertTrue(e.getMessage().contains(reasonPart), () -> "\"" + e.getMessage() + "\" lacks " + reasonPart);
    }
}
