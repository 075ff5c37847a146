package dev.leakinspector.protocol;

/**
 * Agent -> app: something failed inside the agent, which keeps running. Immutable; any thread.
 * Null strings become "".
 *
 * @param context what the agent was doing, e.g. "swing trigger", "rule com.acme.Session#close()"
 */
public record AgentError(String context, String message) implements Message {
    public AgentError {
        context = Fields.text(context);
        message = Fields.text(message);
    }
}
