package dev.leakinspector.heap;

/**
 * One documented JDK/toolkit hold: a reference inside the JDK or a UI toolkit that keeps an object after the program
 * let go of it, which no program can remove and which lets go on its own (at the next focus change, mouse event,
 * repaint or pulse). Entries come from {@code library-holds.txt} ({@link LibraryHolds}). Immutable.
 *
 * @param name      short name, e.g. "X11 input method focused component"
 * @param kind      what the pattern matches
 * @param className for a field: the class that declares it ({@code $} for nested classes); empty for a thread
 * @param member    the field name, or for a thread the prefix of its name
 * @param why       one line: what keeps the object and when it lets go
 * @param bugId     the JDK bug id, e.g. "JDK-8012345"; empty when there is none we know of
 */
public record LibraryHold(String name, Kind kind, String className, String member, String why, String bugId) {
    /** What a hold's pattern matches. */
    public enum Kind {
        /** An instance field, by its declaring class. */
        INSTANCE_FIELD,
        /** A static field. */
        STATIC_FIELD,
        /** A local variable or the thread object of a thread whose name starts with the member. */
        THREAD
    }

    /** The pattern as the table writes it, e.g. {@code field javax.swing.ToolTipManager.insideComponent}. */
    public String pattern() {
        switch (kind) {
            case INSTANCE_FIELD: return "field " + className + "." + member;
            case STATIC_FIELD: return "static " + className + "." + member;
            default: return "thread " + member;
        }
    }

    /** Whether a field reference (its kind, declaring class and name) is this hold. */
    boolean matchesField(ReferenceKind referenceKind, String declaringClass, String fieldName) {
        Kind wanted = referenceKind == ReferenceKind.STATIC_FIELD ? Kind.STATIC_FIELD
                : referenceKind == ReferenceKind.INSTANCE_FIELD ? Kind.INSTANCE_FIELD : null;
        return kind == wanted && className.equals(declaringClass) && member.equals(fieldName);
    }

    /** Whether a root of this thread is this hold. */
    boolean matchesThread(String threadName) {
        return kind == Kind.THREAD && threadName.startsWith(member);
    }
}
