package dev.leakinspector.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuthTokenTest {

    @Test
    void hexRoundTrip() {
        AuthToken t = AuthToken.random();
        String hex = t.toHex();
        assertTrue(hex.matches("[0-9a-f]{32}"), hex);
        assertEquals(t, AuthToken.fromHex(hex));
        assertEquals(t, AuthToken.fromHex(hex.toUpperCase()));
        assertEquals(t.hashCode(), AuthToken.fromHex(hex).hashCode());
        assertEquals("00ff7f80000000000000000000000001",
                AuthToken.fromHex("00FF7F80000000000000000000000001").toHex());
    }

    @Test
    void matchesOnlyTheSameBytes() {
        AuthToken t = AuthToken.random();
        assertTrue(t.matches(AuthToken.fromHex(t.toHex())));
        byte[] other = t.bytes();
        other[15] ^= 1;
        assertFalse(t.matches(AuthToken.fromBytes(other)));
        assertFalse(t.matches(null));
        assertNotEquals(t, AuthToken.random());
    }

    @Test
    void bytesAreACopy() {
        AuthToken t = AuthToken.fromHex("0123456789abcdef0123456789abcdef");
        byte[] b = t.bytes();
        assertEquals(AuthToken.BYTES, b.length);
        b[0] = 42;
        assertArrayEquals(AuthToken.fromHex("0123456789abcdef0123456789abcdef").bytes(), t.bytes());
    }

    @Test
    void toStringHidesTheSecret() {
        AuthToken t = AuthToken.random();
        String s = t.toString();
        assertFalse(s.contains(t.toHex()), s);
        assertFalse(s.toUpperCase().contains(t.toHex().toUpperCase().substring(0, 8)), s);
        assertFalse(Samples.hello(t).toString().contains(t.toHex()), "Hello.toString must not show the token");
    }

    @Test
    void badHexIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> AuthToken.fromHex(null));
        assertThrows(IllegalArgumentException.class, () -> AuthToken.fromHex(""));
        assertThrows(IllegalArgumentException.class, () -> AuthToken.fromHex("0123456789abcdef0123456789abcde"));
        assertThrows(IllegalArgumentException.class, () -> AuthToken.fromHex("0123456789abcdef0123456789abcdef0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuthToken.fromHex("0123456789abcdef0123456789abcdeg"));
        assertFalse(e.getMessage().contains("0123456789abcdef"), "message must not echo the token: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuthToken.fromHex("+123456789abcdef0123456789abcdef"));
    }

    @Test
    void randomTokensDiffer() {
        assertNotEquals(AuthToken.random().toHex(), AuthToken.random().toHex());
    }
}
