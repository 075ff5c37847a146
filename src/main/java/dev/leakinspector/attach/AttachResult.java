package dev.leakinspector.attach;

/**
 * What {@link AgentAttacher#attach} did: the agent is now loaded in {@code pid}. Immutable; any thread.
 *
 * @param pid                the target process
 * @param javaVersion        the target's {@code java.version}
 * @param vmName             the target's {@code java.vm.name}
 * @param agentAlreadyLoaded true when our agent (same version) was already running there; loading it again
 *                           made that agent reconnect instead of starting a second one
 */
public record AttachResult(long pid, String javaVersion, String vmName, boolean agentAlreadyLoaded) {
}
