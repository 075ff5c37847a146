package dev.leakinspector.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The agent's version and the target system properties through which it makes itself known: the
 * attach client reads {@link #VERSION_PROPERTY} to find an agent already loaded, and the demo
 * program waits for {@link #STATE_PROPERTY} to read {@code watching}. Thread-safe.
 */
final class AgentVersion {
    static final String VERSION_PROPERTY = "leakinspector.agent.version";
    static final String STATE_PROPERTY = "leakinspector.agent.state";

    private AgentVersion() {
    }

    static String current() {
        try (InputStream in = AgentVersion.class.getResourceAsStream("/dev/leakinspector/version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "dev");
            }
        } catch (IOException ignored) {
            // Fall through: an unknown version is not a reason to refuse to work.
        }
        return "dev";
    }

    static void announceState(String state) {
        System.setProperty(STATE_PROPERTY, state);
    }
}
