package dev.leakinspector.attach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Finds the agent jar to load into a target: a file the target JVM can open by path. Stateless; any thread
 * (several processes may extract the jar at once: the copy is written aside and moved into place atomically).
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
     * The agent jar: {@code -Dleakinspector.agentJar} if set, else the copy embedded in our jar extracted to
     * the temporary directory, else {@code target/leak-inspector-agent.jar} of a development checkout.
     *
     * @throws IOException if there is none, or it cannot be extracted
     */
    public static Path locate() throws IOException {
        return locate(System.getProperty(PROPERTY), AgentJar.class.getClassLoader(),
                Path.of(System.getProperty("java.io.tmpdir")), Path.of("").toAbsolutePath());
    }

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
            return extract(embedded, tmpDir);
        }
        Path built = workDir.resolve("target").resolve(FILE_NAME);
        if (Files.isRegularFile(built)) {
            return built.toAbsolutePath();
        }
        throw new IOException("agent jar not found: build with ./mvnw package");
    }

    private static byte[] readResource(ClassLoader loader) throws IOException {
        if (loader == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /**
     * Writes the jar to {@code <tmp>/leak-inspector-<sha256 prefix>/} once. The directory is named by content,
     * so a different build never reuses a stale jar, and an existing file with the same bytes is kept: a
     * running target may have it open, and replacing it under that target would corrupt its class loading.
     */
    static Path extract(byte[] jar, Path tmpDir) throws IOException {
        String hash = sha256(jar).substring(0, 16);
        Path dir = Files.createDirectories(tmpDir.resolve("leak-inspector-" + hash));
        if (!ownedByUs(dir)) {
            // The temporary directory is shared: a directory someone else made could have its jar swapped
            // after our check, and we would load their code into the target. Use a private one instead.
            dir = Files.createTempDirectory(tmpDir, "leak-inspector-" + hash + "-");
        }
        Path target = dir.resolve(FILE_NAME);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), jar)) {
            return target;
        }
        Path partial = Files.createTempFile(dir, FILE_NAME, ".part");
        try {
            Files.write(partial, jar);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileAlreadyExistsException e) {
                // Another process won the race with the same bytes (same hash): theirs is as good as ours.
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    private static boolean ownedByUs(Path dir) {
        try {
            return Files.getOwner(dir).getName().equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
