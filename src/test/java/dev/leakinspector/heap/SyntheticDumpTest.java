package dev.leakinspector.heap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-written dumps (see {@link HprofWriter}) with 4- and 8-byte identifiers, two heap dump segments, every GC-root
 * kind, a constant pool, static fields, stack traces and a weak reference.
 */
class SyntheticDumpTest {
    static final long OBJECT = 0x100;
    static final long CLASS = 0x110;
    static final long STRING = 0x120;
    static final long BYTES = 0x130;
    static final long THREAD = 0x140;
    static final long OBJECTS = 0x150;
    static final long HOLDER = 0x160;
    static final long LEAF = 0x170;
    static final long REFERENCE = 0x180;
    static final long WEAK = 0x190;

    @TempDir
    Path dir;

    /** The small world, its object ids offset by {@code base} (classes keep fixed ids). */
    static byte[] world(int idSize, long base) throws IOException {
        HprofWriter w = new HprofWriter(idSize);
        w.loadClass(OBJECT, "java/lang/Object");
        w.loadClass(CLASS, "java/lang/Class");
        w.loadClass(STRING, "java/lang/String");
        w.loadClass(BYTES, "[B");
        w.loadClass(THREAD, "java/lang/Thread");
        w.loadClass(OBJECTS, "[Ljava/lang/Object;");
        int holderSerial = w.loadClass(HOLDER, "com/acme/Holder");
        w.loadClass(LEAF, "com/acme/Leaf");
        w.loadClass(REFERENCE, "java/lang/ref/Reference");
        w.loadClass(WEAK, "java/lang/ref/WeakReference");
        w.stackFrame(0xF1, "run", "Worker.java", holderSerial, 10);
        w.stackFrame(0xF2, "main", "Worker.java", holderSerial, 20);
        w.stackTrace(9, 5, 0xF1, 0xF2);
        String[] none = new String[0];
        long[] noValues = new long[0];
        w.beginSegment();
        w.classDump(OBJECT, 0, none, noValues);
        w.classDump(CLASS, OBJECT, none, noValues);
        w.classDump(STRING, OBJECT, none, noValues, "value", "byte:coder");
        w.classDump(BYTES, OBJECT, none, noValues);
        w.classDump(THREAD, OBJECT, none, noValues, "name");
        w.classDump(OBJECTS, OBJECT, none, noValues);
        w.classDump(HOLDER, OBJECT, new String[] {"INSTANCE"}, new long[] {base + 0x1000}, "child", "int:count");
        w.classDump(LEAF, OBJECT, none, noValues);
        w.classDump(REFERENCE, OBJECT, none, noValues, "referent", "queue");
        w.classDump(WEAK, REFERENCE, none, noValues);
        w.endSegment();
        w.beginSegment();
        w.instance(base + 0x2000, THREAD, base + 0x2010);
        w.instance(base + 0x2010, STRING, base + 0x2020, (byte) 0);
        w.byteArray(base + 0x2020, "worker".getBytes(StandardCharsets.ISO_8859_1));
        w.instance(base + 0x1000, HOLDER, base + 0x1100, 7);
        w.instance(base + 0x1100, LEAF);
        for (int i = 1; i <= 8; i++) {
            w.instance(base + 0x3000 + i * 0x10, LEAF);
        }
        w.instance(base + 0x4000, WEAK, base + 0x4100, 0L);
        w.instance(base + 0x4100, LEAF);
        w.objectArray(base + 0x5000, OBJECTS, base + 0x4000, 0L);
        w.root(HprofTag.ROOT_THREAD_OBJECT, base + 0x2000, 5, 9);
        w.root(HprofTag.ROOT_UNKNOWN, base + 0x3010);
        w.root(HprofTag.ROOT_JNI_GLOBAL, base + 0x3020);
        w.root(HprofTag.ROOT_JNI_LOCAL, base + 0x3030, 5, 0);
        w.root(HprofTag.ROOT_JAVA_FRAME, base + 0x3040, 5, 1);
        w.root(HprofTag.ROOT_NATIVE_STACK, base + 0x3050, 5);
        w.root(HprofTag.ROOT_STICKY_CLASS, HOLDER);
        w.root(HprofTag.ROOT_THREAD_BLOCK, base + 0x3070, 5);
        w.root(HprofTag.ROOT_MONITOR_USED, base + 0x3080);
        w.root(HprofTag.ROOT_JNI_GLOBAL, base + 0x5000);
        w.endSegment();
        w.heapDumpEnd();
        return w.bytes();
    }

    private HprofIndex open(int idSize, long base) throws IOException {
        Path file = dir.resolve("world-" + idSize + ".hprof");
        java.nio.file.Files.write(file, world(idSize, base));
        return HeapDump.open(file, ProgressListener.NONE, CancelToken.NEVER);
    }

    private static RetentionPath path(HprofIndex index, long id) {
        ObjectAnalysis a = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER)
            .analyze(new int[] {index.indexOf(id)}, 3, Set.of(id)).get(0);
        return a.paths().isEmpty() ? null : a.paths().get(0);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void everyRootKind(int idSize) throws IOException {
        long base = idSize == 4 ? 0x10000 : 0x7f00_0000_0000L;
        try (HprofIndex index = open(idSize, base)) {
            assertEquals(idSize, index.idSize());
            assertEquals(10 + 16, index.objectCount());
            Object[][] expected = {
                {0x3010, GcRootKind.UNKNOWN, "Unknown root"},
                {0x3020, GcRootKind.JNI_GLOBAL, "JNI global reference"},
                {0x3030, GcRootKind.JNI_LOCAL, "JNI local in thread \"worker\" at com.acme.Holder.run(Worker.java:10)"},
                {0x3040, GcRootKind.JAVA_FRAME, "local variable in thread \"worker\" at com.acme.Holder.main(Worker.java:20)"},
                {0x3050, GcRootKind.NATIVE_STACK, "Native stack of thread \"worker\""},
                {0x3070, GcRootKind.THREAD_BLOCK, "Thread block of thread \"worker\""},
                {0x3080, GcRootKind.MONITOR_USED, "Monitor in use"},
                {0x2000, GcRootKind.THREAD_OBJECT, "thread \"worker\""},
            };
            for (Object[] e : expected) {
                RetentionPath p = path(index, base + (Integer) e[0]);
                assertEquals(e[1], p.rootKind(), e[2].toString());
                assertEquals(e[2], p.rootDescription());
                assertEquals(1, p.steps().size());
                ReferenceKind kind = e[1] == GcRootKind.JAVA_FRAME || e[1] == GcRootKind.JNI_LOCAL ? ReferenceKind.LOCAL : ReferenceKind.ROOT;
                assertEquals(kind, p.steps().get(0).referenceKind());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void staticsInstanceFieldsAndWeakReferents(int idSize) throws IOException {
        long base = idSize == 4 ? 0x10000 : 0x1001; // the 8-byte case uses unaligned ids: the wide object table
        try (HprofIndex index = open(idSize, base)) {
            RetentionPath p = path(index, base + 0x1100);
            assertEquals(GcRootKind.STICKY_CLASS, p.rootKind());
            assertEquals(List.of("com.acme.Holder", "com.acme.Holder", "com.acme.Leaf"),
                p.steps().stream().map(PathStep::className).toList());
            assertEquals(List.of("System class", "static Holder.INSTANCE", "Holder.child"),
                p.steps().stream().map(PathStep::reference).toList());
            assertTrue(p.steps().get(0).classObject());
            assertEquals(LeakingStatus.NO, p.steps().get(0).leaking());
            assertEquals(LeakingStatus.YES, p.steps().get(2).leaking());
            // the weak reference's referent has no strong path
            assertEquals(null, path(index, base + 0x4100));
            assertTrue(index.findClass("java.lang.ref.WeakReference").isReferenceClass());
            assertEquals(List.of("child", "count"), index.findClass("com.acme.Holder").instanceFieldNames());
            assertEquals(7, index.fieldValue(index.indexOf(base + 0x1000), "count", -1));
            assertEquals("worker", index.readString(base + 0x2010));
            // Holder: one reference + one int; Leaf: nothing
            assertEquals(idSize + 4, new RetainedSizeCalculator(index, CancelToken.NEVER)
                .retainedSizes(new int[] {index.indexOf(base + 0x1000)})[0]);
        }
    }
}
