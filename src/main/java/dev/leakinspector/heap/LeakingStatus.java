package dev.leakinspector.heap;

/** Whether an object on a retention path is leaking, as LeakCanary decides it. Immutable. */
public enum LeakingStatus {
    YES, NO, UNKNOWN
}
