package dev.leakinspector.heap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The read-only index of one HPROF heap dump: every heap object under a dense index (its rank by id), its
 * strong outgoing references as CSR arrays of dense indexes, the classes, GC roots, threads and stack traces.
 * Everything else (an object's class, shallow size, field values) is read on demand from the memory-mapped file
 * through the object's record offset.
 *
 * <p><b>Memory per heap object</b> (compact form, the usual case — see {@link ObjectTable}): 8 bytes in the
 * object table (id + record offset), 1–2 bytes of id lookup (rank bitmap or bucket table), 4 bytes of CSR row
 * start, and 4 bytes per strong outgoing reference: {@code ≈ 13–14 + 4·r} bytes, r being the average number of
 * non-null references per object (≈ 21 bytes at r = 2), plus 32 bytes per 1,024 objects of {@link ClassFilter}.
 * Queries add 4 bytes per object while they run (a BFS parent array) plus bit sets. {@link #indexBytes()} reports
 * the exact figure for a dump. No Java object is made per heap object.
 *
 * <p>Threading: immutable once {@link HeapDump#open built}; any number of threads may query it concurrently.
 * {@link #close()} unmaps nothing explicitly (the JDK frees mappings when unreachable) but closes the file; do
 * not query after closing.
 */
public final class HprofIndex implements AutoCloseable {
    private final MappedHprof file;
    private final int idSize;
    private final ObjectTable objects;
    private final int[] edgeStart;
    private final BigIntArray edges;
    private final ClassFilter classFilter;
    private final HeapClass[] classes;
    private final LongIntMap classIndex;
    private final LongIntMap stringIndex;
    private final LongList stringPos;
    private final IntList stringLen;
    private final LongList classIdsBySerial;
    private final LongIntMap classIdBySerialIndex;
    private final LongIntMap frameIndex;
    private final LongList framePos;
    private final LongIntMap traceIndex;
    private final LongList tracePos;
    private final Roots roots;
    private final long scanNanos;
    private final long referenceNanos;
    private final HeapClass classClass;
    /** The class of primitive arrays by basic type (byte[] at 8 ...), looked up once. */
    private final HeapClass[] primitiveArrayClasses = new HeapClass[12];

    HprofIndex(MappedHprof file, ObjectTable objects, int[] edgeStart, BigIntArray edges, ClassFilter classFilter,
               HeapClass[] classes, LongIntMap classIndex, LongIntMap stringIndex, LongList stringPos,
               IntList stringLen, LongList classIdsBySerial, LongIntMap classIdBySerialIndex, LongIntMap frameIndex,
               LongList framePos, LongIntMap traceIndex, LongList tracePos, Roots roots, long scanNanos,
               long referenceNanos) {
        this.file = file;
        this.idSize = file.idSize();
        this.objects = objects;
        this.edgeStart = edgeStart;
        this.edges = edges;
        this.classFilter = classFilter;
        this.classes = classes;
        this.classIndex = classIndex;
        this.stringIndex = stringIndex;
        this.stringPos = stringPos;
        this.stringLen = stringLen;
        this.classIdsBySerial = classIdsBySerial;
        this.classIdBySerialIndex = classIdBySerialIndex;
        this.frameIndex = frameIndex;
        this.framePos = framePos;
        this.traceIndex = traceIndex;
        this.tracePos = tracePos;
        this.roots = roots;
        this.scanNanos = scanNanos;
        this.referenceNanos = referenceNanos;
        HeapClass cc = null;
        for (HeapClass c : classes) {
            if (c.name.equals("java.lang.Class")) {
                cc = c;
            }
        }
        this.classClass = cc;
        for (int type = HprofTag.BOOLEAN; type <= HprofTag.LONG; type++) {
            primitiveArrayClasses[type] = findClass(HprofTag.typeName(type) + "[]");
        }
    }

    /** GC root records resolved to dense indexes, in file order. Immutable. */
    static final class Roots {
        final int[] objects;
        final int[] kinds;
        final int[] threadSerials;
        /** Frame number for JAVA_FRAME / JNI_LOCAL; stack trace serial for THREAD_OBJECT; else -1. */
        final int[] frames;

        Roots(int[] objects, int[] kinds, int[] threadSerials, int[] frames) {
            this.objects = objects;
            this.kinds = kinds;
            this.threadSerials = threadSerials;
            this.frames = frames;
        }
    }

    // ---------------------------------------------------------------- size and ids

    /** Number of heap objects (instances, arrays and class objects). */
    public int objectCount() {
        return objects.size();
    }

    /** Identifier size of the dump: 4 or 8 bytes. */
    public int idSize() {
        return idSize;
    }

    public long objectId(int index) {
        return objects.id(index);
    }

    /** Dense index of the object with this id, or -1. */
    public int indexOf(long objectId) {
        return objects.indexOf(objectId);
    }

    ObjectTable objectTable() {
        return objects;
    }

    /** Number of strong references in the CSR arrays. */
    public long referenceCount() {
        // the rows are contiguous: the total is the end of the last row
        return edgeStart.length == 0 ? 0 : (long) edgeStart[edgeStart.length - 1] - edgeStart[0];
    }

    /** Bytes held by the per-object arrays of this index (object table, CSR rows and references). */
    public long indexBytes() {
        return objects.bytes() + 4L * edgeStart.length + edges.bytes() + classFilter.bytes();
    }

    /** Milliseconds the two indexing passes took: {@code [scan (pass 1 + sort), references (pass 2)]}. */
    public long[] indexingMillis() {
        return new long[] {scanNanos / 1_000_000, referenceNanos / 1_000_000};
    }

    // ---------------------------------------------------------------- graph (hot paths)

    int edgeStart(int index) {
        return edgeStart[index];
    }

    int edgeEnd(int index) {
        return edgeStart[index + 1];
    }

    int edge(long position) {
        return edges.get(position);
    }

    Roots roots() {
        return roots;
    }

    // ---------------------------------------------------------------- classes

    public List<HeapClass> classes() {
        return Collections.unmodifiableList(java.util.Arrays.asList(classes));
    }

    /** The class with this Java name (e.g. {@code com.acme.Window$1}), or null. */
    public HeapClass findClass(String javaName) {
        for (HeapClass c : classes) {
            if (c.name.equals(javaName)) {
                return c;
            }
        }
        return null;
    }

    HeapClass classById(long classId) {
        int i = classIndex.get(classId, -1);
        return i < 0 ? null : classes[i];
    }

    /** Whether the object is a class object (a CLASS_DUMP record). */
    public boolean isClassObject(int index) {
        try {
            return file.u1(objects.offset(index)) == HprofTag.CLASS_DUMP;
        } catch (HprofFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For a class object, its {@link HeapClass}; else null. */
    public HeapClass asClass(int index) {
        return isClassObject(index) ? classById(objects.id(index)) : null;
    }

    /** The object's class: for arrays the array class, for class objects {@code java.lang.Class}. */
    public HeapClass classOf(int index) {
        try {
            long off = objects.offset(index);
            switch (file.u1(off)) {
                case HprofTag.INSTANCE_DUMP:
                    return classById(file.id(off + 1 + idSize + 4));
                case HprofTag.OBJ_ARRAY_DUMP:
                    return classById(file.id(off + 1 + idSize + 8));
                case HprofTag.PRIM_ARRAY_DUMP:
                    return primitiveArrayClass(file.u1(off + 1 + idSize + 8));
                default:
                    return classClass;
            }
        } catch (HprofFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private HeapClass primitiveArrayClass(int type) {
        return type >= 0 && type < primitiveArrayClasses.length ? primitiveArrayClasses[type] : null;
    }

    /** Class name for display: the class's name, or {@code "class Foo"} style handled by callers. */
    public String className(int index) {
        if (isClassObject(index)) {
            HeapClass c = asClass(index);
            return c == null ? "java.lang.Class" : c.name;
        }
        HeapClass c = classOf(index);
        return c == null ? "<unknown class>" : c.name;
    }

    /**
     * Shallow size as the dump states it, Shark's definition: field data bytes for an instance, element bytes for
     * an array (ids for object arrays), static value bytes for a class. Object headers and padding are not
     * counted because HPROF does not record them.
     */
    public long shallowSize(int index) {
        try {
            long off = objects.offset(index);
            switch (file.u1(off)) {
                case HprofTag.INSTANCE_DUMP:
                    return file.u4(off + 1 + 2L * idSize + 4);
                case HprofTag.OBJ_ARRAY_DUMP:
                    return file.u4(off + 1 + idSize + 4) * idSize;
                case HprofTag.PRIM_ARRAY_DUMP:
                    return file.u4(off + 1 + idSize + 4) * HprofTag.sizeOf(file.u1(off + 1 + idSize + 8), idSize);
                default: {
                    HeapClass c = classById(objects.id(index));
                    long n = 0;
                    if (c != null) {
                        for (byte t : c.staticTypes) {
                            n += HprofTag.sizeOf(t, idSize);
                        }
                    }
                    return n;
                }
            }
        } catch (HprofFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Objects from which {@link #forEachInstanceOf} gives the second half of the objects to another thread. */
    static volatile int minObjectsToSplitInstanceScan = 1 << 20;

    /**
     * Calls {@code consumer} with the dense index of every instance of exactly this class, in dense order, on the
     * calling thread. On a big dump a daemon thread ({@code leak-inspector-heap-select}) scans the second half
     * meanwhile; its matches are given to the consumer after the first half's. Hot loop.
     */
    public void forEachInstanceOf(HeapClass cls, java.util.function.IntConsumer consumer, CancelToken cancel) {
        int n = objects.size();
        if (n < minObjectsToSplitInstanceScan) {
            instancesOf(cls, 0, n, consumer, cancel, null);
            return;
        }
        int mid = n / 2;
        IntList secondHalf = new IntList(1024);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable firstHalf = () -> {
            try {
                instancesOf(cls, 0, mid, consumer, cancel, null);
            } catch (RuntimeException | Error e) {
                stop.set(true); // the first half failed (cancelled, or the consumer threw): the helper stops at its next poll
                throw e;
            }
        };
        TwoThreads.run("leak-inspector-heap-select", "selecting objects",
                () -> instancesOf(cls, mid, n, secondHalf::add, cancel, stop), firstHalf);
        for (int i = 0; i < secondHalf.size(); i++) {
            consumer.accept(secondHalf.get(i));
        }
    }

    /** The instances of {@code cls} among dense indexes [from, to), in order; stops at a poll once {@code stop} is set. */
    private void instancesOf(HeapClass cls, int from, int to, java.util.function.IntConsumer consumer, CancelToken cancel,
                             java.util.concurrent.atomic.AtomicBoolean stop) {
        long classId = cls.id;
        boolean array = cls.name.endsWith("[]");
        int bit = ClassFilter.bitOf(classId);
        // a view of its own: reading every object's header through the shared windows would make the whole file resident
        try (MappedHprof file = this.file.streamingView()) {
            for (int d = from; d < to; d++) {
                if (d == from || (d & (ClassFilter.RUN - 1)) == 0) {
                    if (d == from || (d & 0xFFFFF) == 0) {
                        cancel.throwIfCancelled();
                        if (stop != null && stop.get()) {
                            return;
                        }
                    }
                    if (!classFilter.mayHave(d, bit) && !(array && classFilter.mayHave(d, ClassFilter.PRIMITIVE_ARRAYS))) {
                        d = ClassFilter.nextRun(d) - 1; // no instance in this run
                        continue;
                    }
                }
                long off = objects.offset(d);
                int tag = file.u1(off);
                if (tag == HprofTag.INSTANCE_DUMP && !array) {
                    if (file.id(off + 1 + idSize + 4) == classId) {
                        consumer.accept(d);
                    }
                } else if (tag == HprofTag.OBJ_ARRAY_DUMP && array) {
                    if (file.id(off + 1 + idSize + 8) == classId) {
                        consumer.accept(d);
                    }
                } else if (tag == HprofTag.PRIM_ARRAY_DUMP && array) {
                    if (primitiveArrayClass(file.u1(off + 1 + idSize + 8)) == cls) {
                        consumer.accept(d);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- record layout

    /*
     * Where things are inside an object's sub-record (HotSpot's heap dump layout):
     *   INSTANCE_DUMP   tag, id, u4 stack serial, class id, u4 data length, field data
     *   OBJ_ARRAY_DUMP  tag, id, u4 stack serial, u4 length, array class id, elements (ids)
     *   PRIM_ARRAY_DUMP tag, id, u4 stack serial, u4 length, u1 element type, elements
     * The readers below name these offsets once, for this class and ObjectInspector.
     */

    /** The sub-record tag of the object: {@link HprofTag#INSTANCE_DUMP}, an array's, or {@link HprofTag#CLASS_DUMP}. */
    int recordTag(int index) {
        return (int) unchecked(() -> file.u1(objects.offset(index)));
    }

    /** Where an instance's field data starts; its class's {@code layoutOffsets} are relative to it. */
    long instanceData(int index) {
        return objects.offset(index) + 1 + 2L * idSize + 8;
    }

    /** The class of an instance, from its record, or null when the dump lacks it. */
    HeapClass instanceClass(int index) {
        return classById(unchecked(() -> file.id(objects.offset(index) + 1 + idSize + 4)));
    }

    /** Element count of an array. */
    long arrayLength(int index) {
        return unchecked(() -> file.u4(objects.offset(index) + 1 + idSize + 4));
    }

    /** Where an array's elements start. */
    long arrayData(int index) {
        long off = objects.offset(index);
        return recordTag(index) == HprofTag.OBJ_ARRAY_DUMP ? off + 1 + 2L * idSize + 8 : off + 1 + idSize + 9;
    }

    /** The basic type of a primitive array's elements ({@link HprofTag#BOOLEAN} ... {@link HprofTag#LONG}). */
    int primitiveArrayType(int index) {
        return (int) unchecked(() -> file.u1(objects.offset(index) + 1 + idSize + 8));
    }

    /**
     * The value of basic type {@code type} at {@code pos}, as {@link #fieldValue} returns it: an object id (unsigned),
     * a sign-extended int, float bits, long or double bits, or a char, short, byte or boolean zero-extended.
     */
    long value(long pos, int type) {
        return unchecked(() -> readValue(pos, type));
    }

    /** A read of the file that cannot fail for a record the index built (pass 1 checked its bounds). */
    private interface FileRead {
        long read() throws HprofFormatException;
    }

    /** Runs a read, turning a format error (a file changed under us) into an unchecked one. Not for hot loops. */
    private static long unchecked(FileRead read) {
        try {
            return read.read();
        } catch (HprofFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- field values

    /**
     * Raw value of the named instance field (most derived declaration wins): an object id for reference fields,
     * the value's bits for primitives. Returns {@code missing} if the object is not an instance or has no such field.
     */
    public long fieldValue(int index, String fieldName, long missing) {
        if (recordTag(index) != HprofTag.INSTANCE_DUMP) {
            return missing;
        }
        HeapClass c = instanceClass(index);
        if (c == null) {
            return missing;
        }
        long data = instanceData(index);
        for (int f = 0; f < c.layoutNames.length; f++) {
            if (c.layoutNames[f].equals(fieldName)) {
                return value(data + c.layoutOffsets[f], c.layoutTypes[f]);
            }
        }
        return missing;
    }

    /**
     * Like {@link #fieldValue(int, String, long)}, but only the field {@code declaringClass} declares: a subclass's
     * field of the same name does not hide it.
     */
    long fieldValue(int index, String declaringClass, String fieldName, long missing) {
        if (recordTag(index) != HprofTag.INSTANCE_DUMP) {
            return missing;
        }
        HeapClass c = instanceClass(index);
        if (c == null) {
            return missing;
        }
        long data = instanceData(index);
        for (int f = 0; f < c.layoutNames.length; f++) {
            if (c.layoutNames[f].equals(fieldName) && c.layoutOwner[f].name.equals(declaringClass)) {
                return value(data + c.layoutOffsets[f], c.layoutTypes[f]);
            }
        }
        return missing;
    }

    private long readValue(long pos, int type) throws HprofFormatException {
        switch (HprofTag.sizeOf(type, idSize)) {
            case 1: return file.u1(pos);
            case 2: return file.u2(pos);
            case 4: return type == HprofTag.OBJECT ? file.u4(pos) : file.i4(pos);
            default: return file.i8(pos);
        }
    }

    /** The text of a {@code java.lang.String} object (JDK 8 char[] or JDK 9+ byte[] with coder), or null. */
    public String readString(long stringObjectId) {
        return readString(stringObjectId, 4096);
    }

    /** Like {@link #readString(long)}, reading at most {@code maxChars} characters of the text. */
    String readString(long stringObjectId, int maxChars) {
        int d = indexOf(stringObjectId);
        if (d < 0) {
            return null;
        }
        long valueId = fieldValue(d, "value", 0);
        int v = valueId == 0 ? -1 : indexOf(valueId);
        if (v < 0 || recordTag(v) != HprofTag.PRIM_ARRAY_DUMP) {
            return null;
        }
        try {
            int type = primitiveArrayType(v);
            long elements = arrayLength(v);
            long data = arrayData(v);
            if (type == HprofTag.CHAR) {
                int len = (int) Math.min(elements, maxChars);
                return new String(file.bytes(data, len * 2), StandardCharsets.UTF_16BE);
            }
            long coder = fieldValue(d, "coder", 0);
            if (coder == 0) {
                return new String(file.bytes(data, (int) Math.min(elements, maxChars)), StandardCharsets.ISO_8859_1);
            }
            // UTF16 coder stores chars in the JVM's native order; HotSpot on x86/ARM is little endian
            return new String(file.bytes(data, (int) Math.min(elements & ~1L, 2L * maxChars)), StandardCharsets.UTF_16LE);
        } catch (HprofFormatException | IllegalStateException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- naming references

    /**
     * How object {@code from} refers to object {@code to}: the first static field, instance field or array slot
     * holding it (the referent of a java.lang.ref.Reference is never reported), or null if none does.
     */
    public Reference describeReference(int from, int to) {
        return describeReference(from, to, 0);
    }

    /** Like {@link #describeReference(int, int)}, for the {@code occurrence}-th (0-based) slot holding {@code to}. */
    public Reference describeReference(int from, int to, int occurrence) {
        long target = objects.id(to);
        int skip = occurrence;
        try {
            long off = objects.offset(from);
            int tag = file.u1(off);
            if (tag == HprofTag.INSTANCE_DUMP) {
                HeapClass c = classById(file.id(off + 1 + idSize + 4));
                long data = off + 1 + 2L * idSize + 8;
                for (int f = 0; f < c.layoutNames.length; f++) {
                    if (c.layoutTypes[f] == HprofTag.OBJECT && file.id(data + c.layoutOffsets[f]) == target) {
                        if (c.layoutOwner[f].name.equals("java.lang.ref.Reference") && c.layoutNames[f].equals("referent")) {
                            continue;
                        }
                        if (skip-- > 0) {
                            continue;
                        }
                        return new Reference(ReferenceKind.INSTANCE_FIELD, c.layoutNames[f], c.layoutOwner[f].name);
                    }
                }
            } else if (tag == HprofTag.OBJ_ARRAY_DUMP) {
                long len = file.u4(off + 1 + idSize + 4);
                long data = off + 1 + 2L * idSize + 8;
                for (long i = 0; i < len; i++) {
                    if (file.id(data + i * idSize) == target && skip-- == 0) {
                        return new Reference(ReferenceKind.ARRAY_ELEMENT, "[" + i + "]", className(from));
                    }
                }
            } else if (tag == HprofTag.CLASS_DUMP) {
                HeapClass c = classById(objects.id(from));
                for (int s = 0; s < c.staticNames.length; s++) {
                    if (c.staticTypes[s] == HprofTag.OBJECT && c.staticValues[s] == target && skip-- == 0) {
                        return new Reference(ReferenceKind.STATIC_FIELD, c.staticNames[s], c.name);
                    }
                }
            }
            return null;
        } catch (HprofFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reference from one heap object to another, named. Immutable. */
    public record Reference(ReferenceKind kind, String name, String declaringClass) {
        /** Display form, e.g. {@code static Model.listeners}, {@code Controller.window}, {@code Object[3]}. */
        public String display() {
            String simple = declaringClass.substring(declaringClass.lastIndexOf('.') + 1);
            switch (kind) {
                case STATIC_FIELD: return "static " + simple + "." + name;
                case ARRAY_ELEMENT:
                    // Shark's form: Object[] slot 3 reads "Object[3]"
                    return (simple.endsWith("[]") ? simple.substring(0, simple.length() - 2) : simple) + name;
                default: return simple + "." + name;
            }
        }
    }

    // ---------------------------------------------------------------- roots, threads, frames

    /** The GC root kinds recorded for this object, best first; empty if it is not a root record. */
    List<Integer> rootRecordsOf(int index) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < roots.objects.length; i++) {
            if (roots.objects[i] == index) {
                out.add(i);
            }
        }
        out.sort((a, b) -> Integer.compare(rootKind(a).rank(), rootKind(b).rank()));
        return out;
    }

    GcRootKind rootKind(int record) {
        return GcRootKind.ofOrdinal(roots.kinds[record]);
    }

    /** Human description of root record {@code record}: for a Java local, thread name and frame. */
    String describeRoot(int record) {
        GcRootKind kind = rootKind(record);
        int thread = roots.threadSerials[record];
        switch (kind) {
            case JAVA_FRAME:
            case JNI_LOCAL:
                return (kind == GcRootKind.JAVA_FRAME ? "local variable" : "JNI local") + " in thread \""
                    + threadName(thread) + "\" at " + frameOf(thread, roots.frames[record]);
            case NATIVE_STACK:
            case THREAD_BLOCK:
                return kind.description() + " of thread \"" + threadName(thread) + "\"";
            case THREAD_OBJECT:
                return "thread \"" + threadName(thread) + "\"";
            default:
                return kind.description();
        }
    }

    /** Name of the thread with this serial number (from its ROOT_THREAD_OBJECT and Thread.name), or "#serial". */
    public String threadName(int threadSerial) {
        int record = threadRecord(threadSerial);
        if (record >= 0) {
            long nameId = fieldValue(roots.objects[record], "name", 0);
            String name = nameId == 0 ? null : readString(nameId);
            if (name != null) {
                return name;
            }
        }
        return "#" + threadSerial;
    }

    /** Thread serial → its (last) ROOT_THREAD_OBJECT record; built on first use (a race only builds it twice). */
    private volatile LongIntMap threadRecords;

    /** The ROOT_THREAD_OBJECT record of the thread with this serial, or -1. */
    private int threadRecord(int threadSerial) {
        LongIntMap map = threadRecords;
        if (map == null) {
            map = new LongIntMap(64);
            for (int i = 0; i < roots.objects.length; i++) {
                if (roots.kinds[i] == GcRootKind.THREAD_OBJECT.ordinal()) {
                    map.put(roots.threadSerials[i] & 0xFFFFFFFFL, i);
                }
            }
            threadRecords = map;
        }
        return map.get(threadSerial & 0xFFFFFFFFL, -1);
    }

    /** The frame {@code depth} of the thread's stack trace, e.g. {@code com.acme.Foo.run(Foo.java:42)}. */
    String frameOf(int threadSerial, int depth) {
        String[] f = frame(traceBody(threadSerial), depth);
        return f == null ? "frame #" + depth : f[0] + "." + f[1] + "(" + f[2] + ")";
    }

    /**
     * The methods of the thread's stack, innermost first, each as {@code com.acme.Foo.run}; empty if the dump has no
     * stack trace for the thread.
     */
    List<String> frames(int threadSerial) {
        List<String> out = new ArrayList<>();
        long body = traceBody(threadSerial);
        if (body < 0) {
            return out;
        }
        try {
            long count = file.u4(body + 8);
            for (int d = 0; d < count; d++) {
                String[] f = frame(body, d);
                out.add(f == null ? "?" : f[0] + "." + f[1]);
            }
        } catch (HprofFormatException e) {
            return out;
        }
        return out;
    }

    /** Where the body of the thread's STACK_TRACE record starts, or -1. */
    private long traceBody(int threadSerial) {
        int record = threadRecord(threadSerial);
        int traceSerial = record < 0 ? -1 : roots.frames[record];
        int ti = traceIndex.get(traceSerial & 0xFFFFFFFFL, -1);
        return ti < 0 ? -1 : tracePos.get(ti);
    }

    /** Class name, method name and "Source.java:line" of frame {@code depth} of a trace, or null when unknown. */
    private String[] frame(long traceBody, int depth) {
        try {
            if (traceBody < 0 || depth < 0) {
                return null;
            }
            long frames = file.u4(traceBody + 8);
            if (depth >= frames) {
                return null;
            }
            long frameId = file.id(traceBody + 12 + (long) depth * idSize);
            int fi = frameIndex.get(frameId, -1);
            if (fi < 0) {
                return null;
            }
            long f = framePos.get(fi);
            String method = string(file.id(f + idSize));
            String source = string(file.id(f + 3L * idSize));
            long classSerial = file.u4(f + 4L * idSize);
            int line = file.i4(f + 4L * idSize + 4);
            int ci = classIdBySerialIndex.get(classSerial, -1);
            HeapClass c = ci < 0 ? null : classById(classIdsBySerial.get(ci));
            String where = line > 0 ? source + ":" + line : line == -3 ? "Native Method" : source;
            return new String[] {c == null ? "?" : c.name, method, where};
        } catch (HprofFormatException e) {
            return null;
        }
    }

    /** Thread serial number of root record {@code record} (0 or -1 when the kind has none). */
    int rootThreadSerial(int record) {
        return roots.threadSerials[record];
    }

    /** Frame number of a JAVA_FRAME / JNI_LOCAL root record (-1 when unknown). */
    int rootFrame(int record) {
        return roots.frames[record];
    }

    private String string(long id) throws HprofFormatException {
        int i = stringIndex.get(id, -1);
        return i < 0 ? "?" : file.utf8(stringPos.get(i), stringLen.get(i));
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
