package dev.leakinspector.protocol;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 128-bit secret our process hands the agent in its options and the agent returns in {@link Hello},
 * so that only the agent we loaded can talk to us. Immutable; any thread. {@link #toString()} never shows it.
 */
public final class AuthToken {
    /** Length of a token in bytes. */
    public static final int BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private AuthToken(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A fresh token from {@link SecureRandom}. */
    public static AuthToken random() {
        byte[] b = new byte[BYTES];
        RANDOM.nextBytes(b);
        return new AuthToken(b);
    }

    /**
     * Parses the 32 hex digits (either case) written by {@link #toHex()}.
     *
     * @throws IllegalArgumentException if {@code hex} is null, not 32 characters, or not hex
     */
    public static AuthToken fromHex(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("auth token is missing");
        }
        if (hex.length() != BYTES * 2) {
            // The length is safe to report; the characters are not echoed because they may be a near-secret.
            throw new IllegalArgumentException(
                    "auth token must be " + BYTES * 2 + " hex digits, got " + hex.length() + " characters");
        }
        byte[] b = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("auth token contains a non-hex character near index " + 2 * i);
            }
            b[i] = (byte) (hi << 4 | lo);
        }
        return new AuthToken(b);
    }

    /** Builds a token from exactly {@link #BYTES} raw bytes (copied); used by the decoder. */
    static AuthToken fromBytes(byte[] raw) {
        if (raw.length != BYTES) {
            throw new IllegalArgumentException("auth token must be " + BYTES + " bytes, got " + raw.length);
        }
        return new AuthToken(raw.clone());
    }

    /** The token as 32 lower-case hex digits, for the agent's option string. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** A copy of the raw bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Constant-time comparison, so a peer cannot learn the token byte by byte from response timing. */
    public boolean matches(AuthToken other) {
        return other != null && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthToken && matches((AuthToken) o);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Deliberately hides the secret: tokens end up in log lines and exception messages. */
    @Override
    public String toString() {
        return "AuthToken[hidden]";
    }
}
