package dev.leakinspector.attach;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds and removes a dead HotSpot attach socket ({@code /tmp/.java_pidN}) that would make attaching to process N
 * fail with "Connection refused".
 *
 * <p>HotSpot's attach listener creates that socket, owned by the JVM's effective user, the first time it is asked
 * to attach, and removes it when the JVM exits normally. A JVM that is killed ({@code SIGKILL}, a crash) leaves it
 * behind. When the PID is later reused by another JVM, that JVM removes the leftover at start-up, unless it runs as
 * another user who may not delete it from the sticky {@code /tmp} (a root-owned leftover and a JVM of
 * {@code nobody}, say). The Attach API then finds the dead socket, skips signalling the JVM, and connects to nothing.
 *
 * <p>A socket at that path is dead when it is not owned by the process's effective user (HotSpot always gives it
 * to that user) or when connecting to it is refused (nobody listens). Linux only; elsewhere, and where
 * {@code /proc} does not let us look, it does nothing. Stateless; any thread; it does file and socket I/O.
 */
final class StaleAttachSocket {

    private StaleAttachSocket() {
    }

    /**
     * Removes the dead attach socket of {@code pid} if there is one.
     *
     * @return the path removed, if one was
     * @throws AttachFailure if there is a dead socket we may not remove
     */
    static Optional<Path> removeIfDead(long pid) throws AttachFailure {
        Path proc = Path.of("/proc", Long.toString(pid));
        Optional<ProcessIds> ids = ProcessIds.read(pid);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        // The Attach API looks in the target's own /tmp, through its root: the same /tmp unless it is in a container.
        Path socket = proc.resolve("root/tmp/.java_pid" + ids.get().namespacePid());
        if (!isRealFolder(proc.resolve("root/tmp"))) {
            // A link there is resolved against our root, not the target's: what we would remove is not its socket.
            return Optional.empty();
        }
        Optional<Integer> owner = ownerOf(socket);
        if (owner.isEmpty() || (owner.get() == ids.get().effectiveUid() && !refusesConnections(socket))) {
            return Optional.empty();
        }
        try {
            Files.deleteIfExists(socket);
            return Optional.of(socket);
        } catch (IOException e) {
            String shown = "/tmp/.java_pid" + ids.get().namespacePid();
            throw new AttachFailure(AttachFailure.Reason.ATTACH_REFUSED, pid, "process " + pid
                    + " cannot be attached: " + shown + " is a dead attach socket left by an earlier process with"
                    + " the same pid, and this user may not remove it; remove it as its owner or root and"
                    + " try again", e);
        }
    }

    private static boolean isRealFolder(Path folder) {
        try {
            return TrustedPaths.Status.of(folder).isDirectory();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<Integer> ownerOf(Path socket) {
        try {
            if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of((Integer) Files.getAttribute(socket, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | RuntimeException e) {
            // Not ours to look at (another user's container root), or not Linux: leave it to the Attach API.
            return Optional.empty();
        }
    }

    /**
     * Whether nothing listens on the socket. A live attach listener accepts the connection, reads nothing and
     * closes it again, which it takes as an ordinary failed request.
     */
    private static boolean refusesConnections(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Never wait: a listener whose backlog is full makes a blocking connect hang.
            channel.configureBlocking(false);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            // A full backlog, permission denied and the like: it may be alive; the Attach API will say what is wrong.
            return false;
        }
    }
}
