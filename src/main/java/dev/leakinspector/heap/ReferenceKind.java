package dev.leakinspector.heap;

/** How a step of a retention path is held: by the step before it, or (first step) by a GC root. Immutable. */
public enum ReferenceKind {
    STATIC_FIELD,
    INSTANCE_FIELD,
    ARRAY_ELEMENT,
    /** A thread's local variable (a Java frame or JNI local root). */
    LOCAL,
    /** Any other GC root. */
    ROOT
}
