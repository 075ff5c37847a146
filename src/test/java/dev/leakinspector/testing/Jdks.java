package dev.leakinspector.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDKs installed on this machine that a test can start a target with: the one running the test
 * and those in the system JVM directory. Thread-safe (stateless).
 */
public final class Jdks {
    private static final Path SYSTEM_JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    private Jdks() {
    }

    /** The {@code java} launcher of an installed JDK whose feature version is {@code feature}. */
    public static Optional<Path> find(int feature) {
        return all().stream().filter(jdk -> featureVersion(jdk) == feature).findFirst().map(Jdks::launcher);
    }

    /** The launcher of the JVM running this test. */
    public static Path current() {
        return launcher(Path.of(System.getProperty("java.home")));
    }

    private static List<Path> all() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        if (Files.isDirectory(SYSTEM_JVM_DIRECTORY)) {
            try (Stream<Path> entries = Files.list(SYSTEM_JVM_DIRECTORY)) {
                entries.filter(home -> Files.isExecutable(launcher(home))).sorted().forEach(homes::add);
            } catch (IOException ignored) {
                // Only the current JDK then.
            }
        }
        return homes;
    }

    private static Path launcher(Path home) {
        return home.resolve("bin").resolve("java");
    }

    /** The JDK's feature version from its {@code release} file, or -1 when it cannot be read. */
    private static int featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return home.equals(Path.of(System.getProperty("java.home"))) ? Runtime.version().feature() : -1;
        }
        try (var in = Files.newBufferedReader(release)) {
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
            String feature = version.split("[.+-]")[0];
            return Integer.parseInt(feature);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
