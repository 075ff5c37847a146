package dev.leakinspector.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The agent's option string, {@code key=value} pairs joined by {@code ,}, with values percent-encoded as UTF-8
 * so that commas, equals signs, spaces and any Unicode survive the Attach API. Stateless; any thread.
 *
 * <p>Example: {@code port=51234,token=9f..,ignore=com.acme.*%2Corg.foo.Cache}. Keys are plain identifiers
 * (a letter, then letters, digits, {@code _}, {@code .} or {@code -}). {@link #parse} also accepts values
 * typed by hand without encoding, as long as they contain no {@code ,} or {@code %}.
 */
public final class AgentOptions {
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private AgentOptions() {
    }

    /**
     * Formats {@code options} in their iteration order.
     *
     * @throws IllegalArgumentException if a key is not an identifier or a key or value is null
     */
    public static String format(Map<String, String> options) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("option key " + quote(key) + " is not an identifier");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("option " + key + " has a null value");
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(key).append('=');
            for (byte b : e.getValue().getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xFF;
                // RFC 3986 unreserved characters stay readable; everything else is escaped.
                if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                        || c == '-' || c == '.' || c == '_' || c == '~') {
                    sb.append((char) c);
                } else {
                    sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            }
        }
        return sb.toString();
    }

    /**
     * Parses an option string into an ordered map; null or blank gives an empty map.
     *
     * @throws IllegalArgumentException naming the pair for a pair without {@code =}, an empty pair, a key that
     *         is not an identifier, a duplicate key, a bad {@code %} escape, or escapes that are not UTF-8
     */
    public static Map<String, String> parse(String options) {
        Map<String, String> result = new LinkedHashMap<>();
        if (options == null || options.isBlank()) {
            return result;
        }
        String[] pairs = options.split(",", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            if (pair.isEmpty()) {
                throw new IllegalArgumentException("agent option " + (i + 1) + " is empty (stray comma?)");
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("agent option " + (i + 1) + " " + quote(pair)
                        + " is not key=value");
            }
            String key = pair.substring(0, eq);
            // Values are not echoed in messages: one of them is the auth token.
            String where = "agent option " + (i + 1) + " (" + key + ")";
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException(where + ": key " + quote(key) + " is not an identifier");
            }
            if (result.containsKey(key)) {
                throw new IllegalArgumentException(where + ": duplicate key " + key);
            }
            result.put(key, decode(pair.substring(eq + 1), where));
        }
        return result;
    }

    private static String decode(String value, String where) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '%') {
                sb.append(c);
                i++;
                continue;
            }
            // A run of consecutive escapes is decoded together: one character may span several escaped bytes.
            run.reset();
            while (i < value.length() && value.charAt(i) == '%') {
                int hi = i + 1 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int lo = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException(where + ": bad percent escape at value index " + i
                            + " (expected %XX with two hex digits)");
                }
                run.write(hi << 4 | lo);
                i += 3;
            }
            try {
                sb.append(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(run.toByteArray())));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(where + ": percent escapes are not valid UTF-8", e);
            }
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
