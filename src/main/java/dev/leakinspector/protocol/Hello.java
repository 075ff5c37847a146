package dev.leakinspector.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Agent -> app, always the first frame: who the target is and the token proving the agent was started by us.
 * Immutable; any thread. Null strings become "", a null list becomes empty; a null token is rejected.
 *
 * @param protocolVersion the sender's {@link Protocol#VERSION}; encoded first so any version can be read
 * @param toolkits UI toolkits the target has loaded, e.g. "javafx", "swing"
 * @param explicitGcDisabled whether the target runs with -XX:+DisableExplicitGC (our one GC per batch is a no-op)
 */
public record Hello(int protocolVersion, AuthToken token, long pid, String javaVersion, String vmName,
                    String mainClass, String agentVersion, List<String> toolkits, boolean explicitGcDisabled)
        implements Message {
    public Hello {
        Objects.requireNonNull(token, "token");
        javaVersion = Fields.text(javaVersion);
        vmName = Fields.text(vmName);
        mainClass = Fields.text(mainClass);
        agentVersion = Fields.text(agentVersion);
        toolkits = Fields.texts(toolkits);
    }
}
