package dev.leakinspector.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageCodecTest {

    static Stream<Message> edgeCases() {
        return Samples.edgeCases().stream();
    }

    @ParameterizedTest
    @MethodSource("edgeCases")
    void payloadRoundTrips(Message m) throws Exception {
        assertEquals(m, MessageCodec.decodePayload(MessageCodec.encodePayload(m)));
    }

    @ParameterizedTest
    @MethodSource("edgeCases")
    void frameIsLengthPrefixThenPayload(Message m) {
        byte[] payload = MessageCodec.encodePayload(m);
        byte[] frame = MessageCodec.encodeFrame(m);
        assertEquals(payload.length, ByteBuffer.wrap(frame).getInt());
        assertArrayEquals(payload, Arrays.copyOfRange(frame, 4, frame.length));
    }

    @Test
    void edgeCasesCoverEveryMessageType() {
        Set<Class<?>> covered = Samples.edgeCases().stream().map(Object::getClass).collect(Collectors.toSet());
        assertEquals(Set.of(Message.class.getPermittedSubclasses()), covered);
    }

    @Test
    void everyPermittedTypeHasOneUniqueTag() {
        List<Class<?>> tableTypes = new ArrayList<>();
        Set<Integer> tags = new java.util.HashSet<>();
        for (MessageCodec.Kind k : EnumSet.allOf(MessageCodec.Kind.class)) {
            tableTypes.add(k.type);
            assertTrue(tags.add(k.tag), "duplicate tag " + k.tag);
            assertTrue(k.tag > 0 && k.tag < 256, "tag must fit a byte: " + k.tag);
        }
        assertEquals(Set.of(Message.class.getPermittedSubclasses()), Set.copyOf(tableTypes));
        assertEquals(tableTypes.size(), Set.copyOf(tableTypes).size());
    }

    @Test
    void wireTagsAreStable() {
        // Tags are part of the wire format; changing one breaks every agent already out there.
        assertEquals(1, MessageCodec.encodePayload(Samples.hello(AuthToken.random()))[0]);
        assertEquals(2, MessageCodec.encodePayload(new Stats(0, 0, 0, 0, 0, 0, 0))[0]);
        assertEquals(3, MessageCodec.encodePayload(new LeakSuspected(0, "", "", List.of(), 0, 0, 0, false, Verdict.LEAK, ""))[0]);
        assertEquals(4, MessageCodec.encodePayload(new ObjectDeallocated(0, 0))[0]);
        assertEquals(5, MessageCodec.encodePayload(new AgentError("", ""))[0]);
        assertEquals(10, MessageCodec.encodePayload(new ObjectReused(0, 0))[0]);
        assertEquals(11, MessageCodec.encodePayload(new VerdictChanged(0, Verdict.LEAK, ""))[0]);
        assertEquals(6, MessageCodec.encodePayload(new Configure(0, List.of(), List.of()))[0]);
        assertEquals(7, MessageCodec.encodePayload(new Detach(""))[0]);
    }

    @Test
    void helloVersionComesFirstAndIsReadWhateverFollows() {
        byte[] payload = {1, 0, 0, 0, 9, (byte) 0xFF, (byte) 0xFE}; // version 9, then bytes v2 cannot parse
        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
                () -> MessageCodec.decodePayload(payload));
        assertEquals(9, e.version());
        assertTrue(e.getMessage().contains("9"), e.getMessage());

        Hello v3 = new Hello(3, AuthToken.random(), 1, "", "", "", "", List.of(), false);
        assertEquals(3, assertThrows(UnsupportedVersionException.class,
                () -> MessageCodec.decodePayload(MessageCodec.encodePayload(v3))).version());
    }

    @Test
    void nullsAreNormalisedAndListsCopied() {
        List<String> mutable = new ArrayList<>(Arrays.asList("a", null));
        Configure c = new Configure(1, mutable, null);
        mutable.add("b");
        assertEquals(List.of("a", ""), c.ignoreGlobs());
        assertEquals(List.of(), c.watchRules());
        assertThrows(UnsupportedOperationException.class, () -> c.ignoreGlobs().add("x"));
        assertEquals("", new Detach(null).reason());
        assertEquals(new AgentError("", ""), new AgentError(null, null));
        assertThrows(NullPointerException.class,
                () -> new Hello(1, null, 1, "", "", "", "", List.of(), false));
    }

    @Test
    void rejectsMalformedPayloadsWithAReason() {
        assertMalformed(new byte[0], "empty");
        assertMalformed(new byte[] {0}, "unknown message type tag 0");
        assertMalformed(new byte[] {(byte) 200}, "unknown message type tag 200");
        assertMalformed(new byte[] {4, 0, 0}, "truncated ObjectDeallocated");

        byte[] detach = MessageCodec.encodePayload(new Detach("bye"));
        assertMalformed(Arrays.copyOf(detach, detach.length + 1), "1 trailing bytes");

        byte[] negativeLength = {7, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertMalformed(negativeLength, "Detach.reason length -1");
        byte[] hugeLength = ByteBuffer.allocate(5).put((byte) 7).putInt(Protocol.MAX_STRING_BYTES + 1).array();
        assertMalformed(hugeLength, "outside 0..");
        byte[] pastEnd = ByteBuffer.allocate(7).put((byte) 7).putInt(10).put((byte) 'a').put((byte) 'b').array();
        assertMalformed(pastEnd, "truncated Detach");

        byte[] badUtf8 = ByteBuffer.allocate(7).put((byte) 7).putInt(2).put((byte) 0xC3).put((byte) 0x28).array();
        assertMalformed(badUtf8, "not valid UTF-8");
        byte[] encodedSurrogate = ByteBuffer.allocate(8).put((byte) 7).putInt(3)
                .put(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).array();
        assertMalformed(encodedSurrogate, "not valid UTF-8");

        byte[] leak = MessageCodec.encodePayload(new LeakSuspected(1, "", "", List.of(), 0, 0, 0, true, Verdict.LEAK, ""));
        leak[leak.length - 6] = 2; // gcConfirmed: before the verdict byte and the empty gcSkippedBecause
        assertMalformed(leak, "gcConfirmed must be 0 or 1");
        byte[] verdict = MessageCodec.encodePayload(new VerdictChanged(1, Verdict.LEAK, ""));
        verdict[9] = 7;
        assertMalformed(verdict, "verdict must be 0..1, got 7");

        byte[] manyElements = ByteBuffer.allocate(13).put((byte) 6).putLong(0).putInt(Protocol.MAX_LIST_SIZE + 1)
                .array();
        assertMalformed(manyElements, "ignoreGlobs count");
        byte[] countPastEnd = ByteBuffer.allocate(13).put((byte) 6).putLong(0).putInt(1000).array();
        assertMalformed(countPastEnd, "claims 1000 elements");

        assertMalformed(new byte[Protocol.MAX_FRAME_BYTES + 1], "exceeds the limit");
    }

    private static void assertMalformed(byte[] payload, String reasonPart) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decodePayload(payload));
        assertTrue(e.getMessage().contains(reasonPart), () -> "reason \"" + e.getMessage() + "\" lacks " + reasonPart);
    }

    @Test
    void encodingRefusesFieldsThePeerWouldReject() {
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.encodePayload(new AgentError("", "x".repeat(Protocol.MAX_STRING_BYTES + 1))));
        assertTrue(tooLong.getMessage().contains("message"), tooLong.getMessage());

        List<String> tooMany = java.util.Collections.nCopies(Protocol.MAX_LIST_SIZE + 1, "");
        assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.encodePayload(new Configure(0, tooMany, List.of())));

        // Each string and list within bounds, the whole beyond a frame.
        List<String> big = java.util.Collections.nCopies(20, "y".repeat(Protocol.MAX_STRING_BYTES));
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> MessageCodec.encodeFrame(new Configure(0, big, List.of())));
        assertTrue(tooBig.getMessage().contains("frame limit"), tooBig.getMessage());
    }

    @Test
    void unpairedSurrogatesAreSentAsQuestionMarks() throws Exception {
        Detach d = (Detach) MessageCodec.decodePayload(MessageCodec.encodePayload(new Detach("a\uD800b")));
        assertEquals("a?b", d.reason());
        assertEquals(3, d.reason().getBytes(StandardCharsets.UTF_8).length);
    }
}
