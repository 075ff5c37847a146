package dev.leakinspector.attach;

import com.sun.tools.attach.VirtualMachine;
import dev.leakinspector.testing.TargetProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Starts real processes for integration tests and destroys all of them in {@link #destroyAll()}. Used from the
 * test thread only.
 */
final class SpawnedProcesses {

    static final Path JAVA_17 = Path.of(System.getProperty("java.home"), "bin", "java");
    static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private final List<Process> started = new ArrayList<>();
    private final List<Path> deadSockets = new ArrayList<>();
    private final Path logDir;

    SpawnedProcesses(Path logDir) {
        this.logDir = logDir;
    }

    /** Starts {@link AttachTarget} on {@code java} and returns once it printed "ready". */
    Process target(Path java, String... jvmOptions) throws IOException {
        return target(List.of(java.toString()), jvmOptions);
    }

    /** Like {@link #target(Path, String...)}, with a launcher such as {@code setpriv ... java}. */
    Process target(List<String> launcher, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(jvmOptions));
        return target(command, testClasses().toString(), null);
    }

    /** Starts {@link AttachTarget} with {@code classPath} (which must hold the test classes) in {@code directory}. */
    Process target(List<String> javaAndOptions, String classPath, Path directory) throws IOException {
        List<String> command = new ArrayList<>(javaAndOptions);
        command.addAll(List.of("-cp", classPath, AttachTarget.class.getName()));
        Path stderr = logDir.resolve("target-" + started.size() + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = start(builder);
        // Wait for the event itself, not for a guessed time: the JVM is up and its attach listener can start.
        BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = stdout.readLine();
        if (!"ready".equals(line)) {
            throw new IllegalStateException("target did not start: " + line + " / " + Files.readString(stderr));
        }
        return process;
    }

    /**
     * Starts {@code command} with SIGQUIT unblocked, as a program started from a shell has it. A child of a JVM
     * inherits the JVM's blocked SIGQUIT, so without this an attach signal could never kill it and a test that it
     * is left alone could not fail. Returns once {@code command} runs: the python3 wrapper marks its standard
     * output close-on-exec, so that output ends exactly when the wrapper has become {@code command}.
     */
    Process startWithSigquitUnblocked(String... command) throws IOException {
        List<String> wrapped = new ArrayList<>(List.of("python3", "-c", "import os, signal, sys;"
                + " signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGQUIT});"
                + " os.set_inheritable(1, False); os.execvp(sys.argv[1], sys.argv[1:])"));
        wrapped.addAll(List.of(command));
        Process process = start(new ProcessBuilder(wrapped).redirectError(ProcessBuilder.Redirect.INHERIT));
        process.getInputStream().readAllBytes();
        if (!process.isAlive()) {
            throw new IllegalStateException("python3 could not start " + List.of(command));
        }
        return process;
    }

    Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Ends every process started here (see {@link TargetProcess#endPolitely}) and the dead sockets made here. */
    void destroyAll() throws InterruptedException, IOException {
        for (Process process : started) {
            TargetProcess.endPolitely(process.toHandle());
        }
        started.clear();
        for (Path socket : deadSockets) {
            Files.deleteIfExists(socket);
        }
        deadSockets.clear();
    }

    /**
     * Makes what a killed JVM of this user leaves behind: a socket file at {@code /tmp/.java_pid<pid>} that nobody
     * listens on. Call it before anything attached to {@code pid}, whose own listener would be there otherwise.
     */
    Path leaveDeadAttachSocket(long pid) throws IOException {
        Path socket = Path.of("/tmp/.java_pid" + pid);
        Files.deleteIfExists(socket); // an older leftover of the same kind
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        // Closing a channel does not remove its file: that is exactly the leftover.
        if (!Files.exists(socket)) {
            throw new IllegalStateException("closing the socket removed " + socket);
        }
        deadSockets.add(socket);
        return socket;
    }

    /** A jar whose {@code Agent-Class} is {@link TestAgent}, built from our test classes. */
    static Path testAgentJar(Path dir) throws IOException {
        return agentJar(dir.resolve("test-agent.jar"), TestAgent.class);
    }

    /** Writes {@code jar}: an agent jar holding just {@code agentClass} from our test classes. */
    static Path agentJar(Path jar, Class<?> agentClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", agentClass.getName());
        String entry = agentClass.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(testClasses().resolve(entry)));
            out.closeEntry();
        }
        return jar;
    }

    /** A system property of the JVM {@code pid}, read through the Attach API; null if it is not set. */
    static String systemProperty(long pid, String name) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return vm.getSystemProperties().getProperty(name);
        } finally {
            vm.detach();
        }
    }

    static Path testClasses() {
        return codeSource(AttachTarget.class);
    }

    /** The directory or jar {@code type} was loaded from. */
    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
