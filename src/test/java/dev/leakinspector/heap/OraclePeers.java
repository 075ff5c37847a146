package dev.leakinspector.heap;

import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisFailure;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HprofHeapGraph;
import shark.IgnoredReferenceMatcher;
import shark.Leak;
import shark.LeakTrace;
import shark.MetadataExtractor;
import shark.OnAnalysisProgressListener;
import shark.ReferenceMatcher;
import shark.ReferencePattern;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the two peer heap libraries on a dump: Shark 2.14 (LeakCanary) and the NetBeans profiler heap library.
 * Used by the oracle tests and the benchmark. Test scope only. Not thread-safe.
 */
final class OraclePeers {
    private OraclePeers() {
    }

    /** Shark's answer for one leaking object: references on the path and retained bytes (null if not computed). */
    record SharkAnswer(int pathLength, Integer retainedBytes, String trace) { }

    /** References Shark must not follow on a JVM dump: the referents of java.lang.ref.Reference. */
    static List<ReferenceMatcher> jdkReferenceMatchers() {
        List<ReferenceMatcher> list = new ArrayList<>();
        list.add(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "referent")));
        return list;
    }

    /** Shark's shortest paths (and retained sizes if asked) for the objects with these ids, keyed by class name. */
    static Map<String, SharkAnswer> shark(Path dump, Set<Long> objectIds, boolean retained) throws IOException {
        File file = dump.toFile();
        Map<String, SharkAnswer> out = new HashMap<>();
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(file, null,
            shark.HprofIndex.Companion.defaultIndexedGcRootTags())) {
            HeapAnalysis analysis = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP()).analyze(
                file, graph, g -> objectIds, jdkReferenceMatchers(), retained, List.of(), MetadataExtractor.Companion.getNO_OP());
            if (analysis instanceof HeapAnalysisFailure) {
                throw new IOException("Shark failed: " + ((HeapAnalysisFailure) analysis).getException());
            }
            HeapAnalysisSuccess success = (HeapAnalysisSuccess) analysis;
            List<Leak> leaks = new ArrayList<>(success.getApplicationLeaks());
            leaks.addAll(success.getLibraryLeaks());
            for (Leak leak : leaks) {
                for (LeakTrace trace : leak.getLeakTraces()) {
                    out.put(trace.getLeakingObject().getClassName(), new SharkAnswer(trace.getReferencePath().size(), trace.getRetainedHeapByteSize(), trace.toString()));
                }
            }
        } catch (Exception e) {
            if (e instanceof IOException) {
                throw (IOException) e;
            }
            throw new IOException(e);
        }
        return out;
    }

    /** NetBeans: references from the nearest GC root to the object, or -1 if none. */
    static int netbeansPathLength(Heap heap, long objectId) {
        Instance i = heap.getInstanceByID(objectId);
        int length = 0;
        while (i != null && !i.isGCRoot()) {
            i = i.getNearestGCRootPointer();
            length++;
            if (length > 100_000) {
                return -1;
            }
        }
        return i == null ? -1 : length;
    }

    static Heap netbeans(Path dump) throws IOException {
        return HeapFactory.createHeap(dump.toFile());
    }
}
