package dev.leakinspector.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Looks inside one object of an indexed dump, as a heap tool's inspector does (Eclipse MAT's Inspector, VisualVM's
 * Fields view): its fields with their values ({@link #contents}), and its retained size ({@link #retainedSize}).
 *
 * <pre>{@code
 * ObjectInspector inspector = new ObjectInspector(index);
 * for (ObjectContents.Field f : inspector.contents(objectId).fields()) {
 *     System.out.println(f.name() + " = " + f.display());      // "count = int 7", "title = String@0x7f3a20 \"Orders\""
 * }
 * long bytes = inspector.retainedSize(objectId, cancel);       // a whole-heap pass: off the UI thread
 * }</pre>
 *
 * <p>Bounded: an array lists at most {@link #MAX_ELEMENTS} elements and a String's text at most
 * {@link #MAX_TEXT} characters, read straight from the mapped dump; nothing is read whole into memory.
 *
 * <p>Threading: holds nothing but the immutable index; any number of threads may use one inspector at once.
 */
public final class ObjectInspector {
    /** Elements of an array listed by {@link #contents}; {@link ObjectContents#more()} counts the rest. */
    public static final int MAX_ELEMENTS = 100;
    /** Characters of a String's text shown in a reference's value before it is cut with an ellipsis. */
    public static final int MAX_TEXT = 60;

    /** Boxed primitives whose {@code value} field is shown with the reference, by class name. */
    private static final Map<String, Integer> BOXES = Map.of(
            "java.lang.Boolean", HprofTag.BOOLEAN, "java.lang.Character", HprofTag.CHAR,
            "java.lang.Byte", HprofTag.BYTE, "java.lang.Short", HprofTag.SHORT, "java.lang.Integer", HprofTag.INT,
            "java.lang.Long", HprofTag.LONG, "java.lang.Float", HprofTag.FLOAT, "java.lang.Double", HprofTag.DOUBLE);
    /** How each {@code java.lang.ref} subclass holds its referent, most specific first. */
    private static final Map<String, String> REFERENCE_TYPES = Map.of(
            "java.lang.ref.WeakReference", "weak", "java.lang.ref.SoftReference", "soft",
            "java.lang.ref.PhantomReference", "phantom", "java.lang.ref.FinalReference", "finalizer");

    private final HprofIndex index;
    private final HeapClass enumClass;

    public ObjectInspector(HprofIndex index) {
        this.index = index;
        this.enumClass = index.findClass("java.lang.Enum");
    }

    /**
     * The fields of an instance (own, then inherited), the static fields of a class object, or the first
     * {@link #MAX_ELEMENTS} elements of an array. Reads a few records of the mapped dump: microseconds to a
     * millisecond, more when the pages are not in memory.
     *
     * @throws IllegalArgumentException if the dump has no object with this id
     */
    public ObjectContents contents(long objectId) {
        int d = denseIndex(objectId);
        switch (index.recordTag(d)) {
            case HprofTag.INSTANCE_DUMP: return instance(d);
            case HprofTag.OBJ_ARRAY_DUMP: return objectArray(d);
            case HprofTag.PRIM_ARRAY_DUMP: return primitiveArray(d);
            default: return classObject(d);
        }
    }

    /**
     * Bytes that would be freed if the object were unreachable: itself plus every object only it keeps alive, in
     * HPROF payload bytes ({@link HprofIndex#shallowSize}), with the roots {@link RetainedSizeCalculator} uses, so
     * the leaked object's size equals the one its {@link ObjectAnalysis} reports.
     *
     * <p><b>A whole-heap pass</b>: one breadth-first search over every object the GC roots reach, plus a search of
     * what only this object keeps alive; nothing is kept between calls. On a 30 M-object (1.28 GB) dump on a 2-core
     * machine: about 0.6 s for an object that retains little, 2.3 s for one that retains most of the heap (see
     * {@code OnDemandRetainedSize} among the benchmarks); three bit sets of {@link HprofIndex#objectCount()}/8 bytes
     * while it runs. Runs on the calling thread: call it off the UI thread, with a token the user can cancel.
     *
     * @throws IllegalArgumentException if the dump has no object with this id
     * @throws java.util.concurrent.CancellationException when {@code cancel} is cancelled meanwhile (polled about
     *     every million objects)
     */
    public long retainedSize(long objectId, CancelToken cancel) {
        return new RetainedSizeCalculator(index, cancel).retainedSizes(new int[] {denseIndex(objectId)})[0];
    }

    /**
     * A reference to this object as {@link ObjectContents.Field#value()} shows it, e.g. {@code Stage@0x7f3a20},
     * {@code String@0x7f3a48 "Orders"}, {@code Integer@0x7f3a50 42}, {@code byte[64]@0x7f3a60},
     * {@code class AppModel@0x7f0010}; {@code null} for 0.
     */
    public String describe(long objectId) {
        if (objectId == 0) {
            return "null";
        }
        String at = "@0x" + Long.toHexString(objectId);
        int d = index.indexOf(objectId);
        if (d < 0) {
            return "?" + at + " (not in the dump)";
        }
        switch (index.recordTag(d)) {
            case HprofTag.INSTANCE_DUMP: {
                HeapClass c = index.instanceClass(d);
                return c == null ? "?" + at : shortName(c.name) + at + instanceSuffix(c, d, objectId);
            }
            case HprofTag.OBJ_ARRAY_DUMP:
            case HprofTag.PRIM_ARRAY_DUMP: {
                // Object[] of 12 reads Object[12], int[][] of 3 reads int[3][], as Java writes the new array
                String name = shortName(index.className(d));
                int bracket = name.indexOf("[]");
                String sized = bracket < 0 ? name
                        : name.substring(0, bracket) + "[" + index.arrayLength(d) + "]" + name.substring(bracket + 2);
                return sized + at;
            }
            default: {
                HeapClass c = index.asClass(d);
                return "class " + (c == null ? "?" : shortName(c.name)) + at;
            }
        }
    }

    /** Text after a reference for the classes whose value says more than their id: String, boxes, enums. */
    private String instanceSuffix(HeapClass c, int d, long objectId) {
        if (c.name.equals("java.lang.String")) {
            String text = index.readString(objectId, MAX_TEXT + 1);
            return text == null ? "" : " " + quoted(text);
        }
        Integer box = BOXES.get(c.name);
        if (box != null) {
            return " " + primitive(box, index.fieldValue(d, "value", 0));
        }
        if (enumClass != null && c.isSubclassOf(enumClass)) {
            long nameId = index.fieldValue(d, "name", 0);
            String name = nameId == 0 ? null : index.readString(nameId, MAX_TEXT);
            return name == null ? "" : " " + name;
        }
        return "";
    }

    // ------------------------------------------------------------------ the four kinds of records

    private ObjectContents instance(int d) {
        long id = index.objectId(d);
        HeapClass c = index.instanceClass(d);
        if (c == null) {
            return unknownClass(d, ObjectContents.Kind.INSTANCE);
        }
        long data = index.instanceData(d);
        List<ObjectContents.Field> fields = new ArrayList<>(c.layoutNames.length);
        for (int f = 0; f < c.layoutNames.length; f++) {
            HeapClass owner = c.layoutOwner[f];
            boolean referent = owner.name.equals("java.lang.ref.Reference") && c.layoutNames[f].equals("referent");
            fields.add(field(owner.name, c.layoutNames[f], c.layoutTypes[f],
                    index.value(data + c.layoutOffsets[f], c.layoutTypes[f]), referent));
        }
        return new ObjectContents(id, c.name, ObjectContents.Kind.INSTANCE, index.shallowSize(d), fields.size(),
                referenceType(c), fields, 0);
    }

    private ObjectContents classObject(int d) {
        long id = index.objectId(d);
        HeapClass c = index.asClass(d);
        if (c == null) {
            return unknownClass(d, ObjectContents.Kind.CLASS);
        }
        List<ObjectContents.Field> fields = new ArrayList<>(c.staticNames.length);
        for (int s = 0; s < c.staticNames.length; s++) {
            fields.add(field(c.name, c.staticNames[s], c.staticTypes[s], c.staticValues[s], false));
        }
        return new ObjectContents(id, c.name, ObjectContents.Kind.CLASS, index.shallowSize(d), fields.size(), "",
                fields, 0);
    }

    /** An object whose class record the dump lacks: nothing can be said of its fields. */
    private ObjectContents unknownClass(int d, ObjectContents.Kind kind) {
        return new ObjectContents(index.objectId(d), "<unknown class>", kind, index.shallowSize(d), 0, "", List.of(), 0);
    }

    private ObjectContents objectArray(int d) {
        return array(d, ObjectContents.Kind.OBJECT_ARRAY, HprofTag.OBJECT);
    }

    private ObjectContents primitiveArray(int d) {
        return array(d, ObjectContents.Kind.PRIMITIVE_ARRAY, index.primitiveArrayType(d));
    }

    private ObjectContents array(int d, ObjectContents.Kind kind, int type) {
        long length = index.arrayLength(d);
        long data = index.arrayData(d);
        int size = HprofTag.sizeOf(type, index.idSize());
        int shown = (int) Math.min(length, MAX_ELEMENTS);
        List<ObjectContents.Field> elements = new ArrayList<>(shown);
        for (int i = 0; i < shown; i++) {
            elements.add(field("", "[" + i + "]", type, index.value(data + (long) i * size, type), false));
        }
        return new ObjectContents(index.objectId(d), index.className(d), kind, index.shallowSize(d), length, "",
                elements, length - shown);
    }

    private ObjectContents.Field field(String owner, String name, int type, long raw, boolean referent) {
        if (type == HprofTag.OBJECT) {
            return new ObjectContents.Field(owner, name, "Object", describe(raw), raw, referent);
        }
        return new ObjectContents.Field(owner, name, HprofTag.typeName(type), primitive(type, raw), 0, false);
    }

    // ------------------------------------------------------------------ formatting

    /** A primitive value of basic type {@code type} from its raw bits, as Java source writes it (without suffix). */
    static String primitive(int type, long raw) {
        switch (type) {
            case HprofTag.BOOLEAN: return raw != 0 ? "true" : "false";
            case HprofTag.CHAR: return "'" + escaped(String.valueOf((char) raw), '\'') + "'";
            case HprofTag.FLOAT: return Float.toString(Float.intBitsToFloat((int) raw));
            case HprofTag.DOUBLE: return Double.toString(Double.longBitsToDouble(raw));
            case HprofTag.BYTE: return Byte.toString((byte) raw);
            case HprofTag.SHORT: return Short.toString((short) raw);
            case HprofTag.INT: return Integer.toString((int) raw);
            default: return Long.toString(raw);
        }
    }

    /** The text in double quotes, escaped, cut at {@link #MAX_TEXT} characters with an ellipsis. */
    static String quoted(String text) {
        boolean cut = text.length() > MAX_TEXT;
        return "\"" + escaped(cut ? text.substring(0, MAX_TEXT) : text, '"') + "\"" + (cut ? "…" : "");
    }

    /** Java escapes for the quote, backslash and control characters, so a value stays on one line. */
    private static String escaped(String text, char quote) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\\': out.append("\\\\"); break;
                default:
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (Character.isISOControl(c) || (Character.isSurrogate(c) && text.length() == 1)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }

    /** {@code weak}, {@code soft} ... for a Reference subclass, else empty. */
    private static String referenceType(HeapClass c) {
        if (!c.isReference) {
            return "";
        }
        for (HeapClass s = c; s != null; s = s.superClass) {
            String type = REFERENCE_TYPES.get(s.name);
            if (type != null) {
                return type;
            }
        }
        return "reference";
    }

    /** {@code com.acme.Foo$Bar} → {@code Foo$Bar}; a hidden class's {@code +0x…} address is dropped. */
    private static String shortName(String className) {
        int hidden = className.indexOf("+0x");
        String name = hidden < 0 ? className : className.substring(0, hidden);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private int denseIndex(long objectId) {
        int d = index.indexOf(objectId);
        if (d < 0) {
            throw new IllegalArgumentException("the dump has no object 0x" + Long.toHexString(objectId));
        }
        return d;
    }
}
