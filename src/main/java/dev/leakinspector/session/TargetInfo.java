package dev.leakinspector.session;

import dev.leakinspector.protocol.Hello;

import java.util.List;

/**
 * Who the target of a session is: what the agent's hello said, kept in a session file. Immutable; any thread.
 *
 * @param displayName the main class or jar, as the start screen showed it
 * @param agentAlreadyLoaded whether our agent was already in the target (no new JEP 451 warning then)
 */
public record TargetInfo(long pid, String displayName, String javaVersion, String vmName, String agentVersion,
                         List<String> toolkits, boolean explicitGcDisabled, boolean agentAlreadyLoaded) {

    public TargetInfo {
        displayName = displayName == null ? "" : displayName;
        javaVersion = javaVersion == null ? "" : javaVersion;
        vmName = vmName == null ? "" : vmName;
        agentVersion = agentVersion == null ? "" : agentVersion;
        toolkits = List.copyOf(toolkits);
    }

    /** @param displayName how the start screen named the target; blank to use the hello's main class */
    public static TargetInfo of(Hello hello, boolean agentAlreadyLoaded, String displayName) {
        String name = displayName != null && !displayName.isBlank() ? displayName
                : hello.mainClass().isEmpty() ? "pid " + hello.pid() : hello.mainClass();
        return new TargetInfo(hello.pid(), name, hello.javaVersion(), hello.vmName(), hello.agentVersion(),
                hello.toolkits(), hello.explicitGcDisabled(), agentAlreadyLoaded);
    }

    /** The target's Java feature version (21 for "21.0.5"), or -1 when unknown. */
    public int javaFeatureVersion() {
        String first = javaVersion.split("[.+-]", 2)[0];
        try {
            int feature = Integer.parseInt(first);
            // "1.8.0_x" style versions are Java 8.
            return feature == 1 ? 8 : feature;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether loading our agent made the target print JDK 21+'s dynamic-agent warning (JEP 451): on JDK 21
     * and newer, when the agent was loaded now rather than reused.
     */
    public boolean printedDynamicAgentWarning() {
        return javaFeatureVersion() >= 21 && !agentAlreadyLoaded;
    }
}
