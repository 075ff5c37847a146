package dev.leakinspector.attach;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps the agent jar that target JVMs load where no other local user can change it: one copy per user and
 * version in the temporary directory, reused, with the copies of other versions removed.
 *
 * <p>A target JVM opens the jar by path, after we hand that path over, so the path must not be swappable in
 * between: the copy lives in {@code <real java.io.tmpdir>/leak-inspector-<our uid>/}, a folder we create
 * ourselves, never through a link, and check on every use (ours, a real folder, writable by us alone; every
 * folder above it root's or ours and writable by no one else unless sticky). The folder is {@code 0711} and the
 * copy {@code 0644}: a JVM of another user (root attaching to it) can open the jar by name, nobody can list the
 * folder, and nobody but us can write either. The jar holds nothing secret; what matters is that it cannot be
 * replaced. If another user has taken the folder's name first, a fresh private folder with a random suffix is
 * used instead (and reused next time).
 *
 * <p>Copies are named by a prefix of their SHA-256, so a new build never reuses an old jar, and an existing copy
 * is never rewritten in place: a running target may hold it open. {@link #verify} checks the whole chain and the
 * full hash again right before the target is told to load the file.
 *
 * <p>Several of our processes may use the store at once (each writes aside and renames atomically; a copy used
 * within {@link #UNUSED_FOR} is never removed). Thread-safe: no mutable state. File I/O: not on a UI thread.
 */
final class AgentJarStore {

    /** A copy of another version, or an abandoned folder, is removed once nobody has used it for this long. */
    static final Duration UNUSED_FOR = Duration.ofMinutes(10);
    /** Larger than any agent jar we build (about 10 MB): a guard against reading some huge file by mistake. */
    static final long MAX_JAR_BYTES = 256L * 1024 * 1024;

    static final String JAR_PREFIX = "leak-inspector-agent-";
    private static final String FOLDER_PREFIX = "leak-inspector-";
    /** What versions before this store left: {@code leak-inspector-<16 hex>[-<random>]/leak-inspector-agent.jar}. */
    private static final Pattern OLD_LAYOUT = Pattern.compile("leak-inspector-[0-9a-f]{16}(-\\d+)?");
    private static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx--x--x");
    private static final Set<PosixFilePermission> JAR_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path tmpDir;
    private final int uid;

    /**
     * @param tmpDir the temporary directory (it may be reached through links; its real path is what is checked)
     * @param uid    our effective uid: the only owner we accept for the folder and the copies
     */
    AgentJarStore(Path tmpDir, int uid) {
        this.tmpDir = tmpDir;
        this.uid = uid;
    }

    /** One stored copy: its path and the full SHA-256 of the bytes it must hold. Immutable. */
    record Copy(Path path, String sha256) {
    }

    /**
     * Stores {@code jar} (or finds it stored already), removes copies of other versions nobody used lately, and
     * returns the copy.
     *
     * @throws IOException with a one-line reason when the temporary directory is not safe or writing fails
     */
    Copy put(byte[] jar) throws IOException {
        String sha256 = sha256(jar);
        Path tmp = trustedTmp();
        Path folder = folder(tmp);
        Path file = folder.resolve(JAR_PREFIX + sha256.substring(0, 16) + ".jar");
        if (holds(file, sha256)) {
            // Marks it as in use, so that another version's store does not take it for abandoned.
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } else {
            write(folder, file, jar);
        }
        removeUnused(tmp, folder, file);
        return new Copy(file, sha256);
    }

    /**
     * Checks, right before a target opens it, that the copy is still exactly what {@link #put} stored, at a path
     * no one else can change.
     *
     * @throws IOException saying what changed
     */
    void verify(Copy copy) throws IOException {
        Path folder = copy.path().getParent();
        try {
            if (!TrustedPaths.trustedDirectory(folder.getParent(), uid).equals(folder.getParent())) {
                throw new TrustedPaths.UntrustedPathException(folder.getParent() + " now leads elsewhere");
            }
            TrustedPaths.checkOwnDirectory(folder, uid);
            TrustedPaths.checkOwnFile(copy.path(), uid);
        } catch (NoSuchFileException e) {
            throw new IOException("the agent jar copy " + copy.path() + " is gone (" + e.getMessage()
                    + " was removed); not loading it", e);
        } catch (TrustedPaths.UntrustedPathException e) {
            throw new IOException("the agent jar copy " + copy.path() + " is no longer safe to load: "
                    + e.getMessage() + "; not loading it", e);
        }
        if (!sha256(readWithoutFollowingLinks(copy.path())).equals(copy.sha256())) {
            throw new IOException("the agent jar copy " + copy.path()
                    + " changed after it was written (its SHA-256 differs); not loading it");
        }
    }

    private Path trustedTmp() throws IOException {
        try {
            return TrustedPaths.trustedDirectory(tmpDir, uid);
        } catch (TrustedPaths.UntrustedPathException e) {
            throw new IOException("the temporary folder " + tmpDir + " is not safe for the agent jar: " + e.getMessage()
                    + "; run with -Djava.io.tmpdir=<a folder that only you or root can write>", e);
        }
    }

    /** Our folder in {@code tmp}: the usual name if it is ours, else an earlier fallback of ours, else a new one. */
    private Path folder(Path tmp) throws IOException {
        Path usual = tmp.resolve(FOLDER_PREFIX + uid);
        try {
            // mkdir never follows a link and fails on any existing entry, so what it makes is ours.
            Files.createDirectory(usual, PosixFilePermissions.asFileAttribute(FOLDER_MODE));
        } catch (FileAlreadyExistsException e) {
            // Ours from an earlier run, or someone else's squatting the name: checked next.
        }
        if (isOurFolder(usual)) {
            setMode(usual, FOLDER_MODE);
            return usual;
        }
        try (DirectoryStream<Path> fallbacks = Files.newDirectoryStream(tmp, FOLDER_PREFIX + uid + "-*")) {
            for (Path fallback : fallbacks) {
                if (isOurFolder(fallback)) {
                    setMode(fallback, FOLDER_MODE);
                    return fallback;
                }
            }
        }
        // Another user made (or linked) our usual name. We cannot remove it from a sticky /tmp; not using it is enough.
        Path fresh = Files.createTempDirectory(tmp, FOLDER_PREFIX + uid + "-");
        setMode(fresh, FOLDER_MODE);
        return fresh;
    }

    private boolean isOurFolder(Path folder) {
        try {
            TrustedPaths.checkOwnDirectory(folder, uid);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code file} is our regular file with exactly the bytes of {@code sha256}. */
    private boolean holds(Path file, String sha256) throws IOException {
        try {
            TrustedPaths.checkOwnFile(file, uid);
            return sha256(readWithoutFollowingLinks(file)).equals(sha256);
        } catch (NoSuchFileException | TrustedPaths.UntrustedPathException e) {
            return false;
        }
    }

    private static void write(Path folder, Path file, byte[] jar) throws IOException {
        // Created 0600 under a random name in our own folder; readable by others only once complete and in place.
        Path partial = Files.createTempFile(folder, JAR_PREFIX, ".part");
        try {
            Files.write(partial, jar);
            setMode(partial, JAR_MODE);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Removes, if unused for {@link #UNUSED_FOR}: other versions' copies and half-written files in our folder, our
     * other folders (fallbacks) and folders of the layout before this store. Best effort: a file another of our
     * processes removed first, or cannot be removed, is left to the next start.
     */
    private void removeUnused(Path tmp, Path folder, Path current) {
        Instant cutoff = Instant.now().minus(UNUSED_FOR);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, JAR_PREFIX + "*")) {
            for (Path entry : entries) {
                if (!entry.equals(current) && unusedSince(entry, cutoff)) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Left for the next start.
        }
        String fallbackPrefix = FOLDER_PREFIX + uid + "-";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, FOLDER_PREFIX + "*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean ours = name.startsWith(fallbackPrefix) || OLD_LAYOUT.matcher(name).matches();
                if (ours && !entry.equals(folder) && isOurFolder(entry) && unusedSince(entry, cutoff)) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Left for the next start.
        }
    }

    private static boolean unusedSince(Path path, Instant cutoff) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return attributes.lastModifiedTime().toInstant().isBefore(cutoff);
    }

    /** Deletes a folder of ours and what is in it; links inside are removed, never followed. */
    private static void deleteTree(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            // Left for the next start.
        }
    }

    private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        // Through a descriptor opened with O_NOFOLLOW: chmod on a link would change its target.
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
    }

    /** The file's bytes, refusing a link and anything over {@link #MAX_JAR_BYTES}. */
    static byte[] readWithoutFollowingLinks(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             InputStream in = Channels.newInputStream(channel)) {
            if (channel.size() > MAX_JAR_BYTES) {
                throw new IOException(file + " is too large to be an agent jar (" + channel.size() + " bytes)");
            }
            return in.readNBytes((int) MAX_JAR_BYTES + 1);
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
