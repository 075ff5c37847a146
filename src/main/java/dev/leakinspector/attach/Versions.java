package dev.leakinspector.attach;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this build of Leak Inspector, the same string our agent publishes in the target as
 * {@code leakinspector.agent.version}. Stateless; any thread.
 */
public final class Versions {

    static final String RESOURCE = "/dev/leakinspector/version.properties";
    static final String FALLBACK = "dev";

    private Versions() {
    }

    /** Our version from {@code dev/leakinspector/version.properties}, or "dev" when the build did not fill it in. */
    public static String ours() {
        try (InputStream in = Versions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return FALLBACK;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            // An IDE that copies resources without Maven filtering leaves the placeholder in.
            return version.isEmpty() || version.contains("${") ? FALLBACK : version;
        } catch (IOException e) {
            return FALLBACK;
        }
    }
}
