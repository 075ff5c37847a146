package dev.leakinspector.heap;

/**
 * Why the JVM keeps an object alive without any reference from another heap object: the GC-root kinds
 * HotSpot writes, plus {@link #CLASS} for a loaded class (its static fields are where a developer looks).
 * Immutable.
 */
public enum GcRootKind {
    UNKNOWN("Unknown root"),
    JNI_GLOBAL("JNI global reference"),
    JNI_LOCAL("JNI local reference"),
    JAVA_FRAME("Java local variable"),
    NATIVE_STACK("Native stack"),
    STICKY_CLASS("System class"),
    THREAD_BLOCK("Thread block"),
    MONITOR_USED("Monitor in use"),
    THREAD_OBJECT("Thread object"),
    /** A class object without a root record of its own: kept alive by its class loader. */
    CLASS("Class");

    private static final GcRootKind[] BY_ORDINAL = values(); // values() copies its array on every call

    private final String description;

    GcRootKind(String description) {
        this.description = description;
    }

    /** Human wording as in a LeakCanary trace, e.g. "System class". */
    public String description() {
        return description;
    }

    /** The kind with this ordinal (as the index stores kinds). */
    static GcRootKind ofOrdinal(int ordinal) {
        return BY_ORDINAL[ordinal];
    }

    /** Preference when an object is a root several times: lower wins. */
    int rank() {
        switch (this) {
            case STICKY_CLASS: return 0;
            case CLASS: return 1;
            case THREAD_OBJECT: return 2;
            case JAVA_FRAME: return 3;
            case JNI_LOCAL: return 4;
            case JNI_GLOBAL: return 5;
            case NATIVE_STACK: return 6;
            case THREAD_BLOCK: return 7;
            case MONITOR_USED: return 8;
            default: return 9;
        }
    }
}
