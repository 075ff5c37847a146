package dev.leakinspector.heap;

import java.util.List;

/**
 * One class of the dump, from its CLASS_DUMP and LOAD_CLASS records: name, superclass, instance field layout
 * (own fields first, then the superclasses', as HotSpot writes instance data) and static fields.
 * One object per class, not per heap object. Immutable after the index is built; safe for concurrent readers.
 */
public final class HeapClass {
    final long id;
    final String name;
    final long superId;
    final long loaderId;
    final int instanceSize;
    final long recordOffset;
    /** Declared instance fields of this class only: names and basic types. */
    final String[] fieldNames;
    final byte[] fieldTypes;
    /** Static fields: names, types, values (object ids, or the raw bits of primitives). */
    final String[] staticNames;
    final byte[] staticTypes;
    final long[] staticValues;

    // resolved after all classes are read
    HeapClass superClass;
    /** Flattened layout of an instance's field data: declaring class, name, type and byte offset. */
    HeapClass[] layoutOwner;
    String[] layoutNames;
    byte[] layoutTypes;
    int[] layoutOffsets;
    /** Byte offsets, within instance data, of the strong reference fields (the referent of a Reference is left out). */
    int[] strongRefOffsets;
    int layoutSize;
    boolean isReference;

    HeapClass(long id, String name, long superId, long loaderId, int instanceSize, long recordOffset,
              String[] fieldNames, byte[] fieldTypes, String[] staticNames, byte[] staticTypes, long[] staticValues) {
        this.id = id;
        this.name = name;
        this.superId = superId;
        this.loaderId = loaderId;
        this.instanceSize = instanceSize;
        this.recordOffset = recordOffset;
        this.fieldNames = fieldNames;
        this.fieldTypes = fieldTypes;
        this.staticNames = staticNames;
        this.staticTypes = staticTypes;
        this.staticValues = staticValues;
    }

    /** Java name, e.g. {@code java.util.HashMap$Node} or {@code java.lang.Object[]}. */
    public String name() {
        return name;
    }

    public long id() {
        return id;
    }

    /** The superclass, or null for {@code java.lang.Object} and interfaces' roots. */
    public HeapClass superClass() {
        return superClass;
    }

    /** Whether this class is {@code java.lang.ref.Reference} or a subclass (weak, soft, phantom, final). */
    public boolean isReferenceClass() {
        return isReference;
    }

    /** Whether {@code this} is {@code other} or a subclass of it. */
    public boolean isSubclassOf(HeapClass other) {
        for (HeapClass c = this; c != null; c = c.superClass) {
            if (c == other) {
                return true;
            }
        }
        return false;
    }

    /** Names of the flattened instance fields, in instance-data order. */
    public List<String> instanceFieldNames() {
        return List.of(layoutNames);
    }

    /** Simple name without package, for "static Foo.bar" wording. */
    String simpleName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    @Override
    public String toString() {
        return name;
    }
}
