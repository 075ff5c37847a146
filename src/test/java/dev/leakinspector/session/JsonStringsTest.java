package dev.leakinspector.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonStringsTest {

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"say \\\"hi\\\"\\\\\\n\\r\\t\\u0001 \u00e9\"", JsonStrings.quoted("say \"hi\"\\\n\r\t\u0001 \u00e9"));
    }

    @Test
    void nullIsTheJsonLiteral() {
        assertEquals("null", JsonStrings.quoted(null));
    }
}
