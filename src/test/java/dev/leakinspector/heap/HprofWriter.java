package dev.leakinspector.heap;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes small HPROF files by hand, for what a HotSpot dump of our own JVM cannot show: 4-byte identifiers, every
 * GC-root kind, several segments, exact bytes to corrupt. Follows the HotSpot layout of each record. Not thread-safe.
 */
final class HprofWriter {
    private final int idSize;
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(file);
    private final Map<String, Long> strings = new HashMap<>();
    private ByteArrayOutputStream segment;
    private DataOutputStream seg;
    private long nextStringId = 0x10000;
    private int classSerial = 1;

    HprofWriter(int idSize) {
        this.idSize = idSize;
        try {
            out.write("JAVA PROFILE 1.0.2".getBytes(StandardCharsets.US_ASCII));
            out.write(0);
            out.writeInt(idSize);
            out.writeLong(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void id(DataOutputStream o, long id) throws IOException {
        if (idSize == 4) {
            o.writeInt((int) id);
        } else {
            o.writeLong(id);
        }
    }

    private void record(int tag, byte[] body) throws IOException {
        out.write(tag);
        out.writeInt(0);
        out.writeInt(body.length);
        out.write(body);
    }

    long string(String s) {
        return strings.computeIfAbsent(s, k -> {
            long id = nextStringId++;
            try {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                DataOutputStream d = new DataOutputStream(b);
                id(d, id);
                d.write(k.getBytes(StandardCharsets.UTF_8));
                record(HprofTag.UTF8, b.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return id;
        });
    }

    /** LOAD_CLASS for a class id with an internal name ("java/lang/Object"); returns the class serial. */
    int loadClass(long classId, String internalName) throws IOException {
        long name = string(internalName);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        int serial = classSerial++;
        d.writeInt(serial);
        id(d, classId);
        d.writeInt(0);
        id(d, name);
        record(HprofTag.LOAD_CLASS, b.toByteArray());
        return serial;
    }

    void stackFrame(long frameId, String method, String source, int classSerial, int line) throws IOException {
        long m = string(method);
        long sig = string("()V");
        long src = string(source);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        id(d, frameId);
        id(d, m);
        id(d, sig);
        id(d, src);
        d.writeInt(classSerial);
        d.writeInt(line);
        record(HprofTag.STACK_FRAME, b.toByteArray());
    }

    void stackTrace(int serial, int threadSerial, long... frameIds) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(serial);
        d.writeInt(threadSerial);
        d.writeInt(frameIds.length);
        for (long f : frameIds) {
            id(d, f);
        }
        record(HprofTag.STACK_TRACE, b.toByteArray());
    }

    void beginSegment() {
        segment = new ByteArrayOutputStream();
        seg = new DataOutputStream(segment);
    }

    /** Ends the segment as a HEAP_DUMP_SEGMENT record. */
    void endSegment() throws IOException {
        endSegment(HprofTag.HEAP_DUMP_SEGMENT);
    }

    /** Ends the segment as a record with this tag (HEAP_DUMP for the old single-record form). */
    void endSegment(int tag) throws IOException {
        record(tag, segment.toByteArray());
        segment = null;
    }

    void heapDumpEnd() throws IOException {
        record(HprofTag.HEAP_DUMP_END, new byte[0]);
    }

    /** A root sub-record: tag, object id, then the extra u4 fields the tag needs (thread serial, frame ...). */
    void root(int tag, long objectId, int... extra) throws IOException {
        seg.write(tag);
        id(seg, objectId);
        if (tag == HprofTag.ROOT_JNI_GLOBAL) {
            id(seg, 0x7777);
        }
        for (int e : extra) {
            seg.writeInt(e);
        }
    }

    /**
     * CLASS_DUMP with object-typed static fields and instance fields (all of type OBJECT unless the name starts with
     * "int:" or "long:" or "byte:", e.g. "int:count").
     */
    void classDump(long classId, long superId, String[] staticNames, long[] staticValues, String... fields) throws IOException {
        seg.write(HprofTag.CLASS_DUMP);
        id(seg, classId);
        seg.writeInt(0);
        id(seg, superId);
        for (int i = 0; i < 5; i++) {
            id(seg, 0);
        }
        int size = 0;
        for (String f : fields) {
            size += HprofTag.sizeOf(type(f), idSize);
        }
        seg.writeInt(size);
        seg.writeShort(1); // one constant pool entry, as some JVMs write
        seg.writeShort(7);
        seg.write(HprofTag.INT);
        seg.writeInt(99);
        seg.writeShort(staticNames.length);
        for (int i = 0; i < staticNames.length; i++) {
            id(seg, string(staticNames[i]));
            seg.write(HprofTag.OBJECT);
            id(seg, staticValues[i]);
        }
        seg.writeShort(fields.length);
        for (String f : fields) {
            id(seg, string(bare(f)));
            seg.write(type(f));
        }
    }

    private static int type(String field) {
        if (field.startsWith("int:")) {
            return HprofTag.INT;
        }
        if (field.startsWith("long:")) {
            return HprofTag.LONG;
        }
        if (field.startsWith("byte:")) {
            return HprofTag.BYTE;
        }
        if (field.startsWith("boolean:")) {
            return HprofTag.BOOLEAN;
        }
        return HprofTag.OBJECT;
    }

    private static String bare(String field) {
        int c = field.indexOf(':');
        return c < 0 ? field : field.substring(c + 1);
    }

    /** INSTANCE_DUMP; values are given for the flattened layout (own fields first, then the superclasses'). */
    void instance(long objectId, long classId, Object... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        for (Object v : values) {
            if (v instanceof Integer) {
                d.writeInt((Integer) v);
            } else if (v instanceof Byte) {
                d.write((Byte) v);
            } else if (v instanceof Long && ((Long) v) < 0) {
                d.writeLong(-(Long) v); // negative marks a primitive long value
            } else {
                id(d, (Long) v);
            }
        }
        seg.write(HprofTag.INSTANCE_DUMP);
        id(seg, objectId);
        seg.writeInt(0);
        id(seg, classId);
        seg.writeInt(b.size());
        seg.write(b.toByteArray());
    }

    void objectArray(long objectId, long arrayClassId, long... elements) throws IOException {
        seg.write(HprofTag.OBJ_ARRAY_DUMP);
        id(seg, objectId);
        seg.writeInt(0);
        seg.writeInt(elements.length);
        id(seg, arrayClassId);
        for (long e : elements) {
            id(seg, e);
        }
    }

    void byteArray(long objectId, byte[] data) throws IOException {
        seg.write(HprofTag.PRIM_ARRAY_DUMP);
        id(seg, objectId);
        seg.writeInt(0);
        seg.writeInt(data.length);
        seg.write(HprofTag.BYTE);
        seg.write(data);
    }

    byte[] bytes() {
        return file.toByteArray();
    }

    Path writeTo(Path path) throws IOException {
        Files.write(path, bytes());
        return path;
    }
}
