package dev.leakinspector.agent.rules;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Class paths for target JVMs that hold none of the agent's classes, so that attaching loads them
 * from the real agent jar (with its relocated ByteBuddy), not from target/classes with the test
 * class path's plain ByteBuddy. Stateless; any thread.
 */
final class AgentFreeClassPath {
    private AgentFreeClassPath() {
    }

    private static List<String> testClassPath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** The test classes directory alone: {@link RuleFixture}, {@link RuleTarget}, {@link BytecodeProbe}. */
    static String testClassesOnly() {
        return testClassPath().stream().filter(entry -> Path.of(entry).endsWith("test-classes")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no test-classes directory on " + testClassPath()));
    }

    /** The demo's classes (copied into {@code directory}) and JavaFX with Monocle. */
    static String demoOnly(Path directory) throws IOException {
        Path classes = testClassPath().stream().map(Path::of).filter(entry -> entry.endsWith("classes")
                && !entry.endsWith("test-classes")).findFirst().orElseThrow();
        Path demo = classes.resolve("dev/leakinspector/demo");
        try (Stream<Path> files = Files.walk(demo)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = directory.resolve(classes.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        List<String> entries = new ArrayList<>();
        entries.add(directory.toString());
        testClassPath().stream().filter(entry -> entry.contains("/org/openjfx/") || entry.contains("monocle"))
                .forEach(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    /**
     * A jar with nothing but a manifest naming {@link BytecodeProbe} as a retransform-capable agent
     * to load through the Attach API; the probe class itself comes from the target's class path.
     */
    static Path probeAgentJar(Path directory) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Agent-Class", BytecodeProbe.class.getName());
        attributes.putValue("Can-Retransform-Classes", "true");
        Path jar = directory.resolve("bytecode-probe.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // The manifest is the whole jar.
        }
        return jar;
    }
}
