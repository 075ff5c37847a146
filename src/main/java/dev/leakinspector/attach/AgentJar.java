package dev.leakinspector.attach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the agent jar to load into a target. Stateless; any thread (file I/O: not on a UI thread).
 *
 * <p>Whatever path this returns, {@link AgentAttacher} loads a copy kept in an {@link AgentJarStore}, where no
 * other user can swap it, and checks its hash right before the target opens it.
 */
public final class AgentJar {

    /** System property naming the agent jar explicitly (set by the build for integration tests). */
    public static final String PROPERTY = "leakinspector.agentJar";
    /** Where the build embeds the agent jar inside the application jar. */
    static final String RESOURCE = "dev/leakinspector/attach/leak-inspector-agent.jar";
    static final String FILE_NAME = "leak-inspector-agent.jar";

    private AgentJar() {
    }

    /**
     * The agent jar: {@code -Dleakinspector.agentJar} if set, else the copy embedded in our jar, stored in the
     * temporary directory (see {@link AgentJarStore}), else {@code target/leak-inspector-agent.jar} of a
     * development checkout.
     *
     * @throws IOException if there is none, or it cannot be stored safely
     */
    public static Path locate() throws IOException {
        return locate(System.getProperty(PROPERTY), AgentJar.class.getClassLoader(),
                Path.of(System.getProperty("java.io.tmpdir")), Path.of("").toAbsolutePath());
    }

    /**
     * A copy of {@code agentJar}'s bytes kept where no other user can change it ({@link AgentJarStore}), checked
     * against their hash just now: the path to name in {@code -javaagent:} when starting a program, which opens it
     * moments later.
     *
     * @throws IOException with a one-line reason when the jar cannot be read or stored safely
     */
    public static Path verifiedCopy(Path agentJar) throws IOException {
        AgentJarStore store = new AgentJarStore(Path.of(System.getProperty("java.io.tmpdir")), TrustedPaths.currentUid());
        AgentJarStore.Copy copy = store.put(AgentJarStore.readWithoutFollowingLinks(agentJar.toRealPath()));
        store.verify(copy);
        return copy.path();
    }

    /** {@link #locate()} with the system property, class loader, temporary and working directory given. */
    static Path locate(String property, ClassLoader loader, Path tmpDir, Path workDir) throws IOException {
        if (property != null && !property.isBlank()) {
            Path explicit = Path.of(property).toAbsolutePath();
            if (!Files.isRegularFile(explicit)) {
                throw new IOException("agent jar " + explicit + " (from -D" + PROPERTY + ") does not exist");
            }
            return explicit;
        }
        byte[] embedded = readResource(loader);
        if (embedded != null) {
            return new AgentJarStore(tmpDir, TrustedPaths.currentUid()).put(embedded).path();
        }
        Path built = workDir.resolve("target").resolve(FILE_NAME);
        if (Files.isRegularFile(built)) {
            return checkedBuildOutput(built.toAbsolutePath());
        }
        throw new IOException("agent jar not found: build with ./mvnw package");
    }

    /**
     * The build output is found relative to the working directory, which may be anyone's (a shared /tmp): load it
     * only if no other user could have put it there.
     */
    private static Path checkedBuildOutput(Path built) throws IOException {
        int uid = TrustedPaths.currentUid();
        try {
            TrustedPaths.trustedDirectory(built.getParent(), uid);
            TrustedPaths.checkOwnFile(built, uid);
            return built;
        } catch (TrustedPaths.UntrustedPathException e) {
            throw new IOException("agent jar " + built + " is not safe to load: " + e.getMessage(), e);
        }
    }

    private static byte[] readResource(ClassLoader loader) throws IOException {
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        }
    }
}
