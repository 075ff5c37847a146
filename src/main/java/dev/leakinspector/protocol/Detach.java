package dev.leakinspector.protocol;

/**
 * Either direction, the last frame before closing. App -> agent: detach now, or the handshake was rejected
 * for {@code reason}. Agent -> app: the agent is going away (e.g. "target exiting"). Immutable; any thread.
 * A null reason becomes "".
 */
public record Detach(String reason) implements Message {
    public Detach {
        reason = Fields.text(reason);
    }
}
