package dev.leakinspector.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakinspector.protocol.HeapDumpReady;
import dev.leakinspector.protocol.HeapDumpRequest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a live heap dump on request ({@code HotSpotDiagnosticMXBean.dumpHeap(path, true)}: a full
 * GC, then only reachable objects) and describes the outcome as a {@link HeapDumpReady}. The
 * watched objects are held only weakly, so no path in the dump runs through the agent.
 *
 * <p>Runs on the agent's own heap-dump thread, never on the link's reader; the whole target pauses
 * while it dumps. Never throws: every failure becomes the reply's error text.
 */
final class HeapDumper {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private HeapDumper() {
    }

    static HeapDumpReady dump(HeapDumpRequest request) {
        String problem = checkPath(request.path());
        if (problem != null) {
            return failed(request, problem);
        }
        Path path = Path.of(request.path());
        try {
            HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (diagnostics == null) {
                return failed(request, "this JVM cannot write heap dumps (no HotSpot diagnostics)");
            }
            diagnostics.dumpHeap(path.toString(), true);
            restrictToOwner(path);
            return new HeapDumpReady(request.requestId(), path.toString(), Files.size(path), "");
        } catch (IOException e) {
            // The JVM's own words, e.g. "No space left on device" or "File exists".
            return failed(request, "could not write the heap dump: " + e.getMessage());
        } catch (UnsupportedOperationException | SecurityException | LinkageError e) {
            return failed(request, "this JVM cannot write heap dumps: " + e);
        } catch (RuntimeException e) {
            return failed(request, "the heap dump failed: " + e);
        }
    }

    /** Our process names a new .hprof file in a directory of its own; anything else is refused. */
    private static String checkPath(String text) {
        if (text.isEmpty()) {
            return "no path for the heap dump";
        }
        Path path = Path.of(text);
        if (!path.isAbsolute() || !text.endsWith(".hprof")) {
            return "the heap dump path must be an absolute path ending in .hprof: " + text;
        }
        if (Files.exists(path)) {
            return "a file is already there: " + text;
        }
        Path directory = path.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return "no such directory for the heap dump: " + directory;
        }
        return null;
    }

    /** Dumps hold everything the program had in memory: readable by the user only. */
    private static void restrictToOwner(Path path) {
        try {
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system: the directory our process made is private already.
        }
    }

    private static HeapDumpReady failed(HeapDumpRequest request, String error) {
        return new HeapDumpReady(request.requestId(), request.path(), 0, error);
    }
}
