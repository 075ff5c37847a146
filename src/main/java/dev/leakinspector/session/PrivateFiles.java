package dev.leakinspector.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Folders and files only their user can read, for saved sessions (class names, window titles and view stacks of
 * someone's program): folders 0700, files 0600 on POSIX file systems; elsewhere the platform's defaults for the
 * user's own data folder. Nothing here follows a symbolic link at a component it creates or checks, so another
 * local user cannot redirect our writes by planting a link. Stateless; any thread.
 */
final class PrivateFiles {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Makes {@code directory} exist as a private folder of the current user: missing components are created 0700
     * one by one ({@code mkdir} never follows a link where it creates); the folder itself must be a real folder
     * (not a link) owned by the user, and is narrowed to 0700 if it was wider (as older versions left it).
     *
     * @throws IOException with a one-line reason when the folder is a link, not a folder, or someone else's
     */
    static void ensureDirectory(Path directory) throws IOException {
        Path folder = directory.toAbsolutePath().normalize();
        if (!isPosix()) {
            Files.createDirectories(folder);
            return;
        }
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = folder; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.push(p);
        }
        FileAttribute<Set<PosixFilePermission>> privateFolder = PosixFilePermissions.asFileAttribute(FOLDER);
        while (!missing.isEmpty()) {
            try {
                Files.createDirectory(missing.pop(), privateFolder);
            } catch (FileAlreadyExistsException raced) {
                // Created meanwhile (by us in another window, or by someone else): the checks below decide.
            }
        }
        PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw new IOException(folder + " is a symbolic link; sessions are only saved in a real folder");
        }
        if (!attributes.isDirectory()) {
            throw new IOException(folder + " is not a folder");
        }
        UserPrincipal me = currentUser(folder);
        if (me != null && !attributes.owner().equals(me)) {
            throw new IOException(folder + " belongs to " + attributes.owner().getName() + ", not to "
                    + me.getName() + "; sessions are only saved in a folder of your own");
        }
        if (!attributes.permissions().equals(FOLDER)) {
            // Also undoes what the umask took away from a folder we just created (it can only take, never add).
            Files.setPosixFilePermissions(folder, FOLDER);
        }
    }

    /**
     * Creates {@code file}, which must not exist yet (no link is followed: an existing link fails like any existing
     * file), readable and writable only by the user, and opens it for writing.
     *
     * @throws FileAlreadyExistsException if something by that name exists
     */
    static OutputStream createFile(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (!isPosix()) {
            return Channels.newOutputStream(Files.newByteChannel(file, options));
        }
        return Channels.newOutputStream(Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(FILE)));
    }

    private static boolean isPosix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** The user this process runs as, or null when the system cannot name it (then ownership is not checked). */
    private static UserPrincipal currentUser(Path onFileSystemOf) {
        try {
            return onFileSystemOf.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException unknown) {
            return null;
        }
    }
}
