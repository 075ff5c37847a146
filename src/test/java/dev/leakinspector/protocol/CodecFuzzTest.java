package dev.leakinspector.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated payloads and frame streams to the decoder: each must end in a message, a clean end,
 * a {@link ProtocolException} or an {@link EOFException}; anything else fails. Reproduce a failure with
 * {@code -Dprotocol.fuzz.seed=<seed printed by the run>}.
 */
class CodecFuzzTest {
    private static final long SEED = Long.getLong("protocol.fuzz.seed", 0x1EA4_1D5E_C70FL);
    private static final int PAYLOAD_CASES = 100_000;
    private static final int STREAM_CASES = 30_000;

    /** Values that sit on the edges the decoder checks. */
    private static final int[] INTERESTING = {
        -1, 0, 1, 2, 3, 4, 15, 16, 17, Integer.MIN_VALUE, Integer.MAX_VALUE,
        Protocol.MAX_STRING_BYTES, Protocol.MAX_STRING_BYTES + 1, Protocol.MAX_LIST_SIZE, Protocol.MAX_LIST_SIZE + 1,
        Protocol.MAX_FRAME_BYTES, Protocol.MAX_FRAME_BYTES + 1, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000
    };

    @Test
    void decodePayloadNeverFailsOtherwise() {
        System.out.println("CodecFuzzTest.decodePayloadNeverFailsOtherwise seed=" + SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Random r = new Random(SEED);
            int decoded = 0;
            int rejected = 0;
            for (int i = 0; i < PAYLOAD_CASES; i++) {
                Message original = Samples.random(r);
                byte[] valid = MessageCodec.encodePayload(original);
                int strategy = r.nextInt(10);
                byte[] input = strategy == 0 ? valid : mutate(r, valid, strategy);
                Message m;
                try {
                    m = MessageCodec.decodePayload(input);
                } catch (ProtocolException e) {
                    assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "exception without a reason");
                    rejected++;
                    continue;
                } catch (Throwable t) {
                    throw failure("decodePayload", i, input, t);
                }
                decoded++;
                if (strategy == 0) {
                    assertEquals(original, m, "case " + i);
                }
                // The encoding is canonical: whatever decodes re-encodes to exactly the same bytes.
                assertArrayEquals(input, MessageCodec.encodePayload(m), "case " + i + " seed " + SEED);
            }
            System.out.println("  " + PAYLOAD_CASES + " payloads: " + decoded + " decoded, " + rejected + " rejected");
            assertTrue(decoded > PAYLOAD_CASES / 20 && rejected > PAYLOAD_CASES / 5,
                    "the mutations should exercise both outcomes");
        });
    }

    @Test
    void frameReaderNeverFailsOtherwise() {
        System.out.println("CodecFuzzTest.frameReaderNeverFailsOtherwise seed=" + SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Random r = new Random(SEED ^ 0x5DEECE66DL);
            int messages = 0;
            int cleanEnds = 0;
            int protocolErrors = 0;
            int truncations = 0;
            for (int i = 0; i < STREAM_CASES; i++) {
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                int frames = 1 + r.nextInt(5);
                for (int f = 0; f < frames; f++) {
                    stream.writeBytes(MessageCodec.encodeFrame(Samples.random(r)));
                }
                int strategy = r.nextInt(10);
                byte[] input = strategy == 0 ? stream.toByteArray() : mutate(r, stream.toByteArray(), strategy);
                FrameReader reader = new FrameReader(new ByteArrayInputStream(input));
                try {
                    // Bounded: every successful read consumes at least five bytes.
                    for (int reads = 0; reads <= input.length; reads++) {
                        if (reader.read() == null) {
                            cleanEnds++;
                            break;
                        }
                        messages++;
                    }
                } catch (EOFException e) {
                    truncations++;
                } catch (ProtocolException e) {
                    protocolErrors++;
                } catch (Throwable t) {
                    throw failure("FrameReader", i, input, t);
                }
            }
            System.out.println("  " + STREAM_CASES + " streams: " + messages + " messages, " + cleanEnds
                    + " clean ends, " + protocolErrors + " protocol errors, " + truncations + " truncations");
            assertTrue(cleanEnds > 0 && protocolErrors > 0 && truncations > 0, "every outcome should occur");
        });
    }

    private static AssertionError failure(String what, int caseIndex, byte[] input, Throwable t) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 256));
        return new AssertionError(what + " threw " + t + " on case " + caseIndex + " (seed " + SEED + "), input "
                + input.length + " bytes: " + hex, t);
    }

    private static byte[] mutate(Random r, byte[] valid, int strategy) {
        byte[] b = valid.clone();
        switch (strategy) {
            case 1: { // bit flips
                int flips = 1 + r.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int bit = r.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return b;
            }
            case 2: // truncation
                return Arrays.copyOf(b, r.nextInt(b.length));
            case 3: // length fiddling: an edge value over any four bytes, which hits lengths, counts and prefixes
            case 4: {
                if (b.length < 4) {
                    return b;
                }
                int value = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextInt(b.length + 8);
                ByteBuffer.wrap(b).putInt(r.nextInt(b.length - 3), value);
                return b;
            }
            case 5: { // splice: the head of this input onto the tail of another valid one
                byte[] other = MessageCodec.encodeFrame(Samples.random(r));
                int head = r.nextInt(b.length + 1);
                int tail = r.nextInt(other.length + 1);
                byte[] spliced = Arrays.copyOf(b, head + other.length - tail);
                System.arraycopy(other, tail, spliced, head, other.length - tail);
                return spliced;
            }
            case 6: { // random bytes after a real tag, or after a real length prefix
                byte[] noise = new byte[r.nextInt(64)];
                r.nextBytes(noise);
                byte[] out = Arrays.copyOf(b, Math.min(b.length, 1 + r.nextInt(5)) + noise.length);
                System.arraycopy(noise, 0, out, out.length - noise.length, noise.length);
                return out;
            }
            case 7: { // bytes inserted or removed in the middle
                int at = r.nextInt(b.length + 1);
                int n = 1 + r.nextInt(4);
                if (r.nextBoolean()) {
                    byte[] out = new byte[b.length + n];
                    System.arraycopy(b, 0, out, 0, at);
                    for (int i = 0; i < n; i++) {
                        out[at + i] = (byte) r.nextInt(256);
                    }
                    System.arraycopy(b, at, out, at + n, b.length - at);
                    return out;
                }
                n = Math.min(n, b.length - at);
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
            case 8: // type confusion: another tag, valid or not, over the first byte
                b[0] = (byte) (r.nextBoolean() ? 1 + r.nextInt(8) : r.nextInt(256));
                return b;
            default: { // pure noise
                byte[] noise = new byte[r.nextInt(48)];
                r.nextBytes(noise);
                return noise;
            }
        }
    }
}
