package dev.leakinspector.session;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.HeapDumpReady;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Message;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.VerdictChanged;

/**
 * What the agent tells in a session, one method per kind of event, each doing nothing unless overridden. The one
 * place that tells the agent's messages apart is {@link #dispatch}: the session model, the journal, the command
 * line's printers and the reports that stand all override what they care about, so a new kind of event is added
 * here once.
 *
 * <p>Threading: the methods run on whatever thread calls {@link #dispatch}; an implementation says which.
 */
public interface AgentEvents {
    /** The agent reports an object that should be dead and is not. */
    default void leakSuspected(LeakSuspected leak) {
    }

    /** A report is retracted: its object was collected. */
    default void objectDeallocated(ObjectDeallocated deallocated) {
    }

    /** A report is retracted: the program showed its object again. */
    default void objectReused(ObjectReused reused) {
    }

    /** A standing report gets a new verdict. */
    default void verdictChanged(VerdictChanged change) {
    }

    /** The agent's periodic figures: heap, watches, reports, dropped events. */
    default void stats(Stats stats) {
    }

    /** The agent's answer to a heap dump request: the dump's path, or why it could not be written. */
    default void heapDumpReady(HeapDumpReady dump) {
    }

    /** Something the agent or a trigger ran into. */
    default void agentError(AgentError error) {
    }

    /**
     * Hands {@code message} to the method for its kind; messages that are not events of a session (the handshake,
     * configuration, detach, heap dump requests) are ignored.
     */
    static void dispatch(Message message, AgentEvents events) {
        if (message instanceof LeakSuspected leak) {
            events.leakSuspected(leak);
        } else if (message instanceof ObjectDeallocated deallocated) {
            events.objectDeallocated(deallocated);
        } else if (message instanceof ObjectReused reused) {
            events.objectReused(reused);
        } else if (message instanceof VerdictChanged change) {
            events.verdictChanged(change);
        } else if (message instanceof Stats stats) {
            events.stats(stats);
        } else if (message instanceof HeapDumpReady dump) {
            events.heapDumpReady(dump);
        } else if (message instanceof AgentError error) {
            events.agentError(error);
        }
    }
}
