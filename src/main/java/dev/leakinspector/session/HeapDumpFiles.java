package dev.leakinspector.session;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory only the user can read, for the heap dumps our process asks agents to write (a
 * dump holds everything the target had in memory: passwords, tokens, customer data). Created
 * on first use, one per dump session; {@link #delete()} removes it and what is in it. Not
 * thread-safe: one owner.
 */
public final class HeapDumpFiles implements AutoCloseable {
    private final Path directory;
    private int next = 1;

    private HeapDumpFiles(Path directory) {
        this.directory = directory;
    }

    /** A new private directory under the system's temporary directory. */
    public static HeapDumpFiles createPrivate() throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path directory = posix
                ? Files.createTempDirectory("leak-inspector-dumps-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory("leak-inspector-dumps-");
        return new HeapDumpFiles(directory);
    }

    public Path directory() {
        return directory;
    }

    /** A path for the next dump of process {@code pid}; the file does not exist yet. */
    public Path newDumpPath(long pid) {
        return directory.resolve("leak-inspector-" + pid + "-" + next++ + ".hprof");
    }

    /** Removes the directory and every dump in it. */
    public void delete() throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(directory)) {
            for (Path entry : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        }
    }

    @Override
    public void close() throws IOException {
        delete();
    }
}
