package dev.leakinspector.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The two ids of {@code /proc/N/status} the Attach API relies on: the effective uid (who owns the JVM's attach
 * socket) and the pid in the innermost PID namespace (the one a containerised JVM names its files by). Immutable.
 */
record ProcessIds(int effectiveUid, long namespacePid) {

    /** The ids of process {@code pid}; empty without procfs or permission to read it. */
    static Optional<ProcessIds> read(long pid) {
        try {
            return parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses the {@code Uid:} line (real, effective, saved, filesystem) and the {@code NSpid:} line (the pid in
     * each nested PID namespace, innermost last; absent on old kernels, which means no namespaces).
     */
    static Optional<ProcessIds> parse(List<String> lines) {
        Integer effectiveUid = null;
        Long namespacePid = null;
        Long pid = null;
        for (String line : lines) {
            String[] fields = line.split("\\s+");
            if (fields[0].equals("Uid:") && fields.length > 2) {
                effectiveUid = Integer.valueOf(fields[2]);
            } else if (fields[0].equals("NSpid:") && fields.length > 1) {
                namespacePid = Long.valueOf(fields[fields.length - 1]);
            } else if (fields[0].equals("Pid:") && fields.length > 1) {
                pid = Long.valueOf(fields[1]);
            }
        }
        Long inner = namespacePid != null ? namespacePid : pid;
        return effectiveUid == null || inner == null
                ? Optional.empty() : Optional.of(new ProcessIds(effectiveUid, inner));
    }
}
