package dev.leakinspector.heap;

import java.util.List;
import java.util.Objects;

/**
 * What one heap object holds, as a heap tool's inspector lists it: an instance's fields (own first, then inherited,
 * in HotSpot's layout order), a class's static fields, or an array's first elements. Made by {@link ObjectInspector};
 * immutable.
 *
 * @param objectId     id of the object in the dump
 * @param className    its class; for a class object, the class it is; for an array, e.g. {@code byte[]}
 * @param kind         instance, class, object array or primitive array
 * @param shallowSize  bytes of the object's own record payload, see {@link HprofIndex#shallowSize}
 * @param length       element count of an array; for an instance or a class, the number of its fields
 * @param referenceType for an instance of a {@code java.lang.ref.Reference} subclass, how it holds its referent
 *                      ({@code weak}, {@code soft}, {@code phantom}, {@code finalizer}, or {@code reference} for
 *                      another subclass); else empty
 * @param fields       the fields or elements listed, in order; at most {@link ObjectInspector#MAX_ELEMENTS} elements
 * @param more         how many elements of an array are not listed (0 for instances and classes)
 */
public record ObjectContents(long objectId, String className, Kind kind, long shallowSize, long length,
                             String referenceType, List<Field> fields, long more) {
    public ObjectContents {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(kind, "kind");
        referenceType = referenceType == null ? "" : referenceType;
        fields = List.copyOf(fields);
    }

    /** What kind of heap record the object is. */
    public enum Kind {
        INSTANCE,
        /** A class object: its fields are the class's static fields. */
        CLASS,
        OBJECT_ARRAY,
        PRIMITIVE_ARRAY
    }

    /**
     * One instance field, static field or array element.
     *
     * @param declaringClass the class declaring the field (for an inherited field, the superclass); empty for
     *                       array elements
     * @param name           field name, or {@code [i]} for an array element
     * @param type           a primitive type name ({@code int}, {@code char} ...) or {@code Object}: HPROF records
     *                       only that a field holds a reference, not its declared type
     * @param value          the value as a reader reads it: {@code 42}, {@code true}, {@code 'x'}, {@code 2.5},
     *                       {@code null}, or a reference: the short class name and id ({@code Stage@0x7f3a20}),
     *                       followed for a String by its text in quotes (truncated with …), for a boxed primitive
     *                       or an enum constant by its value, or {@code Foo[12]@0x…} for an array
     * @param referenceId    the id of the object referred to; 0 for a primitive or {@code null}
     * @param referent       whether this is the {@code referent} of a {@code java.lang.ref.Reference}: not a strong
     *                       reference (see {@link ObjectContents#referenceType()})
     */
    public record Field(String declaringClass, String name, String type, String value, long referenceId,
                        boolean referent) {
        public Field {
            Objects.requireNonNull(declaringClass, "declaringClass");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }

        /** Whether the field refers to an object (it is not a primitive, and not {@code null}). */
        public boolean isReference() {
            return referenceId != 0;
        }

        /** The value with a primitive's type before it, e.g. {@code int 42}, {@code char 'x'}; a reference as is. */
        public String display() {
            return type.equals("Object") ? value : type + " " + value;
        }
    }
}
