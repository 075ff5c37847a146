package dev.leakinspector.heap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds small hand-written dumps by class and field names on top of {@link HprofWriter}: classes with their
 * superclass and fields, instances given by field name, object arrays, named threads with a stack of frames, and the
 * roots that hold them. 8-byte ids; java.lang.Object, String, byte[], Object[] and Thread are declared up front.
 * Not thread-safe; one per dump.
 */
final class MiniHeap {
    private record ClassDecl(String name, String superName, long id, List<String> fields, Map<String, Long> statics) {
    }

    private record Frame(long id, String className, String method) {
    }

    private final Map<String, ClassDecl> classes = new LinkedHashMap<>();
    private final List<Object[]> instances = new ArrayList<>(); // {id, className, Map<String,Object>}
    private final List<long[]> arrays = new ArrayList<>();
    private final List<Object[]> bytes = new ArrayList<>();
    private final List<Object[]> roots = new ArrayList<>(); // {tag, id, int[] extra}
    private final List<Frame> frames = new ArrayList<>();
    private final List<long[]> traces = new ArrayList<>(); // {serial, threadSerial, frameIds...}
    private long nextClassId = 0x1000;
    private long nextObjectId = 0x100000;
    private long nextFrameId = 0xF000;
    private int nextThreadSerial = 1;

    MiniHeap() {
        cls("java.lang.Object", null);
        cls("java.lang.String", "java.lang.Object", "value", "byte:coder");
        cls("byte[]", "java.lang.Object");
        cls("java.lang.Object[]", "java.lang.Object");
        cls("java.lang.Thread", "java.lang.Object", "name", "target");
    }

    /** Declares a class (once; later calls with the same name return the first id). Fields: "name" or "int:name". */
    long cls(String name, String superName, String... fields) {
        ClassDecl existing = classes.get(name);
        if (existing != null) {
            return existing.id;
        }
        long id = nextClassId += 0x10;
        classes.put(name, new ClassDecl(name, superName, id, List.of(fields), new LinkedHashMap<>()));
        return id;
    }

    /** Sets a static object field of a declared class; the class becomes a sticky-class root. */
    void staticField(String className, String field, long value) {
        ClassDecl c = classes.get(className);
        if (c.statics.isEmpty()) {
            root(HprofTag.ROOT_STICKY_CLASS, c.id);
        }
        c.statics.put(field, value);
    }

    /**
     * An instance; values by field name, or by "declaring.Class.field" when a subclass declares a field of the same
     * name (object ids as Long, primitives as Integer, Boolean, Byte).
     */
    long obj(String className, Object... nameValuePairs) {
        long id = nextObjectId += 0x10;
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        instances.add(new Object[] {id, className, values});
        return id;
    }

    /** Sets a field of an instance made before (for references both ways). Keys as in {@link #obj}. */
    void set(long objectId, String field, Object value) {
        for (Object[] o : instances) {
            if ((Long) o[0] == objectId) {
                @SuppressWarnings("unchecked")
                Map<String, Object> values = (Map<String, Object>) o[2];
                values.put(field, value);
                return;
            }
        }
        throw new IllegalArgumentException("no instance 0x" + Long.toHexString(objectId));
    }

    long array(long... elements) {
        long id = nextObjectId += 0x10;
        long[] row = new long[elements.length + 1];
        row[0] = id;
        System.arraycopy(elements, 0, row, 1, elements.length);
        arrays.add(row);
        return id;
    }

    long string(String text) {
        long value = nextObjectId += 0x10;
        bytes.add(new Object[] {value, text.getBytes(StandardCharsets.ISO_8859_1)});
        return obj("java.lang.String", "value", value, "coder", (byte) 0);
    }

    /**
     * A running thread with this name and stack (innermost frame first, each "pkg.Class.method"); returns its serial.
     * The thread object is a ROOT_THREAD_OBJECT.
     */
    int thread(String name, String... stack) {
        int serial = nextThreadSerial++;
        long[] trace = new long[stack.length + 2];
        trace[0] = 100 + serial;
        trace[1] = serial;
        for (int i = 0; i < stack.length; i++) {
            int dot = stack[i].lastIndexOf('.');
            String className = stack[i].substring(0, dot);
            cls(className, "java.lang.Object");
            long frameId = nextFrameId += 0x10;
            frames.add(new Frame(frameId, className, stack[i].substring(dot + 1)));
            trace[i + 2] = frameId;
        }
        traces.add(trace);
        long thread = obj("java.lang.Thread", "name", string(name));
        root(HprofTag.ROOT_THREAD_OBJECT, thread, serial, 100 + serial);
        return serial;
    }

    /** A local variable of the thread's frame {@code depth} (0 = innermost) holding the object. */
    void local(long objectId, int threadSerial, int depth) {
        root(HprofTag.ROOT_JAVA_FRAME, objectId, threadSerial, depth);
    }

    void root(int tag, long objectId, int... extra) {
        roots.add(new Object[] {tag, objectId, extra});
    }

    /** Writes the dump and opens it; the caller closes the index. */
    HprofIndex open(Path file) throws IOException {
        return HeapDump.open(write(file), ProgressListener.NONE, CancelToken.NEVER);
    }

    /** Writes the dump to the file. */
    Path write(Path file) throws IOException {
        HprofWriter w = new HprofWriter(8);
        Map<String, Integer> serials = new LinkedHashMap<>();
        for (ClassDecl c : classes.values()) {
            serials.put(c.name, w.loadClass(c.id, internalName(c.name)));
        }
        for (Frame f : frames) {
            w.stackFrame(f.id, f.method, "Source.java", serials.get(f.className), 10);
        }
        for (long[] t : traces) {
            long[] ids = new long[t.length - 2];
            System.arraycopy(t, 2, ids, 0, ids.length);
            w.stackTrace((int) t[0], (int) t[1], ids);
        }
        w.beginSegment();
        for (ClassDecl c : classes.values()) {
            long superId = c.superName == null ? 0 : classes.get(c.superName).id;
            w.classDump(c.id, superId, c.statics.keySet().toArray(new String[0]),
                    c.statics.values().stream().mapToLong(Long::longValue).toArray(), c.fields.toArray(new String[0]));
        }
        for (Object[] b : bytes) {
            w.byteArray((Long) b[0], (byte[]) b[1]);
        }
        for (long[] a : arrays) {
            long[] elements = new long[a.length - 1];
            System.arraycopy(a, 1, elements, 0, elements.length);
            w.objectArray(a[0], classes.get("java.lang.Object[]").id, elements);
        }
        for (Object[] o : instances) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) o[2];
            List<Object> layout = new ArrayList<>();
            for (ClassDecl c = classes.get((String) o[1]); c != null; c = c.superName == null ? null : classes.get(c.superName)) {
                for (String f : c.fields) {
                    int colon = f.indexOf(':');
                    String bare = colon < 0 ? f : f.substring(colon + 1);
                    String type = colon < 0 ? "object" : f.substring(0, colon);
                    Object v = values.containsKey(c.name + "." + bare) ? values.get(c.name + "." + bare) : values.get(bare);
                    layout.add(v != null ? v : defaultValue(type));
                }
            }
            w.instance((Long) o[0], classes.get((String) o[1]).id, layout.toArray());
        }
        for (Object[] r : roots) {
            w.root((Integer) r[0], (Long) r[1], (int[]) r[2]);
        }
        w.endSegment();
        w.heapDumpEnd();
        return w.writeTo(file);
    }

    private static Object defaultValue(String type) {
        switch (type) {
            case "boolean": return Boolean.FALSE;
            case "byte": return (byte) 0;
            case "int": return 0;
            default: return 0L;
        }
    }

    private static String internalName(String javaName) {
        if (javaName.equals("byte[]")) {
            return "[B";
        }
        if (javaName.endsWith("[]")) {
            return "[L" + javaName.substring(0, javaName.length() - 2).replace('.', '/') + ";";
        }
        return javaName.replace('.', '/');
    }

    /** Analyses one object as reported (leaking), k paths. */
    static ObjectAnalysis analyse(HprofIndex index, long objectId, int k) {
        return new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER)
                .analyze(new int[] {index.indexOf(objectId)}, k, java.util.Set.of(objectId)).get(0);
    }
}
