package dev.leakinspector.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lists the Java virtual machines on this machine without attaching to any of them: discovery through the
 * Attach API, details from each JVM's perf-data file. Stateless; any thread, but it reads files, so not on
 * the JavaFX application thread.
 */
public final class LocalJvms {

    private LocalJvms() {
    }

    /** All JVMs the Attach API can see, sorted by pid; our own process is included. */
    public static List<LocalJvm> list() {
        List<LocalJvm> result = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            long pid;
            try {
                pid = Long.parseLong(descriptor.id());
            } catch (NumberFormatException e) {
                continue; // not a local process id (another attach provider)
            }
            result.add(describe(pid, descriptor.displayName()));
        }
        result.sort(Comparator.comparingLong(LocalJvm::pid));
        return List.copyOf(result);
    }

    /** The JVM with this pid, if the Attach API lists it. */
    public static Optional<LocalJvm> find(long pid) {
        return list().stream().filter(jvm -> jvm.pid() == pid).findFirst();
    }

    static LocalJvm describe(long pid, String descriptorName) {
        PerfDataFile perf = PerfDataFile.forPid(pid);
        String command = perf.string("sun.rt.javaCommand").orElse(descriptorName == null ? "" : descriptorName);
        String version = perf.string("java.property.java.version").orElse("");
        // HotSpot's own attachability test: the first capability flag is "supports attach". Without perf data
        // we cannot tell, and attaching is how to find out.
        boolean attachable = perf.string("sun.rt.jvmCapabilities").map(c -> c.startsWith("1")).orElse(true);
        if (pid == ProcessHandle.current().pid()) {
            attachable &= Boolean.getBoolean("jdk.attach.allowAttachSelf");
        }
        return new LocalJvm(pid, displayName(command, pid), version, attachable);
    }

    /** The main class or jar from a {@code sun.rt.javaCommand} line; "pid N" if there is none. */
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
