package dev.leakinspector.session;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A directory only the user can read, for the heap dumps our process asks agents to write (a
 * dump holds everything the target had in memory: passwords, tokens, customer data). Created
 * on first use, one per dump session; {@link #delete()} removes it and what is in it.
 *
 * <p>Its name says which process owns it ({@code leak-inspector-dumps-<pid>-<random>} in the
 * temporary directory), so that dumps survive no way out of the tool: a signal handler removes
 * the folders of its own process ({@link #deleteAllOfThisProcess()}), and the next start of the
 * tool removes those of a process that died hard ({@link #removeAbandoned()}). A dump the user
 * keeps is moved to a folder of another name ({@link #keep(Path)}), which nothing removes.
 *
 * <p>An instance is not thread-safe (one owner); the static methods are safe on any thread, also
 * while an owner deletes its own folder.
 */
public final class HeapDumpFiles implements AutoCloseable {
    static final String PREFIX = "leak-inspector-dumps-";
    static final String KEPT_PREFIX = "leak-inspector-kept-dump-";
    /**
     * How far apart a process's start and a folder's last change may seem and still be the same moment: Linux
     * gives a process's start in clock ticks after a boot time counted in whole seconds.
     */
    private static final long START_TIME_SLACK_MILLIS = 2000;

    private Path directory;
    private int next = 1;

    private HeapDumpFiles(Path directory) {
        this.directory = directory;
    }

    /**
     * A new private directory under the system's temporary directory, named after this process. Removes the
     * abandoned folders of dead processes first (see {@link #removeAbandoned()}), for a tool that runs long and
     * was not started after the crash that left them.
     */
    public static HeapDumpFiles createPrivate() throws IOException {
        Path temp = temporaryDirectory();
        removeAbandoned(temp);
        String prefix = PREFIX + ProcessHandle.current().pid() + "-";
        Path directory = isPosix()
                ? Files.createTempDirectory(temp, prefix,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(temp, prefix);
        return new HeapDumpFiles(directory);
    }

    /** The private directory; null once the dump was {@link #keep kept} (it moved). */
    public Path directory() {
        return directory;
    }

    /** A path for the next dump of process {@code pid}; the file does not exist yet. */
    public Path newDumpPath(long pid) {
        return directory.resolve("leak-inspector-" + pid + "-" + next++ + ".hprof");
    }

    /**
     * Keeps {@code dump} (a file in this directory) for the user: moves the directory, still private, to a name
     * that no clean-up touches, and returns where the dump is now. {@link #delete()} does nothing afterwards.
     */
    public Path keep(Path dump) throws IOException {
        String name = directory.getFileName().toString();
        Path kept = directory.resolveSibling(KEPT_PREFIX + name.substring(PREFIX.length()));
        Files.move(directory, kept, StandardCopyOption.ATOMIC_MOVE);
        Path moved = kept.resolve(directory.relativize(dump));
        directory = null;
        return moved;
    }

    /** Removes the directory and every dump in it. */
    public void delete() throws IOException {
        if (directory != null) {
            deleteTree(directory);
        }
    }

    @Override
    public void close() throws IOException {
        delete();
    }

    /**
     * Removes every dump folder of this process, also those another thread is writing to or deleting: for a
     * process that is about to exit (a signal). A dump the target is still writing is then written into a
     * file that no longer has a name, and its space is freed when the target closes it.
     *
     * @return the folders removed
     */
    public static List<Path> deleteAllOfThisProcess() {
        return deleteFolders(temporaryDirectory(), ProcessHandle.current().pid(), false);
    }

    /**
     * Removes the dump folders that a process of this user left when it died without cleaning up (killed, a
     * crash, the machine went down). A folder is left alone when it is another user's, a link, or its process
     * may still run. Linux only (elsewhere it does nothing); any thread.
     *
     * @return the folders removed
     */
    public static List<Path> removeAbandoned() {
        return removeAbandoned(temporaryDirectory());
    }

    /** {@link #removeAbandoned()} in {@code temp} instead of the system's temporary directory. */
    public static List<Path> removeAbandoned(Path temp) {
        return deleteFolders(temp, -1, true);
    }

    /**
     * @param onlyPid  remove the folders of this pid only, or of any pid when -1
     * @param onlyDead leave the folders of processes that may be alive
     */
    private static List<Path> deleteFolders(Path temp, long onlyPid, boolean onlyDead) {
        OptionalLong me = effectiveUid();
        List<Path> removed = new ArrayList<>();
        if (me.isEmpty()) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path folder : entries) {
                OptionalLong pid = ownerPid(folder);
                if (pid.isEmpty() || (onlyPid != -1 && pid.getAsLong() != onlyPid)) {
                    continue;
                }
                try {
                    BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    // A link or a file with our name is someone else's doing: never follow it, never remove it.
                    if (!attributes.isDirectory() || ((Number) Files.getAttribute(folder, "unix:uid",
                            LinkOption.NOFOLLOW_LINKS)).longValue() != me.getAsLong()) {
                        continue;
                    }
                    if (onlyDead && mayBeAlive(pid.getAsLong(), attributes.lastModifiedTime().toInstant())) {
                        continue;
                    }
                    deleteTree(folder);
                    removed.add(folder);
                } catch (IOException | RuntimeException e) {
                    // Gone meanwhile, or not ours to look at: the next start tries again.
                }
            }
        } catch (IOException | RuntimeException e) {
            // No temporary directory to look in: nothing of ours is there.
        }
        return removed;
    }

    /** The pid in {@code leak-inspector-dumps-<pid>-<random>}, if the name has that shape. */
    static OptionalLong ownerPid(Path folder) {
        String name = folder.getFileName().toString();
        int end = name.indexOf('-', PREFIX.length());
        if (!name.startsWith(PREFIX) || end < 0) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(name.substring(PREFIX.length(), end));
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether the folder's owner may still run: a process has its pid and started before the folder last
     * changed. A process that started later got the pid of the dead owner; one whose start we cannot tell is
     * taken to be the owner.
     */
    private static boolean mayBeAlive(long pid, Instant folderChanged) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isEmpty() || !started.get().isAfter(folderChanged.plusMillis(START_TIME_SLACK_MILLIS));
    }

    /**
     * Deletes {@code root} and what is in it without following links (a link is removed, not what it points to).
     * Entries that vanish meanwhile (another thread deletes the same folder) are fine; a file that appears while
     * the folder is emptied (the target writing a dump) is deleted in another round.
     */
    private static void deleteTree(Path root) throws IOException {
        for (int round = 1; ; round++) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        if (e != null && !(e instanceof NoSuchFileException)) {
                            throw e;
                        }
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
                return;
            } catch (NoSuchFileException gone) {
                return;
            } catch (DirectoryNotEmptyException filledMeanwhile) {
                if (round == 3) {
                    throw filledMeanwhile;
                }
            }
        }
    }

    private static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** This process's effective user id, from {@code /proc/self/status}; empty where there is no such file. */
    private static OptionalLong effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(4).strip().split("\\s+")[1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        return OptionalLong.empty();
    }
}
