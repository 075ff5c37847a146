package dev.leakinspector.heap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ObjectInspector} on hand-written dumps (see {@link HprofWriter}) with 4- and 8-byte identifiers: every
 * primitive type, inherited fields, Strings (Latin-1, UTF-16, long), a boxed Integer, an enum constant, statics of
 * every kind, arrays longer than the listed part, a weak reference's referent, and retained sizes; then the same
 * on a real dump of this JVM holding {@link HeapFixtures.FieldsSample}.
 */
class ObjectInspectorTest {
    // classes of SyntheticDumpTest's small world, and these
    static final long OBJECT = SyntheticDumpTest.OBJECT;
    static final long STRING = SyntheticDumpTest.STRING;
    static final long BYTES = SyntheticDumpTest.BYTES;
    static final long OBJECTS = SyntheticDumpTest.OBJECTS;
    static final long LEAF = SyntheticDumpTest.LEAF;
    static final long REFERENCE = SyntheticDumpTest.REFERENCE;
    static final long WEAK = SyntheticDumpTest.WEAK;
    static final long CHARS = 0x1a0;
    static final long INTS = 0x1b0;
    static final long INTEGER = 0x1c0;
    static final long ENUM = 0x1d0;
    static final long COLOR = 0x1e0;
    static final long BASE = 0x1f0;
    static final long SAMPLE = 0x200;

    // object ids, offset by the test's base
    static final long THE_SAMPLE = 0x1000;
    static final long TITLE = 0x1100;
    static final long TITLE_BYTES = 0x1110;
    static final long UTF16 = 0x1200;
    static final long UTF16_BYTES = 0x1210;
    static final long LONG_TEXT = 0x1300;
    static final long LONG_TEXT_BYTES = 0x1310;
    static final long BOXED = 0x1400;
    static final long RED = 0x1500;
    static final long RED_NAME = 0x1510;
    static final long RED_NAME_BYTES = 0x1520;
    static final long ITEMS = 0x1600;
    static final long NUMBERS = 0x1700;
    static final long LETTERS = 0x1800;
    static final long WEAK_REF = 0x1900;
    static final long HELD_WEAKLY = 0x1a00;
    static final long LEAVES = 0x2000;
    static final int ITEM_COUNT = 150;

    @TempDir
    Path dir;

    private HprofIndex open(int idSize, long base) throws IOException {
        HprofWriter w = new HprofWriter(idSize);
        w.loadClass(OBJECT, "java/lang/Object");
        w.loadClass(STRING, "java/lang/String");
        w.loadClass(BYTES, "[B");
        w.loadClass(CHARS, "[C");
        w.loadClass(INTS, "[I");
        w.loadClass(OBJECTS, "[Ljava/lang/Object;");
        w.loadClass(INTEGER, "java/lang/Integer");
        w.loadClass(ENUM, "java/lang/Enum");
        w.loadClass(COLOR, "com/acme/Color");
        w.loadClass(BASE, "com/acme/Base");
        w.loadClass(SAMPLE, "com/acme/Sample");
        w.loadClass(LEAF, "com/acme/Leaf");
        w.loadClass(REFERENCE, "java/lang/ref/Reference");
        w.loadClass(WEAK, "java/lang/ref/WeakReference");
        String[] none = new String[0];
        long[] noValues = new long[0];
        w.beginSegment();
        w.classDump(OBJECT, 0, none, noValues);
        w.classDump(STRING, OBJECT, none, noValues, "value", "byte:coder");
        w.classDump(BYTES, OBJECT, none, noValues);
        w.classDump(CHARS, OBJECT, none, noValues);
        w.classDump(INTS, OBJECT, none, noValues);
        w.classDump(OBJECTS, OBJECT, none, noValues);
        w.classDump(INTEGER, OBJECT, none, noValues, "int:value");
        w.classDump(ENUM, OBJECT, none, noValues, "name", "int:ordinal");
        w.classDump(COLOR, ENUM, new String[] {"RED"}, new long[] {base + RED});
        w.classDump(BASE, OBJECT, none, noValues, "int:baseCount", "baseName");
        w.classDump(SAMPLE, BASE, new String[] {"INSTANCE", "LIMIT", "ENABLED", "TYPE", "SCALE"},
                new Object[] {base + THE_SAMPLE, 10, true, LEAF, 1.5d},
                "boolean:flag", "char:letter", "short:small", "float:ratio", "double:precise", "long:big", "byte:tiny",
                "int:count", "title", "boxed", "color", "items", "numbers", "letters", "nothing", "utf16", "longText");
        w.classDump(LEAF, OBJECT, none, noValues);
        w.classDump(REFERENCE, OBJECT, none, noValues, "referent", "queue");
        w.classDump(WEAK, REFERENCE, none, noValues);
        w.endSegment();

        w.beginSegment();
        w.instance(base + THE_SAMPLE, SAMPLE, true, 'x', (short) -3, 0.5f, 2.25d, -5_000_000_000L, (byte) -1, 42,
                base + TITLE, base + BOXED, base + RED, base + ITEMS, base + NUMBERS, base + LETTERS, 0L,
                base + UTF16, base + LONG_TEXT,
                // Base's fields after Sample's, as HotSpot lays them out
                3, base + TITLE);
        string(w, base + TITLE, base + TITLE_BYTES, "Orders \"open\"\n".getBytes(StandardCharsets.ISO_8859_1), (byte) 0);
        string(w, base + UTF16, base + UTF16_BYTES, "h\u00e9llo \u2713".getBytes(StandardCharsets.UTF_16LE), (byte) 1);
        string(w, base + LONG_TEXT, base + LONG_TEXT_BYTES, "0123456789".repeat(10).getBytes(StandardCharsets.ISO_8859_1), (byte) 0);
        w.instance(base + BOXED, INTEGER, 4242);
        w.instance(base + RED, COLOR, base + RED_NAME, 0);
        string(w, base + RED_NAME, base + RED_NAME_BYTES, "RED".getBytes(StandardCharsets.ISO_8859_1), (byte) 0);
        long[] items = new long[ITEM_COUNT];
        for (int i = 0; i < ITEM_COUNT; i++) {
            // every third slot empty; the rest distinct leaves
            items[i] = i % 3 == 2 ? 0 : base + LEAVES + i * 0x10L;
            if (items[i] != 0) {
                w.instance(items[i], LEAF);
            }
        }
        w.objectArray(base + ITEMS, OBJECTS, items);
        w.intArray(base + NUMBERS, 1, -2, Integer.MAX_VALUE);
        w.charArray(base + LETTERS, "a\n'");
        w.instance(base + WEAK_REF, WEAK, base + HELD_WEAKLY, 0L);
        w.instance(base + HELD_WEAKLY, LEAF);
        w.root(HprofTag.ROOT_STICKY_CLASS, SAMPLE);
        w.root(HprofTag.ROOT_JNI_GLOBAL, base + WEAK_REF);
        w.endSegment();
        w.heapDumpEnd();
        Path file = dir.resolve("inspect-" + idSize + ".hprof");
        Files.write(file, w.bytes());
        return HeapDump.open(file, ProgressListener.NONE, CancelToken.NEVER);
    }

    private static void string(HprofWriter w, long id, long bytesId, byte[] bytes, byte coder) throws IOException {
        w.instance(id, STRING, bytesId, coder);
        w.byteArray(bytesId, bytes);
    }

    /** Opens the world with {@code idSize}-byte ids, inspects one object and closes it: contents are plain values. */
    private ObjectContents contents(int idSize, long objectId) throws IOException {
        try (HprofIndex index = open(idSize, base(idSize))) {
            return new ObjectInspector(index).contents(objectId);
        }
    }

    private static void assertKind(ObjectContents.Kind kind, String className, ObjectContents contents) {
        assertEquals(kind, contents.kind());
        assertEquals(className, contents.className());
    }

    /** An array of {@code length} elements of which the first {@code listed} are listed, the rest counted. */
    private static void assertArray(ObjectContents.Kind kind, String className, long length, int listed, ObjectContents array) {
        assertKind(kind, className, array);
        assertEquals(length, array.length());
        assertEquals(listed, array.fields().size());
        assertEquals(length - listed, array.more());
    }

    private static long base(int idSize) {
        return idSize == 4 ? 0x10000 : 0x7f00_0000_0000L;
    }

    private static String hex(long id) {
        return "0x" + Long.toHexString(id);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void anInstanceListsItsOwnFieldsThenTheInheritedOnesWithTheirValuesAsAReaderReadsThem(int idSize) throws IOException {
        long base = base(idSize);
        try (HprofIndex index = open(idSize, base)) {
            ObjectContents sample = new ObjectInspector(index).contents(base + THE_SAMPLE);
            assertKind(ObjectContents.Kind.INSTANCE, "com.acme.Sample", sample);
            assertEquals("", sample.referenceType());
            assertEquals(0, sample.more());
            assertEquals(List.of(
                    "com.acme.Sample flag = boolean true",
                    "com.acme.Sample letter = char 'x'",
                    "com.acme.Sample small = short -3",
                    "com.acme.Sample ratio = float 0.5",
                    "com.acme.Sample precise = double 2.25",
                    "com.acme.Sample big = long 5000000000",
                    "com.acme.Sample tiny = byte -1",
                    "com.acme.Sample count = int 42",
                    "com.acme.Sample title = String@" + hex(base + TITLE) + " \"Orders \\\"open\\\"\\n\"",
                    "com.acme.Sample boxed = Integer@" + hex(base + BOXED) + " 4242",
                    "com.acme.Sample color = Color@" + hex(base + RED) + " RED",
                    "com.acme.Sample items = Object[" + ITEM_COUNT + "]@" + hex(base + ITEMS),
                    "com.acme.Sample numbers = int[3]@" + hex(base + NUMBERS),
                    "com.acme.Sample letters = char[3]@" + hex(base + LETTERS),
                    "com.acme.Sample nothing = null",
                    "com.acme.Sample utf16 = String@" + hex(base + UTF16) + " \"h\u00e9llo \u2713\"",
                    "com.acme.Sample longText = String@" + hex(base + LONG_TEXT) + " \"" + "0123456789".repeat(6) + "\"…",
                    "com.acme.Base baseCount = int 3",
                    "com.acme.Base baseName = String@" + hex(base + TITLE) + " \"Orders \\\"open\\\"\\n\""),
                    sample.fields().stream().map(f -> f.declaringClass() + " " + f.name() + " = " + f.display()).toList());
            assertEquals(sample.fields().size(), sample.length());
            ObjectContents.Field title = sample.fields().get(8);
            assertEquals("Object", title.type());
            assertEquals(base + TITLE, title.referenceId());
            assertTrue(title.isReference());
            assertFalse(title.referent());
            ObjectContents.Field nothing = sample.fields().get(14);
            assertEquals(0, nothing.referenceId());
            assertFalse(nothing.isReference());
            ObjectContents.Field count = sample.fields().get(7);
            assertEquals("int", count.type());
            assertEquals("42", count.value());
            assertFalse(count.isReference());
            assertEquals(index.shallowSize(index.indexOf(base + THE_SAMPLE)), sample.shallowSize());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void aClassObjectListsItsStaticFields(int idSize) throws IOException {
        ObjectContents statics = contents(idSize, SAMPLE);
        assertKind(ObjectContents.Kind.CLASS, "com.acme.Sample", statics);
        assertEquals(List.of(
                "INSTANCE = Sample@" + hex(base(idSize) + THE_SAMPLE),
                "LIMIT = int 10",
                "ENABLED = boolean true",
                "TYPE = class Leaf@" + hex(LEAF),
                "SCALE = double 1.5"),
                statics.fields().stream().map(ObjectInspectorTest::line).toList());
        assertTrue(statics.fields().stream().allMatch(f -> f.declaringClass().equals("com.acme.Sample")));
        assertEquals(LEAF, statics.fields().get(3).referenceId());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void anObjectArrayListsItsFirstHundredElementsAndCountsTheRest(int idSize) throws IOException {
        long base = base(idSize);
        ObjectContents items = contents(idSize, base + ITEMS);
        assertArray(ObjectContents.Kind.OBJECT_ARRAY, "java.lang.Object[]", ITEM_COUNT, ObjectInspector.MAX_ELEMENTS, items);
        assertEquals("[0] = Leaf@" + hex(base + LEAVES), line(items.fields().get(0)));
        assertEquals("[2] = null", line(items.fields().get(2)));
        ObjectContents.Field last = items.fields().get(ObjectInspector.MAX_ELEMENTS - 1);
        assertEquals("[99] = Leaf@" + hex(base + LEAVES + 99 * 0x10L), line(last));
        assertEquals(base + LEAVES + 99 * 0x10L, last.referenceId());
        assertEquals("", last.declaringClass());
        assertEquals((long) ITEM_COUNT * idSize, items.shallowSize());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void aPrimitiveArrayListsItsValues(int idSize) throws IOException {
        long base = base(idSize);
        ObjectContents numbers = contents(idSize, base + NUMBERS);
        assertArray(ObjectContents.Kind.PRIMITIVE_ARRAY, "int[]", 3, 3, numbers);
        assertEquals(List.of("[0] = int 1", "[1] = int -2", "[2] = int 2147483647"),
                numbers.fields().stream().map(ObjectInspectorTest::line).toList());
        ObjectContents letters = contents(idSize, base + LETTERS);
        assertEquals(List.of("'a'", "'\\n'", "'\\''"), letters.fields().stream().map(ObjectContents.Field::value).toList());
        ObjectContents bytes = contents(idSize, base + LONG_TEXT_BYTES);
        assertArray(ObjectContents.Kind.PRIMITIVE_ARRAY, "byte[]", 100, 100, bytes);
        assertEquals("byte 48", bytes.fields().get(0).display());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void aWeakReferenceMarksItsReferent(int idSize) throws IOException {
        long base = base(idSize);
        ObjectContents weak = contents(idSize, base + WEAK_REF);
        assertEquals("weak", weak.referenceType());
        ObjectContents.Field referent = weak.fields().get(0);
        assertEquals("referent", referent.name());
        assertEquals("java.lang.ref.Reference", referent.declaringClass());
        assertTrue(referent.referent());
        assertEquals("Leaf@" + hex(base + HELD_WEAKLY), referent.value());
        ObjectContents.Field queue = weak.fields().get(1);
        assertEquals("queue", queue.name());
        assertFalse(queue.referent());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void retainedSizeOnDemandMatchesTheCalculator(int idSize) throws IOException {
        long base = base(idSize);
        try (HprofIndex index = open(idSize, base)) {
            ObjectInspector inspector = new ObjectInspector(index);
            // the sample keeps alive everything but the class and the weakly held leaf
            long sample = inspector.retainedSize(base + THE_SAMPLE, CancelToken.NEVER);
            assertEquals(new RetainedSizeCalculator(index, CancelToken.NEVER)
                    .retainedSizes(new int[] {index.indexOf(base + THE_SAMPLE)})[0], sample);
            long items = inspector.retainedSize(base + ITEMS, CancelToken.NEVER);
            assertEquals((long) ITEM_COUNT * idSize, items, "the array; its leaves have no fields");
            assertTrue(sample > items + index.shallowSize(index.indexOf(base + THE_SAMPLE)), sample + " vs " + items);
            // a weakly held object is retained by nothing strong; its reference retains only itself
            assertEquals(index.shallowSize(index.indexOf(base + WEAK_REF)),
                    inspector.retainedSize(base + WEAK_REF, CancelToken.NEVER));
            CancelToken cancelled = new CancelToken();
            cancelled.cancel();
            assertThrows(CancellationException.class, () -> inspector.retainedSize(base + THE_SAMPLE, cancelled));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void anIdNotInTheDumpIsRefused(int idSize) throws IOException {
        try (HprofIndex index = open(idSize, base(idSize))) {
            ObjectInspector inspector = new ObjectInspector(index);
            assertThrows(IllegalArgumentException.class, () -> inspector.contents(0x42));
            assertThrows(IllegalArgumentException.class, () -> inspector.retainedSize(0x42, CancelToken.NEVER));
            assertEquals("null", inspector.describe(0));
            assertEquals("?@0x42 (not in the dump)", inspector.describe(0x42));
        }
    }

    @Test
    void onARealDumpOfThisJvm() {
        String f = "dev.leakinspector.heap.HeapFixtures$";
        HprofIndex index = TestDumps.sharedIndex();
        ObjectInspector inspector = new ObjectInspector(index);
        ObjectContents holder = inspector.contents(index.findClass(f + "FieldsHolder").id());
        Map<String, ObjectContents.Field> statics = byName(holder);
        assertEquals("int 10", statics.get("limit").display());
        ObjectContents.Field sampleField = statics.get("sample");
        assertTrue(sampleField.value().startsWith("HeapFixtures$FieldsSample@0x"), sampleField.value());

        ObjectContents sample = inspector.contents(sampleField.referenceId());
        assertEquals(f + "FieldsSample", sample.className());
        List<String> declaring = sample.fields().stream().map(ObjectContents.Field::declaringClass).toList();
        assertEquals(List.of(f + "FieldsBase", f + "FieldsBase"), declaring.subList(declaring.size() - 2, declaring.size()),
                "inherited fields after the class's own: " + declaring);
        assertTrue(declaring.subList(0, declaring.size() - 2).stream().allMatch((f + "FieldsSample")::equals), declaring.toString());
        Map<String, ObjectContents.Field> fields = byName(sample);
        Map<String, String> shown = new LinkedHashMap<>();
        fields.forEach((name, field) -> shown.put(name, field.display()));
        assertEquals("boolean true", shown.get("flag"), shown.toString());
        assertEquals("char 'x'", shown.get("letter"));
        assertEquals("short -3", shown.get("small"));
        assertEquals("float 0.5", shown.get("ratio"));
        assertEquals("double 2.25", shown.get("precise"));
        assertEquals("long 5000000000", shown.get("big"));
        assertEquals("byte -1", shown.get("tiny"));
        assertEquals("int 42", shown.get("count"));
        assertEquals("int 3", shown.get("baseCount"));
        assertEquals("null", shown.get("nothing"));
        assertTrue(shown.get("title").matches("String@0x[0-9a-f]+ \"Orders\""), shown.get("title"));
        assertTrue(shown.get("baseName").matches("String@0x[0-9a-f]+ \"base\""), shown.get("baseName"));
        assertTrue(shown.get("utf16").matches("String@0x[0-9a-f]+ \"h\u00e9llo \u2713\""), "JDK 9+ UTF-16 coder: " + shown.get("utf16"));
        assertTrue(shown.get("boxed").matches("Integer@0x[0-9a-f]+ 4242"), shown.get("boxed"));
        assertTrue(shown.get("state").matches("Thread\\$State@0x[0-9a-f]+ NEW"), shown.get("state"));
        assertTrue(shown.get("many").matches("long\\[1000]@0x[0-9a-f]+"), shown.get("many"));

        ObjectContents weak = inspector.contents(fields.get("weak").referenceId());
        assertEquals("weak", weak.referenceType());
        ObjectContents.Field referent = byName(weak).get("referent");
        assertTrue(referent.referent());
        assertEquals(fields.get("title").referenceId(), referent.referenceId());

        ObjectContents many = inspector.contents(fields.get("many").referenceId());
        assertArray(ObjectContents.Kind.PRIMITIVE_ARRAY, "long[]", 1000, ObjectInspector.MAX_ELEMENTS, many);
        assertEquals("[99] = long 693", line(many.fields().get(99)));

        // what the many longs and the strings only it holds add up to, at least
        assertTrue(inspector.retainedSize(sampleField.referenceId(), CancelToken.NEVER) >= sample.shallowSize() + 8000);
    }

    private static Map<String, ObjectContents.Field> byName(ObjectContents contents) {
        Map<String, ObjectContents.Field> out = new LinkedHashMap<>();
        for (ObjectContents.Field field : contents.fields()) {
            assertEquals(null, out.put(field.name(), field), "one field per name in " + contents.className());
        }
        return out;
    }

    private static String line(ObjectContents.Field f) {
        return f.name() + " = " + f.display();
    }
}
