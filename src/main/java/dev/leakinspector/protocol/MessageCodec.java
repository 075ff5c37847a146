package dev.leakinspector.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns {@link Message}s into payloads and frames and back; the wire format is described in {@code package-info}.
 * Stateless; every method is safe from any thread.
 *
 * <p>Decoding treats its input as hostile: every malformed payload ends in a {@link ProtocolException} naming
 * the problem, never another exception, and no allocation is larger than the bytes actually present.
 */
public final class MessageCodec {
    private MessageCodec() {
    }

    /**
     * The type table: one constant per message type with its wire tag. Tags are forever; a retired tag is
     * never reused. {@link #HELLO} must stay tag 1 with the version right after it in every protocol version,
     * so that any peer can read the version of any other.
     */
    enum Kind {
        HELLO(1, Hello.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                Hello h = (Hello) m;
                w.writeInt(h.protocolVersion());
                w.writeBytes(h.token().bytes());
                w.writeLong(h.pid());
                w.writeString("javaVersion", h.javaVersion());
                w.writeString("vmName", h.vmName());
                w.writeString("mainClass", h.mainClass());
                w.writeString("agentVersion", h.agentVersion());
                w.writeStrings("toolkits", h.toolkits());
                w.writeBoolean(h.explicitGcDisabled());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                int version = r.readInt("protocolVersion");
                if (version != Protocol.VERSION) {
                    // Before anything else: the rest of a foreign version's hello may be laid out differently.
                    throw new UnsupportedVersionException(version);
                }
                return new Hello(version, AuthToken.fromBytes(r.readBytes("token", AuthToken.BYTES)),
                        r.readLong("pid"), r.readString("javaVersion"), r.readString("vmName"),
                        r.readString("mainClass"), r.readString("agentVersion"), r.readStrings("toolkits"),
                        r.readBoolean("explicitGcDisabled"));
            }
        },
        STATS(2, Stats.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                Stats s = (Stats) m;
                w.writeLong(s.timestampMillis());
                w.writeLong(s.heapUsedBytes());
                w.writeLong(s.heapMaxBytes());
                w.writeInt(s.liveWatches());
                w.writeInt(s.pendingWatches());
                w.writeLong(s.reportedLeaks());
                w.writeLong(s.droppedEvents());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new Stats(r.readLong("timestampMillis"), r.readLong("heapUsedBytes"),
                        r.readLong("heapMaxBytes"), r.readInt("liveWatches"), r.readInt("pendingWatches"),
                        r.readLong("reportedLeaks"), r.readLong("droppedEvents"));
            }
        },
        LEAK_SUSPECTED(3, LeakSuspected.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                LeakSuspected l = (LeakSuspected) m;
                w.writeLong(l.watchId());
                w.writeString("className", l.className());
                w.writeString("trigger", l.trigger());
                w.writeStrings("viewStack", l.viewStack());
                w.writeInt(l.descendants());
                w.writeLong(l.watchedAtMillis());
                w.writeLong(l.reportedAtMillis());
                w.writeBoolean(l.gcConfirmed());
                w.writeVerdict(l.verdict());
                w.writeString("gcSkippedBecause", l.gcSkippedBecause());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new LeakSuspected(r.readLong("watchId"), r.readString("className"), r.readString("trigger"),
                        r.readStrings("viewStack"), r.readInt("descendants"), r.readLong("watchedAtMillis"),
                        r.readLong("reportedAtMillis"), r.readBoolean("gcConfirmed"), r.readVerdict("verdict"),
                        r.readString("gcSkippedBecause"));
            }
        },
        OBJECT_DEALLOCATED(4, ObjectDeallocated.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                ObjectDeallocated d = (ObjectDeallocated) m;
                w.writeLong(d.watchId());
                w.writeLong(d.afterMillis());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new ObjectDeallocated(r.readLong("watchId"), r.readLong("afterMillis"));
            }
        },
        AGENT_ERROR(5, AgentError.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                AgentError e = (AgentError) m;
                w.writeString("context", e.context());
                w.writeString("message", e.message());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new AgentError(r.readString("context"), r.readString("message"));
            }
        },
        CONFIGURE(6, Configure.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                Configure c = (Configure) m;
                w.writeLong(c.graceMillis());
                w.writeStrings("ignoreGlobs", c.ignoreGlobs());
                w.writeStrings("watchRules", c.watchRules());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new Configure(r.readLong("graceMillis"), r.readStrings("ignoreGlobs"),
                        r.readStrings("watchRules"));
            }
        },
        DETACH(7, Detach.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                w.writeString("reason", ((Detach) m).reason());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new Detach(r.readString("reason"));
            }
        },
        HEAP_DUMP_REQUEST(8, HeapDumpRequest.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                HeapDumpRequest h = (HeapDumpRequest) m;
                w.writeLong(h.requestId());
                w.writeString("path", h.path());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new HeapDumpRequest(r.readLong("requestId"), r.readString("path"));
            }
        },
        HEAP_DUMP_READY(9, HeapDumpReady.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                HeapDumpReady h = (HeapDumpReady) m;
                w.writeLong(h.requestId());
                w.writeString("path", h.path());
                w.writeLong(h.sizeBytes());
                w.writeString("error", h.error());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new HeapDumpReady(r.readLong("requestId"), r.readString("path"), r.readLong("sizeBytes"),
                        r.readString("error"));
            }
        },
        OBJECT_REUSED(10, ObjectReused.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                ObjectReused u = (ObjectReused) m;
                w.writeLong(u.watchId());
                w.writeLong(u.afterMillis());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new ObjectReused(r.readLong("watchId"), r.readLong("afterMillis"));
            }
        },
        VERDICT_CHANGED(11, VerdictChanged.class) {
            @Override
            void encode(Message m, PayloadWriter w) {
                VerdictChanged v = (VerdictChanged) m;
                w.writeLong(v.watchId());
                w.writeVerdict(v.verdict());
                w.writeString("reason", v.reason());
            }

            @Override
            Message decode(PayloadReader r) throws ProtocolException {
                return new VerdictChanged(r.readLong("watchId"), r.readVerdict("verdict"), r.readString("reason"));
            }
        };

        private static final Kind[] BY_TAG = new Kind[256];

        static {
            for (Kind k : values()) {
                BY_TAG[k.tag] = k;
            }
        }

        final int tag;
        final Class<? extends Message> type;

        Kind(int tag, Class<? extends Message> type) {
            this.tag = tag;
            this.type = type;
        }

        abstract void encode(Message m, PayloadWriter w);

        abstract Message decode(PayloadReader r) throws ProtocolException;

        static Kind of(Message m) {
            for (Kind k : values()) {
                if (k.type == m.getClass()) {
                    return k;
                }
            }
            // Only reachable if a type is added to Message's permits without a row here.
            throw new IllegalStateException("no wire encoding for " + m.getClass().getName());
        }

        static Kind ofTag(int tag) {
            return BY_TAG[tag & 0xFF];
        }
    }

    /**
     * The payload of {@code m}: a one-byte type tag followed by its fields.
     *
     * @throws IllegalArgumentException if a string exceeds {@link Protocol#MAX_STRING_BYTES}, a list
     *         {@link Protocol#MAX_LIST_SIZE}, or the whole payload {@link Protocol#MAX_FRAME_BYTES}
     *         (the peer would reject it, so it is refused here where the caller can see why)
     */
    public static byte[] encodePayload(Message m) {
        Kind kind = Kind.of(m);
        PayloadWriter w = new PayloadWriter();
        w.writeByte(kind.tag);
        kind.encode(m, w);
        if (w.size() > Protocol.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(kind.type.getSimpleName() + " payload is " + w.size()
                    + " bytes, more than the frame limit of " + Protocol.MAX_FRAME_BYTES);
        }
        return w.toByteArray();
    }

    /**
     * The frame for {@code m}: a 4-byte big-endian payload length, then {@link #encodePayload(Message) the payload}.
     *
     * @throws IllegalArgumentException as {@link #encodePayload(Message)}
     */
    public static byte[] encodeFrame(Message m) {
        byte[] payload = encodePayload(m);
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    /**
     * Decodes one payload (no length prefix). Input is treated as untrusted.
     *
     * @throws UnsupportedVersionException if it is a {@link Hello} with a version other than {@link Protocol#VERSION}
     * @throws ProtocolException if it is malformed in any other way: empty, too long, unknown tag, a length or
     *         count out of bounds or past the end, a boolean other than 0/1, invalid UTF-8, or trailing bytes
     */
    public static Message decodePayload(byte[] payload) throws ProtocolException {
        if (payload == null || payload.length == 0) {
            throw new ProtocolException("empty payload: no message type tag");
        }
        if (payload.length > Protocol.MAX_FRAME_BYTES) {
            throw new ProtocolException("payload of " + payload.length + " bytes exceeds the limit of "
                    + Protocol.MAX_FRAME_BYTES);
        }
        int tag = payload[0] & 0xFF;
        Kind kind = Kind.ofTag(tag);
        if (kind == null) {
            throw new ProtocolException("unknown message type tag " + tag);
        }
        PayloadReader r = new PayloadReader(payload, kind.type.getSimpleName());
        Message m = kind.decode(r);
        r.expectEnd();
        return m;
    }

    /** Growable big-endian output buffer; one encoding at a time. */
    static final class PayloadWriter {
        private byte[] buf = new byte[64];
        private int size;

        int size() {
            return size;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void writeByte(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        /** A verdict as one byte, its ordinal: enum constants are only ever appended. */
        void writeVerdict(Verdict v) {
            writeByte(v.ordinal());
        }

        void writeBoolean(boolean b) {
            writeByte(b ? 1 : 0);
        }

        void writeInt(int v) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }

        void writeLong(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }

        void writeBytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        /** Unpaired surrogates become '?' (String.getBytes' replacement): text from the target is not ours to fix. */
        void writeString(String field, String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > Protocol.MAX_STRING_BYTES) {
                throw new IllegalArgumentException(field + " is " + utf8.length + " UTF-8 bytes, more than "
                        + Protocol.MAX_STRING_BYTES);
            }
            writeInt(utf8.length);
            writeBytes(utf8);
        }

        void writeStrings(String field, List<String> list) {
            if (list.size() > Protocol.MAX_LIST_SIZE) {
                throw new IllegalArgumentException(field + " has " + list.size() + " elements, more than "
                        + Protocol.MAX_LIST_SIZE);
            }
            writeInt(list.size());
            for (String s : list) {
                writeString(field, s);
            }
        }
    }

    /** Bounds-checked big-endian reader over one payload; one decoding at a time. */
    static final class PayloadReader {
        private final byte[] buf;
        private final String typeName;
        private int pos = 1; // past the tag

        PayloadReader(byte[] buf, String typeName) {
            this.buf = buf;
            this.typeName = typeName;
        }

        private void need(int n, String field) throws ProtocolException {
            if (buf.length - pos < n) {
                throw new ProtocolException("truncated " + typeName + ": " + field + " needs " + n
                        + " bytes at offset " + pos + ", only " + (buf.length - pos) + " left");
            }
        }

        int readInt(String field) throws ProtocolException {
            need(4, field);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = v << 8 | (buf[pos++] & 0xFF);
            }
            return v;
        }

        long readLong(String field) throws ProtocolException {
            need(8, field);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (buf[pos++] & 0xFF);
            }
            return v;
        }

        boolean readBoolean(String field) throws ProtocolException {
            need(1, field);
            int b = buf[pos++];
            if (b != 0 && b != 1) {
                // Strict, so that every message has exactly one encoding.
                throw new ProtocolException(typeName + "." + field + " must be 0 or 1, got " + (b & 0xFF));
            }
            return b == 1;
        }

        Verdict readVerdict(String field) throws ProtocolException {
            need(1, field);
            int b = buf[pos++] & 0xFF;
            Verdict[] verdicts = Verdict.values();
            if (b >= verdicts.length) {
                throw new ProtocolException(typeName + "." + field + " must be 0.." + (verdicts.length - 1)
                        + ", got " + b);
            }
            return verdicts[b];
        }

        byte[] readBytes(String field, int n) throws ProtocolException {
            need(n, field);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        String readString(String field) throws ProtocolException {
            int len = readInt(field + " length");
            if (len < 0 || len > Protocol.MAX_STRING_BYTES) {
                throw new ProtocolException(typeName + "." + field + " length " + len + " is outside 0.."
                        + Protocol.MAX_STRING_BYTES);
            }
            need(len, field);
            try {
                // A fresh decoder per string: decoders are stateful and the codec must be usable from any thread.
                String s = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(buf, pos, len))
                        .toString();
                pos += len;
                return s;
            } catch (CharacterCodingException e) {
                throw new ProtocolException(typeName + "." + field + " is not valid UTF-8", e);
            }
        }

        List<String> readStrings(String field) throws ProtocolException {
            int count = readInt(field + " count");
            if (count < 0 || count > Protocol.MAX_LIST_SIZE) {
                throw new ProtocolException(typeName + "." + field + " count " + count + " is outside 0.."
                        + Protocol.MAX_LIST_SIZE);
            }
            // Each element needs at least its 4-byte length; checking now keeps the list's capacity honest.
            if ((long) count * 4 > buf.length - pos) {
                throw new ProtocolException("truncated " + typeName + ": " + field + " claims " + count
                        + " elements but only " + (buf.length - pos) + " bytes are left");
            }
            List<String> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(readString(field + "[" + i + "]"));
            }
            return list;
        }

        void expectEnd() throws ProtocolException {
            if (pos != buf.length) {
                throw new ProtocolException(typeName + " has " + (buf.length - pos) + " trailing bytes");
            }
        }
    }
}
