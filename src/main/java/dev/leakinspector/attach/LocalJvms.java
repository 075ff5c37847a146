package dev.leakinspector.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lists the Java virtual machines on this machine without attaching to any of them: discovery through the
 * Attach API and the perf-data directories, details from each JVM's perf-data file. Stateless; any thread, but it reads files, so not on
 * the JavaFX application thread.
 */
public final class LocalJvms {

    private LocalJvms() {
    }

    /**
     * All JVMs the Attach API can see, plus those it hides because they refuse attach, sorted by pid; our own
     * process is included.
     */
    public static List<LocalJvm> list() {
        Set<Long> pids = new TreeSet<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            try {
                pids.add(Long.parseLong(descriptor.id()));
            } catch (NumberFormatException e) {
                // Not a local process id (another attach provider): nothing we can attach by pid.
            }
        }
        // VirtualMachine.list() leaves out JVMs started with -XX:+DisableAttachMechanism. Listing them, marked
        // not attachable, tells the user why their program cannot be picked instead of hiding it.
        for (long pid : perfDataPids()) {
            pids.add(pid);
        }
        List<LocalJvm> result = new ArrayList<>();
        Optional<Integer> ourUid = ourUid();
        pids.forEach(pid -> {
            // A killed JVM's perf-data file stays, and its pid may be reused by a program that is no JVM at all.
            JvmEvidence evidence = JvmEvidence.of(pid);
            // Another user's JVM may be unconfirmed only because its memory map is hidden from us: listed, so
            // that attaching can say whose it is. One of ours is unconfirmed only if it hides itself: not a JVM.
            boolean othersUnconfirmed = evidence == JvmEvidence.UNCONFIRMED
                    && !ourUid.equals(ProcessIds.read(pid).map(ProcessIds::effectiveUid));
            if (evidence.isJvm() || othersUnconfirmed) {
                result.add(describe(pid));
            }
        });
        return List.copyOf(result);
    }

    private static Optional<Integer> ourUid() {
        try {
            return Optional.of(TrustedPaths.currentUid());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Pids of live processes with a perf-data file in our temporary directory (stale files of crashed JVMs stay). */
    private static List<Long> perfDataPids() {
        List<Long> pids = new ArrayList<>();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "hsperfdata_*")) {
            for (Path dir : dirs) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        parsePid(file.getFileName().toString())
                                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                                .filter(pid -> ownedByItsUser(file, pid))
                                .ifPresent(pids::add);
                    }
                } catch (IOException | RuntimeException e) {
                    // Another user's directory we may not read: the Attach API cannot see into it either.
                }
            }
        } catch (IOException | RuntimeException e) {
            // No temporary directory to scan: VirtualMachine.list() is all we have.
        }
        return pids;
    }

    /**
     * Whether the file belongs to the process's effective user. Anyone may make a hsperfdata_ folder and name files
     * in it after other users' pids; only a JVM's own user (or root) can make one that user owns.
     */
    private static boolean ownedByItsUser(Path file, long pid) {
        try {
            Optional<Integer> owner = ProcessIds.read(pid).map(ProcessIds::effectiveUid);
            return owner.isEmpty() || owner.get() == TrustedPaths.Status.of(file).uid();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Optional<Long> parsePid(String fileName) {
        try {
            return Optional.of(Long.parseLong(fileName)).filter(pid -> pid > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The JVM with this pid, if the Attach API lists it. */
    public static Optional<LocalJvm> find(long pid) {
        return list().stream().filter(jvm -> jvm.pid() == pid).findFirst();
    }

    static LocalJvm describe(long pid) {
        PerfDataFile perf = PerfDataFile.forPid(pid);
        // Not the descriptor's name: the Attach API takes it from any hsperfdata_ folder's file with the pid, even
        // one another user planted there; forPid reads only a file of the JVM's own user.
        String command = perf.string("sun.rt.javaCommand").orElse("");
        String version = perf.string("java.property.java.version").orElse("");
        // HotSpot's own attachability test: the first capability flag is "supports attach". Without perf data
        // we cannot tell, and attaching is how to find out.
        boolean attachable = perf.string("sun.rt.jvmCapabilities").map(c -> c.startsWith("1")).orElse(true);
        if (pid == ProcessHandle.current().pid()) {
            attachable &= Boolean.getBoolean("jdk.attach.allowAttachSelf");
        }
        return new LocalJvm(pid, displayName(command, pid), version, attachable, toolkitHint(pid, perf), arguments(command));
    }

    /**
     * "JavaFX" when the class path or module path names JavaFX jars, or a jar on the class path bundles JavaFX (a fat
     * jar run with {@code java -jar}); else "". Reading the jars needs the process's working directory for relative
     * paths, which only its user (or root) may see.
     */
    static String toolkitHint(long pid, PerfDataFile perf) {
        String classPath = perf.string("java.property.java.class.path").orElse("");
        String paths = classPath + File.pathSeparator + perf.string("java.property.jdk.module.path").orElse("");
        if (paths.toLowerCase(Locale.ROOT).contains("javafx")
                || BundledJavaFx.in(classPath, Path.of("/proc", Long.toString(pid), "cwd"))) {
            return "JavaFX";
        }
        return "";
    }

    /** The main class or jar from a {@code sun.rt.javaCommand} line; "pid N" if there is none. */
    /** What follows the main class or jar in a {@code sun.rt.javaCommand} line; "" if nothing does. */
    static String arguments(String javaCommand) {
        String[] parts = (javaCommand == null ? "" : javaCommand.strip()).split("\\s+", 2);
        return parts.length < 2 ? "" : parts[1].strip();
    }

    static String displayName(String javaCommand, long pid) {
        String trimmed = javaCommand == null ? "" : javaCommand.trim();
        if (trimmed.isEmpty()) {
            return "pid " + pid;
        }
        String first = trimmed.split("\\s+", 2)[0];
        // A jar is shown by its file name: the directory says little in a list of programs.
        return first.endsWith(".jar") ? first.substring(first.lastIndexOf('/') + 1) : first;
    }
}
