package dev.leakinspector.heap;

/**
 * One object on a retention path or cycle and the reference that holds it: the field, array slot or static of
 * the step before it, or for the first step of a path the GC root (kind {@link ReferenceKind#ROOT} or
 * {@link ReferenceKind#LOCAL} with the thread and frame). {@code suspect} marks references between the last
 * not-leaking and the first leaking step, unless the path goes through a documented JDK/toolkit hold: then no step
 * is suspect and {@code libraryHold} marks the reference the hold is made of. Immutable.
 *
 * @param className      Java class name of the object ({@code class Foo} objects give {@code Foo} and
 *                       {@code classObject} true)
 * @param reference      display form of the incoming reference, e.g. {@code static Model.listeners},
 *                       {@code ArrayList.elementData}, {@code Object[3]}, {@code local variable in thread "main" at …}
 * @param referenceKind  kind of the incoming reference
 * @param leaking        leaking status of the object
 * @param leakingReason  why it has that status, e.g. "GC root", "a class is never leaking", "reported by the agent"
 * @param suspect        whether the incoming reference is a suspect (may be the cause of the leak)
 * @param objectId       the object's id in the dump
 * @param classObject    whether the object is a class object (its statics)
 * @param libraryHold    whether the incoming reference is a documented JDK/toolkit hold ({@link LibraryHold}), which
 *                       no program can remove
 */
public record PathStep(String className, String reference, ReferenceKind referenceKind, LeakingStatus leaking,
                       String leakingReason, boolean suspect, long objectId, boolean classObject, boolean libraryHold) {

    /** A step whose incoming reference is no library hold. */
    public PathStep(String className, String reference, ReferenceKind referenceKind, LeakingStatus leaking,
                    String leakingReason, boolean suspect, long objectId, boolean classObject) {
        this(className, reference, referenceKind, leaking, leakingReason, suspect, objectId, classObject, false);
    }

    PathStep withLeaking(LeakingStatus status, String reason) {
        return new PathStep(className, reference, referenceKind, status, reason, suspect, objectId, classObject, libraryHold);
    }

    PathStep withSuspect(boolean value) {
        return new PathStep(className, reference, referenceKind, leaking, leakingReason, value, objectId, classObject, libraryHold);
    }

    PathStep withLibraryHold(boolean value) {
        return new PathStep(className, reference, referenceKind, leaking, leakingReason, suspect, objectId, classObject, value);
    }
}
