package dev.leakinspector.protocol;

/**
 * One message on the agent link; the closed set of everything the agent and our process say to each other.
 * Implementations are immutable records, safe to share between threads.
 *
 * <p>Adding a message type means: a record here, its name in {@code permits}, and one constant in
 * {@link MessageCodec}'s type table (a test fails if a permitted type has no codec entry).
 */
public sealed interface Message permits Hello, Stats, LeakSuspected, ObjectDeallocated, AgentError, Configure, Detach,
        HeapDumpRequest, HeapDumpReady, ObjectReused, VerdictChanged {
}
