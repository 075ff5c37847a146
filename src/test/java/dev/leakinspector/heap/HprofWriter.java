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
     * a primitive type and a colon, e.g. "int:count", "char:letter").
     */
    void classDump(long classId, long superId, String[] staticNames, long[] staticValues, String... fields) throws IOException {
        Object[] values = new Object[staticValues.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = staticValues[i];
        }
        classDump(classId, superId, staticNames, values, fields);
    }

    /**
     * CLASS_DUMP whose static fields are typed by their values, as {@link #instance} types its values (a Long is an
     * object id); static names need no type prefix.
     */
    void classDump(long classId, long superId, String[] staticNames, Object[] staticValues, String... fields) throws IOException {
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
            seg.write(typeOf(staticValues[i]));
            value(seg, staticValues[i]);
        }
        seg.writeShort(fields.length);
        for (String f : fields) {
            id(seg, string(bare(f)));
            seg.write(type(f));
        }
    }

    /** The basic type a field's prefix names ("int:count" is an int), OBJECT without one. */
    private static int type(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            return HprofTag.OBJECT;
        }
        String prefix = field.substring(0, colon);
        for (int t = HprofTag.BOOLEAN; t <= HprofTag.LONG; t++) {
            if (HprofTag.typeName(t).equals(prefix)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no basic type " + prefix);
    }

    /** Basic types of the Java values {@link #value} writes as themselves. */
    private static final Map<Class<?>, Integer> VALUE_TYPES = Map.of(Integer.class, HprofTag.INT, Byte.class,
            HprofTag.BYTE, Boolean.class, HprofTag.BOOLEAN, Character.class, HprofTag.CHAR, Short.class, HprofTag.SHORT,
            Float.class, HprofTag.FLOAT, Double.class, HprofTag.DOUBLE);

    /** The basic type {@link #value} writes for a Java value: a negative Long is a primitive long, another an id. */
    private static int typeOf(Object v) {
        Integer type = VALUE_TYPES.get(v.getClass());
        if (type != null) {
            return type;
        }
        return (Long) v < 0 ? HprofTag.LONG : HprofTag.OBJECT;
    }

    /** Writes a value: Integer, Byte, Boolean, Character, Short, Float, Double as such; a negative Long as the primitive long -v; any other Long as an object id. */
    private void value(DataOutputStream d, Object v) throws IOException {
        switch (typeOf(v)) {
            case HprofTag.INT: d.writeInt((Integer) v); break;
            case HprofTag.BYTE: d.write((Byte) v); break;
            case HprofTag.BOOLEAN: d.write((Boolean) v ? 1 : 0); break;
            case HprofTag.CHAR: d.writeChar((Character) v); break;
            case HprofTag.SHORT: d.writeShort((Short) v); break;
            case HprofTag.FLOAT: d.writeFloat((Float) v); break;
            case HprofTag.DOUBLE: d.writeDouble((Double) v); break;
            case HprofTag.LONG: d.writeLong(-(Long) v); break;
            default: id(d, (Long) v);
        }
    }

    private static String bare(String field) {
        int c = field.indexOf(':');
        return c < 0 ? field : field.substring(c + 1);
    }

    /**
     * INSTANCE_DUMP; values are given for the flattened layout (own fields first, then the superclasses'): see
     * {@link #value} for how each is written.
     */
    void instance(long objectId, long classId, Object... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        for (Object v : values) {
            value(d, v);
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
        primitiveArray(objectId, HprofTag.BYTE, data.length, data);
    }

    void intArray(long objectId, int... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        for (int v : values) {
            d.writeInt(v);
        }
        primitiveArray(objectId, HprofTag.INT, values.length, b.toByteArray());
    }

    void charArray(long objectId, String text) throws IOException {
        primitiveArray(objectId, HprofTag.CHAR, text.length(), text.getBytes(StandardCharsets.UTF_16BE));
    }

    /** PRIM_ARRAY_DUMP of {@code length} elements of basic type {@code type}, given as big-endian bytes. */
    void primitiveArray(long objectId, int type, int length, byte[] data) throws IOException {
        seg.write(HprofTag.PRIM_ARRAY_DUMP);
        id(seg, objectId);
        seg.writeInt(0);
        seg.writeInt(length);
        seg.write(type);
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
