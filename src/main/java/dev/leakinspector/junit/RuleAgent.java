package dev.leakinspector.junit;

import dev.leakinspector.agent.InProcessWatcher;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Makes sure the Leak Inspector agent is in the test JVM before a test's watch rules are installed: rules change the
 * code under test's classes, which only an agent's {@link java.lang.instrument.Instrumentation} can do.
 * <ol>
 *   <li>Started with {@code -javaagent:leak-inspector-agent.jar} (no options): the agent kept its instrumentation
 *       at start-up and started nothing else. The supported way, and the only one without a warning on JDK 21+.</li>
 *   <li>Else, if the JVM allows attaching to itself ({@code -Djdk.attach.allowAttachSelf=true}): the agent is loaded
 *       now, from a jar holding only a manifest that names {@code AgentMain} (its classes are those on the test's
 *       class path already, so nothing is loaded twice). JDK 21+ prints a warning about it (JEP 451).</li>
 *   <li>Else the test's setup fails, saying what to add to the build.</li>
 * </ol>
 * Once loaded, the agent stays for the JVM's life: the next tests reuse it.
 *
 * <p>Threading: {@link #ensureLoaded()} is serialised; the test's thread.
 */
final class RuleAgent {
    static final String ALLOW_ATTACH_SELF = "jdk.attach.allowAttachSelf";
    private static final String AGENT_CLASS = "dev.leakinspector.agent.AgentMain";

    private RuleAgent() {
    }

    /**
     * @throws ExtensionConfigurationException saying exactly what to add to surefire's {@code argLine} when the agent
     *     is not in this JVM and cannot be loaded
     */
    static synchronized void ensureLoaded() {
        if (InProcessWatcher.rulesAvailable()) {
            return;
        }
        if (!Boolean.parseBoolean(System.getProperty(ALLOW_ATTACH_SELF))) {
            throw new ExtensionConfigurationException(notLoaded("this JVM was started without the agent and does not allow"
                    + " loading it (-D" + ALLOW_ATTACH_SELF + "=true is not set)"));
        }
        try {
            loadIntoThisJvm();
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new ExtensionConfigurationException(notLoaded("loading the agent into this JVM failed: " + e), e);
        }
        if (!InProcessWatcher.rulesAvailable()) {
            throw new ExtensionConfigurationException(notLoaded("the agent was loaded, but by the system class loader,"
                    + " which does not see the extension's copy of Leak Inspector (an isolated test class loader?)"));
        }
    }

    /** The message of a test whose rules cannot be installed: why, and what to add to the build. */
    static String notLoaded(String why) {
        return "Leak Inspector: watch rules (@LeakInspection(rules = ...) or -D" + LeakInspectionSettings.RULES_PROPERTY
                + ") need the Leak Inspector agent in the test JVM, but " + why + ". Add to the argLine of"
                + " maven-surefire-plugin (or the test task's jvmArgs): -javaagent:/path/to/leak-inspector-agent.jar"
                + " (the agent jar, built by Leak Inspector's ./mvnw package into target/; no options), or -D"
                + ALLOW_ATTACH_SELF + "=true to let the extension load it (JDK 21+ warns about that).";
    }

    private static void loadIntoThisJvm() throws IOException {
        Path directory = Files.createTempDirectory("leak-inspector-agent"); // the owner's only
        Path jar = directory.resolve("leak-inspector-agent-manifest.jar");
        try {
            try (OutputStream out = Files.newOutputStream(jar)) {
                new JarOutputStream(out, manifest()).close();
            }
            com.sun.tools.attach.VirtualMachine self =
                    com.sun.tools.attach.VirtualMachine.attach(Long.toString(ProcessHandle.current().pid()));
            try {
                self.loadAgent(jar.toString(), "");
            } catch (com.sun.tools.attach.AgentLoadException | com.sun.tools.attach.AgentInitializationException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                self.detach();
            }
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            // Loaded already: the class path entry the JVM added for it has nothing to find anyway.
            Files.deleteIfExists(jar);
            Files.deleteIfExists(directory);
        }
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Agent-Class", AGENT_CLASS);
        attributes.putValue("Can-Retransform-Classes", "true");
        attributes.putValue("Can-Redefine-Classes", "true");
        return manifest;
    }
}
