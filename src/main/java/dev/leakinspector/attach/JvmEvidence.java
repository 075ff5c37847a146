package dev.leakinspector.attach;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What we can tell, without attaching, about whether a process is a HotSpot JVM. It matters because the Attach
 * API starts by sending the process SIGQUIT, which ends any program that does not handle it (ssh-agent,
 * gpg-agent, most daemons): we attach only on positive evidence, never on the absence of a counter-proof.
 *
 * <p>The best evidence is the process's memory map: libjvm is mapped or it is not. The map is hidden from us for
 * another user's process (unless we are root) and for a process of ours that made itself non-dumpable. Then only
 * files and names that anyone may read are left, and each alone can mislead: a JVM killed with SIGKILL leaves its
 * perf-data file and attach socket behind for the next process with its pid, and a name is just a name. Together
 * (a perf-data file or live attach socket owned by the process's user, and a {@code java} command) they are
 * taken as a JVM; anything less is {@link #UNCONFIRMED} and must not be signalled.
 *
 * <p>Linux {@code /proc}; elsewhere everything is {@link #UNCONFIRMED}. Stateless; any thread; file I/O.
 */
enum JvmEvidence {
    /** Its memory map is readable and holds libjvm: a JVM. */
    LIBJVM_MAPPED(true),
    /** Its memory map is readable and holds no libjvm: certainly not a JVM, whatever files carry its pid. */
    NOT_A_JVM(false),
    /**
     * Its memory map is hidden, but its user owns a perf-data file or a live attach socket for its pid, and its
     * command is {@code java}.
     */
    JVM_FILES_AND_JAVA_COMMAND(true),
    /** Its memory map is hidden and nothing else proves it is a JVM: attaching might kill it. */
    UNCONFIRMED(false);

    private final boolean jvm;

    JvmEvidence(boolean jvm) {
        this.jvm = jvm;
    }

    /** Whether this is enough to let the Attach API signal the process. */
    boolean isJvm() {
        return jvm;
    }

    static JvmEvidence of(long pid) {
        Optional<Boolean> libjvm = libjvmMapped(pid);
        if (libjvm.isPresent()) {
            return libjvm.get() ? LIBJVM_MAPPED : NOT_A_JVM;
        }
        Optional<ProcessIds> ids = ProcessIds.read(pid);
        if (ids.isEmpty()) {
            return UNCONFIRMED;
        }
        boolean jvmFiles = hasPerfDataFile(pid, ids.get().effectiveUid()) || hasLiveAttachSocket(pid, ids.get());
        return jvmFiles && runsJavaCommand(pid) ? JVM_FILES_AND_JAVA_COMMAND : UNCONFIRMED;
    }

    /** Whether the process has libjvm mapped; empty when its memory map is not ours to read. */
    private static Optional<Boolean> libjvmMapped(long pid) {
        try {
            String maps = Files.readString(Path.of("/proc", Long.toString(pid), "maps"), StandardCharsets.ISO_8859_1);
            return Optional.of(maps.contains("/libjvm."));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a perf-data file for the pid is owned by the process's effective user: only that user (or root)
     * can have made it. Owner and type come from the entry itself, so a link, or a file another user planted in
     * a {@code hsperfdata_} folder of theirs, does not count; nor does a file we may not read, unopened.
     */
    private static boolean hasPerfDataFile(long pid, int effectiveUid) {
        for (Path candidate : PerfDataFile.candidates(pid)) {
            try {
                TrustedPaths.Status status = TrustedPaths.Status.of(candidate);
                if (status.isRegularFile() && status.uid() == effectiveUid) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // Not there or not ours to see: the next candidate.
            }
        }
        return false;
    }

    /**
     * Whether something listens on the process's attach socket, which HotSpot gives to the JVM's effective user.
     * A dead socket (left by a killed JVM) refuses connections and counts for nothing.
     */
    private static boolean hasLiveAttachSocket(long pid, ProcessIds ids) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/proc", Long.toString(pid), "root", "tmp", ".java_pid" + ids.namespacePid()));
        if (ids.namespacePid() == pid) {
            // /proc/N/root is hidden with the memory map; in our own PID namespace, our /tmp is likely the same.
            candidates.add(Path.of("/tmp", ".java_pid" + pid));
        }
        for (Path socket : candidates) {
            try {
                TrustedPaths.Status status = TrustedPaths.Status.of(socket);
                if (status.isSocket() && status.uid() == ids.effectiveUid() && accepts(socket)) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // Not there or not ours to see: the next candidate.
            }
        }
        return false;
    }

    /** Whether connecting succeeds at once; HotSpot's listener takes a connection that sends nothing as a failed request. */
    private static boolean accepts(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Never wait: a listener whose backlog is full makes a blocking connect hang.
            channel.configureBlocking(false);
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the kernel's name for the process, or the program its command line starts, is {@code java}. */
    private static boolean runsJavaCommand(long pid) {
        return "java".equals(kernelName(pid).orElse("")) || "java".equals(programName(pid).orElse(""));
    }

    /**
     * The process's name as the kernel keeps it ({@code /proc/N/comm}: the executable's file name, at most 15
     * characters); readable for every process, dumpable or not.
     */
    static Optional<String> kernelName(long pid) {
        try {
            String comm = Files.readString(Path.of("/proc", Long.toString(pid), "comm"), StandardCharsets.ISO_8859_1);
            return Optional.of(comm.strip()).filter(name -> !name.isEmpty());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The file name of the first word of the process's command line; readable for every process. */
    private static Optional<String> programName(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            int end = 0;
            while (end < cmdline.length && cmdline[end] != 0) {
                end++;
            }
            String program = new String(cmdline, 0, end, StandardCharsets.ISO_8859_1);
            return Optional.of(program.substring(program.lastIndexOf('/') + 1)).filter(name -> !name.isEmpty());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
