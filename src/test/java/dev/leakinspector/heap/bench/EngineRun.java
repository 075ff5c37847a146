package dev.leakinspector.heap.bench;

import dev.leakinspector.heap.CancelToken;
import dev.leakinspector.heap.HeapDump;
import dev.leakinspector.heap.HprofIndex;
import dev.leakinspector.heap.LeakAnalyzer;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.ObjectSelector;
import dev.leakinspector.heap.ProgressListener;
import org.netbeans.lib.profiler.heap.Heap;
import org.netbeans.lib.profiler.heap.HeapFactory;
import org.netbeans.lib.profiler.heap.Instance;
import org.netbeans.lib.profiler.heap.JavaClass;
import shark.CloseableHeapGraph;
import shark.HeapAnalysis;
import shark.HeapAnalysisFailure;
import shark.HeapAnalysisSuccess;
import shark.HeapAnalyzer;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.IgnoredReferenceMatcher;
import shark.Leak;
import shark.LeakTrace;
import shark.MetadataExtractor;
import shark.OnAnalysisProgressListener;
import shark.ReferencePattern;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One measured run of one engine on one dump, in its own JVM (so peak RSS is its own). Prints one line:
 * {@code RESULT engine=… pathsMs=… totalMs=… cpuMs=… heapPeakMb=… vmHwmMb=… leaks=… sumPathLength=… sumRetained=…}
 * (cpuMs: the process's CPU time, all threads and the JVM's own, which other load inflates less than wall time).
 * Usage: {@code EngineRun ours|shark|netbeans <file.hprof> paths|retained}. Called by {@link HeapBenchmark}.
 */
public final class EngineRun {
    /** Our index build (both passes), or -1 for the peers. */
    private static long indexMs = -1;

    private EngineRun() {
    }

    public static void main(String[] args) throws Exception {
        String engine = args[0];
        Path file = Path.of(args[1]);
        boolean retained = args[2].equals("retained");
        long t0 = System.nanoTime();
        long[] result; // pathsNanos, leaks, sumPathLength, sumRetained
        switch (engine) {
            case "ours": result = ours(file, retained, t0); break;
            case "shark": result = shark(file, retained, t0); break;
            case "netbeans": result = netbeans(file, retained, t0); break;
            default: throw new IllegalArgumentException(engine);
        }
        long total = System.nanoTime() - t0;
        System.out.println("RESULT engine=" + engine + " mode=" + args[2] + " pathsMs=" + result[0] / 1_000_000
            + " totalMs=" + total / 1_000_000 + " indexMs=" + indexMs + " cpuMs=" + cpuMs() + " heapPeakMb=" + heapPeakMb() + " vmHwmMb=" + vmHwmMb()
            + " leaks=" + result[1] + " sumPathLength=" + result[2] + " sumRetained=" + result[3]);
    }

    private static long[] ours(Path file, boolean retained, long t0) throws Exception {
        try (HprofIndex index = HeapDump.open(file, ProgressListener.NONE, CancelToken.NEVER)) {
            LeakAnalyzer analyzer = new LeakAnalyzer(index, ProgressListener.NONE, CancelToken.NEVER)
                .computeRetainedSizes(retained).findCycles(false);
            List<ObjectAnalysis> results = analyzer.analyze(ObjectSelector.byClass(SyntheticHeapGenerator.WINDOW_CLASS), 1);
            long paths = System.nanoTime() - t0 - analyzer.timingsMillis().get("retained") * 1_000_000
                - analyzer.timingsMillis().get("cycles") * 1_000_000;
            indexMs = index.indexingMillis()[0] + index.indexingMillis()[1];
            long sumLen = 0;
            long sumRet = 0;
            for (ObjectAnalysis a : results) {
                sumLen += a.paths().get(0).length();
                sumRet += Math.max(0, a.retainedBytes());
            }
            System.out.println("ours: objects=" + index.objectCount() + " references=" + index.referenceCount()
                + " indexBytes=" + index.indexBytes() + " scanMs=" + index.indexingMillis()[0] + " refsMs=" + index.indexingMillis()[1]
                + " phases=" + analyzer.timingsMillis() + " bytesPerObject=" + String.format("%.1f", index.indexBytes() / (double) index.objectCount()));
            return new long[] {paths, results.size(), sumLen, sumRet};
        }
    }

    private static long[] shark(Path file, boolean retained, long t0) throws Exception {
        File f = file.toFile();
        try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(f, null, shark.HprofIndex.Companion.defaultIndexedGcRootTags())) {
            HeapAnalysis analysis = new HeapAnalyzer(OnAnalysisProgressListener.Companion.getNO_OP()).analyze(f, graph, g -> {
                Set<Long> ids = new HashSet<>();
                HeapObject.HeapClass c = g.findClassByName(SyntheticHeapGenerator.WINDOW_CLASS);
                Iterator<HeapObject.HeapInstance> it = c.getInstances().iterator();
                while (it.hasNext()) {
                    ids.add(it.next().getObjectId());
                }
                return ids;
            }, List.of(new IgnoredReferenceMatcher(new ReferencePattern.InstanceFieldPattern("java.lang.ref.Reference", "referent"))),
                retained, List.of(), MetadataExtractor.Companion.getNO_OP());
            long paths = System.nanoTime() - t0;
            if (analysis instanceof HeapAnalysisFailure) {
                throw new IllegalStateException(((HeapAnalysisFailure) analysis).getException());
            }
            HeapAnalysisSuccess s = (HeapAnalysisSuccess) analysis;
            List<Leak> leaks = new ArrayList<>(s.getApplicationLeaks());
            leaks.addAll(s.getLibraryLeaks());
            long count = 0;
            long sumLen = 0;
            long sumRet = 0;
            for (Leak leak : leaks) {
                for (LeakTrace t : leak.getLeakTraces()) {
                    count++;
                    sumLen += t.getReferencePath().size();
                    sumRet += t.getRetainedHeapByteSize() == null ? 0 : t.getRetainedHeapByteSize();
                }
            }
            return new long[] {paths, count, sumLen, sumRet};
        }
    }

    private static long[] netbeans(Path file, boolean retained, long t0) throws Exception {
        Heap heap = HeapFactory.createHeap(file.toFile());
        JavaClass c = heap.getJavaClassByName(SyntheticHeapGenerator.WINDOW_CLASS);
        List<?> instances = c.getInstances();
        long sumLen = 0;
        for (Object o : instances) {
            Instance i = (Instance) o;
            int len = 0;
            while (i != null && !i.isGCRoot()) {
                i = i.getNearestGCRootPointer();
                len++;
            }
            sumLen += len;
        }
        long paths = System.nanoTime() - t0;
        long sumRet = 0;
        if (retained) {
            for (Object o : instances) {
                sumRet += ((Instance) o).getRetainedSize();
            }
        }
        return new long[] {paths, instances.size(), sumLen, sumRet};
    }

    static long cpuMs() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
            ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1_000_000 : -1;
    }

    static long heapPeakMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    static long vmHwmMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
