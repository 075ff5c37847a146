package dev.leakinspector.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tells whether another local user could change what a path names: a path is trusted when every directory on
 * its real path belongs to root or to us and no one else may write it (a sticky directory such as {@code /tmp}
 * excepted: others may add their own entries there, but may not rename or remove ours). Nothing here follows a
 * symbolic link that the check has not already vouched for: attributes are read with {@code NOFOLLOW_LINKS}.
 *
 * <p>Linux and other POSIX systems with the {@code unix} file attribute view. Stateless; any thread; file I/O.
 */
final class TrustedPaths {

    private static final int TYPE_MASK = 0170000;
    private static final int SOCKET = 0140000;
    private static final int SYMBOLIC_LINK = 0120000;
    private static final int REGULAR_FILE = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int STICKY = 01000;
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int OTHERS_EXECUTE = 0001;
    private static final int OTHERS_READ = 0004;

    private TrustedPaths() {
    }

    /** The effective uid of this process (the owner of {@code /proc/self}, else of a file we create). */
    static int currentUid() throws IOException {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException noProcfs) {
            Path probe = Files.createTempFile("leak-inspector-uid", ".tmp");
            try {
                return (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            } finally {
                Files.deleteIfExists(probe);
            }
        }
    }

    /**
     * The real path of {@code directory}, after checking that every directory on it, itself included, belongs to
     * root or to {@code uid} and cannot be written by anyone else unless it is sticky (as {@code /tmp} is).
     *
     * @throws UntrustedPathException naming the first directory that fails and why
     */
    static Path trustedDirectory(Path directory, int uid) throws IOException {
        checkLinksOnTheWay(directory.toAbsolutePath(), uid);
        Path real = directory.toRealPath();
        Path current = real.getRoot();
        checkAncestor(current, uid);
        for (Path name : real) {
            current = current.resolve(name);
            checkAncestor(current, uid);
        }
        return real;
    }

    /**
     * Refuses a path that passes through a link of another user: they could point it elsewhere at any time. The
     * path then used is the real one, but even resolving such a link once would let them choose where we go.
     */
    private static void checkLinksOnTheWay(Path absolute, int uid) throws IOException {
        Path current = absolute.getRoot();
        for (Path name : absolute) {
            current = current.resolve(name);
            Status status = Status.of(current);
            if (status.isSymbolicLink() && status.uid() != uid && status.uid() != 0) {
                throw new UntrustedPathException(current + " is a symbolic link of " + userName(status.uid()));
            }
        }
    }

    /** Checks a directory we write into: a real folder (not a link), ours, writable by no one else. */
    static void checkOwnDirectory(Path directory, int uid) throws IOException {
        Status status = Status.of(directory);
        if (!status.isDirectory()) {
            throw new UntrustedPathException(directory + " is " + status.kind() + ", not a folder");
        }
        if (status.uid() != uid) {
            throw new UntrustedPathException(directory + " belongs to " + userName(status.uid()));
        }
        if ((status.mode() & GROUP_OR_OTHERS_WRITE) != 0) {
            throw new UntrustedPathException(directory + " can be written by other users");
        }
    }

    private static void checkAncestor(Path directory, int uid) throws IOException {
        Status status = Status.of(directory);
        if (!status.isDirectory()) {
            // toRealPath resolved every link, so a link here was put in since: someone is racing us.
            throw new UntrustedPathException(directory + " is " + status.kind() + ", not a folder");
        }
        if (status.uid() != uid && status.uid() != 0) {
            throw new UntrustedPathException(directory + " belongs to " + userName(status.uid()));
        }
        if ((status.mode() & GROUP_OR_OTHERS_WRITE) != 0 && (status.mode() & STICKY) == 0) {
            throw new UntrustedPathException(directory + " can be written by other users");
        }
    }

    /**
     * Checks that a file in a trusted directory is a regular file of ours that no one else may write: a link,
     * another user's file or a group-writable one is refused.
     */
    static void checkOwnFile(Path file, int uid) throws IOException {
        Status status = Status.of(file);
        if (!status.isRegularFile()) {
            throw new UntrustedPathException(file + " is " + status.kind() + ", not a plain file");
        }
        if (status.uid() != uid) {
            throw new UntrustedPathException(file + " belongs to " + userName(status.uid()));
        }
        if ((status.mode() & GROUP_OR_OTHERS_WRITE) != 0) {
            throw new UntrustedPathException(file + " can be written by other users");
        }
    }

    /**
     * Checks that any user can open {@code file} by its path: every directory above it may be passed through by
     * others and the file read by others. A process of another user opens the agent jar itself.
     */
    static void checkOpenableByEveryone(Path file) throws IOException {
        Path current = file.getRoot();
        for (Path name : file) {
            current = current.resolve(name);
            Status status = Status.of(current);
            boolean last = current.equals(file);
            if (!last && (status.mode() & OTHERS_EXECUTE) == 0) {
                throw new UntrustedPathException(current + " is closed to other users");
            }
            if (last && (status.mode() & OTHERS_READ) == 0) {
                throw new UntrustedPathException(current + " cannot be read by other users");
            }
        }
    }

    private static String userName(int uid) {
        // The JDK has no getpwuid; /etc/passwd covers the local users that matter here.
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":", 4);
                if (fields.length > 2 && fields[2].equals(Integer.toString(uid))) {
                    return "user " + fields[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // Fall through to the number.
        }
        return "uid " + uid;
    }

    /** A path's type, owner and permission bits as {@code lstat} sees them: a link is a link, never its target. */
    record Status(int uid, int mode) {

        /** @throws java.nio.file.NoSuchFileException if nothing is there */
        static Status of(Path path) throws IOException {
            Map<String, Object> attributes = Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            return new Status((Integer) attributes.get("uid"), (Integer) attributes.get("mode"));
        }

        boolean isDirectory() {
            return (mode & TYPE_MASK) == DIRECTORY;
        }

        boolean isRegularFile() {
            return (mode & TYPE_MASK) == REGULAR_FILE;
        }

        boolean isSymbolicLink() {
            return (mode & TYPE_MASK) == SYMBOLIC_LINK;
        }

        boolean isSocket() {
            return (mode & TYPE_MASK) == SOCKET;
        }

        String kind() {
            return switch (mode & TYPE_MASK) {
                case DIRECTORY -> "a folder";
                case REGULAR_FILE -> "a file";
                case SYMBOLIC_LINK -> "a symbolic link";
                case SOCKET -> "a socket";
                default -> "a special file";
            };
        }
    }

    /** A path another user could change, with a one-line reason naming it. */
    static final class UntrustedPathException extends IOException {
        private static final long serialVersionUID = 1L;

        UntrustedPathException(String message) {
            super(message);
        }
    }
}
