package dev.leakinspector.heap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an {@link HprofIndex} in two passes over the mapped file. Pass 1 reads the top-level records in file
 * order, keeping the small tables (strings, classes, stack traces), then parses the heap dump segments with one
 * worker per core, collecting roots, class dumps and the (id, offset) of every heap object; the ids become dense
 * indexes by a merge, since HotSpot writes the objects in id order (see {@link ObjectTable.Builder}). Pass 2 walks the objects in dense order, again split among workers, and writes their strong
 * outgoing references as dense indexes into a CSR array. Both passes are hot loops on primitive arrays and the
 * mapped file; no Java object is made per heap object. Workers are daemon threads named
 * {@code leak-inspector-heap-*}; the calling thread does a share of the work. One builder per thread, used once.
 */
final class HprofIndexBuilder {
    private static final long PROGRESS_BYTES = 32L << 20;
    private static final int CLASS_CACHE_BITS = 8;
    private static final int CLASS_CACHE = 1 << CLASS_CACHE_BITS;
    /** Objects per extra reference-pass worker; tests lower it to exercise the parallel join on small dumps. */
    static volatile int minObjectsPerWorker = 500_000;
    /** Segment bytes per extra scanning worker; tests lower it to exercise the parallel scan on small dumps. */
    static volatile long minSegmentBytesPerWorker = 64L << 20;

    private final MappedHprof file;
    private final ProgressListener progress;
    private final CancelToken cancel;
    private int idSize;

    // strings, classes, stack traces
    private final LongIntMap stringIndex = new LongIntMap(1 << 16);
    private final LongList stringPos = new LongList(1 << 16);
    private final IntList stringLen = new IntList(1 << 16);
    private final LongIntMap classNameIdByClassId = new LongIntMap(1 << 14);
    private final LongList classNameIds = new LongList(1 << 14);
    private final LongIntMap classIdBySerialIndex = new LongIntMap(1 << 14);
    private final LongList classIdsBySerial = new LongList(1 << 14);
    private final LongIntMap frameIndex = new LongIntMap(1 << 12);
    private final LongList framePos = new LongList(1 << 12);
    private final LongIntMap traceIndex = new LongIntMap(1 << 10);
    private final LongList tracePos = new LongList(1 << 10);
    private final List<PendingClass> pendingClasses = new ArrayList<>();
    /** (body start, end) of every HEAP_DUMP / HEAP_DUMP_SEGMENT record, in file order. */
    private final LongList segments = new LongList(1024);

    // roots (object ids until resolved), in file order
    private final LongList rootIds = new LongList(1 << 12);
    private final IntList rootKinds = new IntList(1 << 12);
    private final IntList rootThreads = new IntList(1 << 12);
    private final IntList rootFrames = new IntList(1 << 12);

    private ObjectTable.Builder objects;
    /** Set when one reference-pass worker failed or the caller was interrupted: the others stop. */
    private volatile boolean aborted;

    HprofIndexBuilder(MappedHprof file, ProgressListener progress, CancelToken cancel) {
        this.file = file;
        this.progress = progress;
        this.cancel = cancel;
    }

    HprofIndex build() throws IOException {
        long start = readHeader();
        long t0 = System.nanoTime();
        scanRecords(start);
        progress.onProgress(HeapStep.INDEXING_SORT, 0, 1);
        cancel.throwIfCancelled();
        ObjectTable table = objects.build(file);
        objects = null;
        long scanNanos = System.nanoTime() - t0;
        progress.onProgress(HeapStep.INDEXING_SORT, 1, 1);
        HeapClass[] classes = resolveClasses();
        LongIntMap classIndex = new LongIntMap(classes.length);
        for (int i = 0; i < classes.length; i++) {
            classIndex.put(classes[i].id, i);
        }
        long t1 = System.nanoTime();
        int[] edgeStart = new int[table.size() + 1];
        BigIntArray edges = BigIntArray.forIndex();
        ClassFilter classFilter = new ClassFilter(table.size());
        buildReferences(table, classes, classIndex, edgeStart, edges, classFilter);
        long refNanos = System.nanoTime() - t1;
        return new HprofIndex(file, table, edgeStart, edges, classFilter, classes, classIndex,
            stringIndex, stringPos, stringLen, classIdsBySerial, classIdBySerialIndex, frameIndex, framePos,
            traceIndex, tracePos, resolveRoots(table), scanNanos, refNanos);
    }

    private long readHeader() throws HprofFormatException {
        if (file.length() >= 2 && file.u1(0) == 0x1F && file.u1(1) == 0x8B) {
            throw new HprofFormatException(0, "an uncompressed HPROF file, found gzip data (decompress it first)");
        }
        int max = (int) Math.min(64, file.length());
        int nul = -1;
        for (int i = 0; i < max; i++) {
            if (file.u1(i) == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0) {
            throw new HprofFormatException(0, "the header \"JAVA PROFILE 1.0.2\" ending in a NUL byte");
        }
        String format = file.utf8(0, nul);
        if (!format.equals("JAVA PROFILE 1.0.2") && !format.equals("JAVA PROFILE 1.0.1")) {
            throw new HprofFormatException(0, "the header \"JAVA PROFILE 1.0.2\", found \"" + format + "\"");
        }
        long p = nul + 1L;
        file.require(p, 12, "identifier size and timestamp");
        long size = file.u4(p);
        if (size != 4 && size != 8) {
            throw new HprofFormatException(p, "identifier size 4 or 8, found " + size);
        }
        idSize = (int) size;
        file.idSize(idSize);
        return p + 12;
    }

    private void scanRecords(long pos) throws IOException {
        long length = file.length();
        long nextReport = 0;
        boolean sawHeap = false;
        boolean sawSegment = false;
        boolean sawEnd = false;
        while (pos < length) {
            if (pos >= nextReport) {
                cancel.throwIfCancelled();
                progress.onProgress(HeapStep.INDEXING_RECORDS, pos, length);
                nextReport = pos + PROGRESS_BYTES;
            }
            file.require(pos, 9, "a record header (tag, time, length)");
            int tag = file.u1(pos);
            long len = file.u4(pos + 5);
            long body = pos + 9;
            long end = body + len;
            if (end > length) {
                throw new HprofFormatException(pos, "a record of " + len + " bytes (tag 0x" + Integer.toHexString(tag)
                    + "), but only " + (length - body) + " bytes remain: the file is truncated");
            }
            switch (tag) {
                case HprofTag.UTF8:
                    checkLength(pos, len, idSize, "UTF8");
                    stringIndex.put(file.id(body), stringPos.size());
                    stringPos.add(body + idSize);
                    stringLen.add((int) (len - idSize));
                    break;
                case HprofTag.LOAD_CLASS: {
                    checkLength(pos, len, 8 + 2L * idSize, "LOAD_CLASS");
                    long serial = file.u4(body);
                    long classId = file.id(body + 4);
                    long nameId = file.id(body + 8 + idSize);
                    classIdBySerialIndex.put(serial, classIdsBySerial.size());
                    classIdsBySerial.add(classId);
                    classNameIdByClassId.put(classId, classNameIds.size());
                    classNameIds.add(nameId);
                    break;
                }
                case HprofTag.STACK_FRAME:
                    checkLength(pos, len, 8 + 4L * idSize, "STACK_FRAME");
                    frameIndex.put(file.id(body), framePos.size());
                    framePos.add(body);
                    break;
                case HprofTag.STACK_TRACE: {
                    checkLength(pos, len, 12, "STACK_TRACE");
                    long frames = file.u4(body + 8);
                    if (12 + frames * idSize != len) {
                        throw new HprofFormatException(pos, "a STACK_TRACE of " + (12 + frames * idSize) + " bytes for "
                            + frames + " frames, record says " + len);
                    }
                    traceIndex.put(file.u4(body), tracePos.size());
                    tracePos.add(body);
                    break;
                }
                case HprofTag.HEAP_DUMP:
                case HprofTag.HEAP_DUMP_SEGMENT:
                    sawHeap = true;
                    sawSegment |= tag == HprofTag.HEAP_DUMP_SEGMENT;
                    segments.add(body);
                    segments.add(end);
                    break;
                case HprofTag.HEAP_DUMP_END:
                    sawEnd = true;
                    break;
                case HprofTag.UNLOAD_CLASS:
                case HprofTag.ALLOC_SITES:
                case HprofTag.HEAP_SUMMARY:
                case HprofTag.START_THREAD:
                case HprofTag.END_THREAD:
                case HprofTag.CPU_SAMPLES:
                case HprofTag.CONTROL_SETTINGS:
                    break;
                default:
                    throw new HprofFormatException(pos, "a record tag, found 0x" + Integer.toHexString(tag));
            }
            pos = end;
        }
        if (!sawHeap) {
            throw new HprofFormatException(length, "a HEAP_DUMP or HEAP_DUMP_SEGMENT record before the end of the file");
        }
        if (sawSegment && !sawEnd) {
            // HotSpot ends a segmented dump with HEAP_DUMP_END; without it the file was cut at a record boundary
            throw new HprofFormatException(length, "a HEAP_DUMP_END record after the heap dump segments: the file is truncated");
        }
        scanSegments();
        progress.onProgress(HeapStep.INDEXING_RECORDS, length, length);
    }

    private static void checkLength(long pos, long len, long min, String what) throws HprofFormatException {
        if (len < min) {
            throw new HprofFormatException(pos, "a " + what + " record of at least " + min + " bytes, record says " + len);
        }
    }

    /**
     * Parses heap dump segments: one per worker thread, each over a contiguous run of segments, collecting its own
     * objects, roots and classes, merged afterwards in file order. Hot loop over the mapped file.
     */
    private final class SegmentScanner {
        final ObjectTable.Builder objects = new ObjectTable.Builder(idSize, file.length());
        /** This scanner's own reads: its windows are unmapped as it moves on, so the pass leaves little resident. */
        final MappedHprof in = file.streamingView();
        final List<PendingClass> pendingClasses = new ArrayList<>();
        final LongList rootIds = new LongList(1 << 10);
        final IntList rootKinds = new IntList(1 << 10);
        final IntList rootThreads = new IntList(1 << 10);
        final IntList rootFrames = new IntList(1 << 10);
        final boolean reports;
        final long scanStart;
        final long firstSegmentStart;
        final int workerCount;

        SegmentScanner(boolean reports, long scanStart, long firstSegmentStart, int workerCount) {
            this.reports = reports;
            this.scanStart = scanStart;
            this.firstSegmentStart = firstSegmentStart;
            this.workerCount = workerCount;
        }

        /** Records parsed so far by this scanner (all segments): polls cancellation every 64 Ki records. */
        private long count;

        void scanHeap(long pos, long end) throws HprofFormatException {
            final int id = idSize;
            while (pos < end) {
                if ((++count & 0xFFFF) == 0) {
                    cancel.throwIfCancelled();
                    if (aborted) {
                        throw new java.util.concurrent.CancellationException("another indexing worker failed");
                    }
                    if (reports) {
                        progress.onProgress(HeapStep.INDEXING_RECORDS, Math.min(file.length() - 1, scanStart + (pos - firstSegmentStart) * workerCount), file.length());
                    }
                }
                int tag = in.u1(pos);
                long p = pos + 1;
                switch (tag) {
                    case HprofTag.ROOT_UNKNOWN:
                        addRoot(GcRootKind.UNKNOWN, in.id(p), 0, -1);
                        p += id;
                        break;
                    case HprofTag.ROOT_JNI_GLOBAL:
                        addRoot(GcRootKind.JNI_GLOBAL, in.id(p), 0, -1);
                        p += 2L * id;
                        break;
                    case HprofTag.ROOT_JNI_LOCAL:
                        addRoot(GcRootKind.JNI_LOCAL, in.id(p), in.i4(p + id), in.i4(p + id + 4));
                        p += id + 8;
                        break;
                    case HprofTag.ROOT_JAVA_FRAME:
                        addRoot(GcRootKind.JAVA_FRAME, in.id(p), in.i4(p + id), in.i4(p + id + 4));
                        p += id + 8;
                        break;
                    case HprofTag.ROOT_NATIVE_STACK:
                        addRoot(GcRootKind.NATIVE_STACK, in.id(p), in.i4(p + id), -1);
                        p += id + 4;
                        break;
                    case HprofTag.ROOT_STICKY_CLASS:
                        addRoot(GcRootKind.STICKY_CLASS, in.id(p), 0, -1);
                        p += id;
                        break;
                    case HprofTag.ROOT_THREAD_BLOCK:
                        addRoot(GcRootKind.THREAD_BLOCK, in.id(p), in.i4(p + id), -1);
                        p += id + 4;
                        break;
                    case HprofTag.ROOT_MONITOR_USED:
                        addRoot(GcRootKind.MONITOR_USED, in.id(p), 0, -1);
                        p += id;
                        break;
                    case HprofTag.ROOT_THREAD_OBJECT:
                        // thread serial and stack trace serial; the frame slot keeps the trace serial
                        addRoot(GcRootKind.THREAD_OBJECT, in.id(p), in.i4(p + id), in.i4(p + id + 4));
                        p += id + 8;
                        break;
                    case HprofTag.CLASS_DUMP:
                        p = readClassDump(pos, p, end);
                        break;
                    case HprofTag.INSTANCE_DUMP: {
                        long objectId = in.id(p);
                        long len = in.u4(p + 2L * id + 4);
                        p += 2L * id + 8 + len;
                        checkInside(pos, p, end, "INSTANCE_DUMP");
                        objects.add(objectId, pos);
                        break;
                    }
                    case HprofTag.OBJ_ARRAY_DUMP: {
                        long objectId = in.id(p);
                        long len = in.u4(p + id + 4);
                        p += 2L * id + 8 + len * id;
                        checkInside(pos, p, end, "OBJ_ARRAY_DUMP");
                        objects.add(objectId, pos);
                        break;
                    }
                    case HprofTag.PRIM_ARRAY_DUMP: {
                        long objectId = in.id(p);
                        long len = in.u4(p + id + 4);
                        int type = in.u1(p + id + 8);
                        int size = HprofTag.sizeOf(type, id);
                        if (size < 0 || type == HprofTag.OBJECT) {
                            throw new HprofFormatException(p + id + 8, "a primitive array element type (4..11), found " + type);
                        }
                        p += id + 9 + len * size;
                        checkInside(pos, p, end, "PRIM_ARRAY_DUMP");
                        objects.add(objectId, pos);
                        break;
                    }
                    default:
                        throw new HprofFormatException(pos, "a heap dump sub-record tag, found 0x" + Integer.toHexString(tag));
                }
                if (p > end) {
                    throw new HprofFormatException(pos, "a sub-record (tag 0x" + Integer.toHexString(tag) + ") inside its segment, but it ends at "
                        + p + ", past the segment end at " + end);
                }
                pos = p;
            }
        }

        private static void checkInside(long start, long p, long end, String what) throws HprofFormatException {
            if (p > end) {
                throw new HprofFormatException(start, "a " + what + " that ends inside its segment (segment ends at " + end
                    + ", record would end at " + p + ")");
            }
        }

        private void addRoot(GcRootKind kind, long objectId, int thread, int frame) {
            rootIds.add(objectId);
            rootKinds.add(kind.ordinal());
            rootThreads.add(thread);
            rootFrames.add(frame);
        }

        private long readClassDump(long start, long p, long end) throws HprofFormatException {
            final int id = idSize;
            long classId = in.id(p);
            long superId = in.id(p + id + 4);
            long loaderId = in.id(p + 2L * id + 4);
            p += 7L * id + 4;
            int instanceSize = in.i4(p);
            p += 4;
            int cpCount = in.u2(p);
            p += 2;
            for (int i = 0; i < cpCount; i++) {
                int type = in.u1(p + 2);
                int size = HprofTag.sizeOf(type, id);
                if (size < 0) {
                    throw new HprofFormatException(p + 2, "a constant pool entry type (2, 4..11), found " + type);
                }
                p += 3 + size;
                checkInside(start, p, end, "CLASS_DUMP");
            }
            int staticCount = in.u2(p);
            p += 2;
            long[] staticNameIds = new long[staticCount];
            byte[] staticTypes = new byte[staticCount];
            long[] staticValues = new long[staticCount];
            for (int i = 0; i < staticCount; i++) {
                staticNameIds[i] = in.id(p);
                int type = in.u1(p + id);
                int size = HprofTag.sizeOf(type, id);
                if (size < 0) {
                    throw new HprofFormatException(p + id, "a static field type (2, 4..11), found " + type);
                }
                staticTypes[i] = (byte) type;
                long v = p + id + 1;
                switch (size) {
                    case 1: staticValues[i] = in.u1(v); break;
                    case 2: staticValues[i] = in.u2(v); break;
                    case 4: staticValues[i] = type == HprofTag.OBJECT ? in.u4(v) : in.i4(v); break;
                    default: staticValues[i] = in.i8(v); break;
                }
                p += id + 1 + size;
                checkInside(start, p, end, "CLASS_DUMP");
            }
            int fieldCount = in.u2(p);
            p += 2;
            long[] fieldNameIds = new long[fieldCount];
            byte[] fieldTypes = new byte[fieldCount];
            for (int i = 0; i < fieldCount; i++) {
                fieldNameIds[i] = in.id(p);
                int type = in.u1(p + id);
                if (HprofTag.sizeOf(type, id) < 0) {
                    throw new HprofFormatException(p + id, "an instance field type (2, 4..11), found " + type);
                }
                fieldTypes[i] = (byte) type;
                p += id + 1;
                checkInside(start, p, end, "CLASS_DUMP");
            }
            pendingClasses.add(new PendingClass(classId, superId, loaderId, instanceSize, start, fieldNameIds, fieldTypes,
                staticNameIds, staticTypes, staticValues));
            // aside: HotSpot writes the class objects first, in no id order; the sorted run is kept for the objects
            objects.addAside(classId, start);
            return p;
        }

    }

    /** Parses the heap dump segments in parallel (contiguous runs of segments per worker) and merges in file order. */
    private void scanSegments() throws IOException {
        int count = segments.size() / 2;
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            bytes += segments.get(2 * i + 1) - segments.get(2 * i);
        }
        int workers = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
            Math.min(count, bytes / minSegmentBytesPerWorker)));
        int[] firstSegment = new int[workers + 1];
        long acc = 0;
        int w = 1;
        for (int i = 0; i < count && w < workers; i++) {
            acc += segments.get(2 * i + 1) - segments.get(2 * i);
            if (acc >= bytes * w / workers) {
                firstSegment[w++] = i + 1;
            }
        }
        while (w <= workers) {
            firstSegment[w++] = count;
        }
        long scanStart = count == 0 ? 0 : segments.get(0);
        SegmentScanner[] scanners = new SegmentScanner[workers];
        Throwable[] failures = new Throwable[workers];
        Thread[] threads = new Thread[workers];
        for (int k = 0; k < workers; k++) {
            final int worker = k;
            scanners[k] = new SegmentScanner(k == 0, scanStart, scanStart, workers);
            Runnable job = () -> {
                try (MappedHprof view = scanners[worker].in) {
                    for (int i = firstSegment[worker]; i < firstSegment[worker + 1]; i++) {
                        scanners[worker].scanHeap(segments.get(2 * i), segments.get(2 * i + 1));
                    }
                } catch (Throwable t) {
                    failures[worker] = t;
                    aborted = true;
                }
            };
            if (k > 0) {
                threads[k] = new Thread(job, "leak-inspector-heap-scan-" + k);
                threads[k].setDaemon(true);
                threads[k].start();
            } else {
                threads[0] = new Thread(job); // not started: runs below on the calling thread
            }
        }
        threads[0].run();
        joinAndRethrow(threads, failures);
        objects = scanners[0].objects;
        for (SegmentScanner sc : scanners) {
            if (sc != scanners[0]) {
                objects.absorb(sc.objects);
            }
            pendingClasses.addAll(sc.pendingClasses);
            for (int i = 0; i < sc.rootIds.size(); i++) {
                rootIds.add(sc.rootIds.get(i));
                rootKinds.add(sc.rootKinds.get(i));
                rootThreads.add(sc.rootThreads.get(i));
                rootFrames.add(sc.rootFrames.get(i));
            }
        }
    }

    /**
     * Joins worker threads (index 0 ran on the caller: not joined, may be null) and rethrows the
     * {@linkplain #realCause real failure}, if any.
     */
    private void joinAndRethrow(Thread[] threads, Throwable[] failures) throws IOException {
        for (int i = 1; i < threads.length; i++) {
            if (threads[i] == null) {
                continue;
            }
            try {
                threads[i].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                aborted = true;
                throw new java.util.concurrent.CancellationException("interrupted while indexing");
            }
        }
        Throwable t = realCause(failures);
        if (t instanceof IOException) {
            throw (IOException) t;
        } else if (t instanceof Error) {
            throw (Error) t;
        } else if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * The failure to report among the workers' ({@code null} where a worker finished): the first that is not a
     * cancellation, since a worker stopped by another one's failure only reports a cancellation; else the first
     * one; null if none failed.
     */
    static Throwable realCause(Throwable[] failures) {
        for (Throwable t : failures) {
            if (t instanceof IOException || t instanceof Error
                    || t instanceof RuntimeException && !(t instanceof java.util.concurrent.CancellationException)) {
                return t;
            }
        }
        for (Throwable t : failures) {
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private String string(long stringId) throws HprofFormatException {
        int i = stringIndex.get(stringId, -1);
        if (i < 0) {
            return "<unknown string 0x" + Long.toHexString(stringId) + ">";
        }
        return file.utf8(stringPos.get(i), stringLen.get(i));
    }

    private HeapClass[] resolveClasses() throws HprofFormatException {
        HeapClass[] classes = new HeapClass[pendingClasses.size()];
        LongIntMap byId = new LongIntMap(classes.length);
        for (int i = 0; i < classes.length; i++) {
            PendingClass pc = pendingClasses.get(i);
            int nameIdx = classNameIdByClassId.get(pc.id, -1);
            String name = nameIdx < 0 ? "<class 0x" + Long.toHexString(pc.id) + ">" : javaName(string(classNameIds.get(nameIdx)));
            String[] fieldNames = new String[pc.fieldNameIds.length];
            for (int f = 0; f < fieldNames.length; f++) {
                fieldNames[f] = string(pc.fieldNameIds[f]);
            }
            String[] staticNames = new String[pc.staticNameIds.length];
            for (int f = 0; f < staticNames.length; f++) {
                staticNames[f] = string(pc.staticNameIds[f]);
            }
            classes[i] = new HeapClass(pc.id, name, pc.superId, pc.loaderId, pc.instanceSize, pc.offset,
                fieldNames, pc.fieldTypes, staticNames, pc.staticTypes, pc.staticValues);
            byId.put(pc.id, i);
        }
        pendingClasses.clear();
        for (HeapClass c : classes) {
            int s = c.superId == 0 ? -1 : byId.get(c.superId, -1);
            c.superClass = s < 0 ? null : classes[s];
        }
        for (HeapClass c : classes) {
            layout(c);
        }
        return classes;
    }

    private void layout(HeapClass c) throws HprofFormatException {
        int total = 0;
        int depth = 0;
        boolean isReference = false;
        for (HeapClass k = c; k != null; k = k.superClass) {
            total += k.fieldNames.length;
            if (++depth > 10_000) {
                throw new HprofFormatException(c.recordOffset, "a finite superclass chain for " + c.name);
            }
            if (k.name.equals("java.lang.ref.Reference")) {
                isReference = true;
            }
        }
        c.isReference = isReference;
        c.layoutOwner = new HeapClass[total];
        c.layoutNames = new String[total];
        c.layoutTypes = new byte[total];
        c.layoutOffsets = new int[total];
        IntList refs = new IntList(8);
        int i = 0;
        int offset = 0;
        for (HeapClass k = c; k != null; k = k.superClass) {
            boolean referenceClass = k.name.equals("java.lang.ref.Reference");
            for (int f = 0; f < k.fieldNames.length; f++) {
                c.layoutOwner[i] = k;
                c.layoutNames[i] = k.fieldNames[f];
                c.layoutTypes[i] = k.fieldTypes[f];
                c.layoutOffsets[i] = offset;
                if (k.fieldTypes[f] == HprofTag.OBJECT && !(referenceClass && k.fieldNames[f].equals("referent"))) {
                    refs.add(offset);
                }
                offset += HprofTag.sizeOf(k.fieldTypes[f], idSize);
                i++;
            }
        }
        c.layoutSize = offset;
        c.strongRefOffsets = refs.toArray();
    }

    /** Internal or descriptor class name to Java form: {@code [Ljava/lang/String;} becomes {@code java.lang.String[]}. */
    static String javaName(String internal) {
        int dims = 0;
        while (dims < internal.length() && internal.charAt(dims) == '[') {
            dims++;
        }
        String base;
        if (dims == 0) {
            base = internal;
        } else {
            String rest = internal.substring(dims);
            switch (rest) {
                case "Z": base = "boolean"; break;
                case "C": base = "char"; break;
                case "F": base = "float"; break;
                case "D": base = "double"; break;
                case "B": base = "byte"; break;
                case "S": base = "short"; break;
                case "I": base = "int"; break;
                case "J": base = "long"; break;
                default:
                    base = rest.startsWith("L") && rest.endsWith(";") ? rest.substring(1, rest.length() - 1) : rest;
            }
        }
        StringBuilder sb = new StringBuilder(base.replace('/', '.'));
        for (int i = 0; i < dims; i++) {
            sb.append("[]");
        }
        return sb.toString();
    }

    /**
     * Pass 2: strong outgoing references of every object, in dense order, into CSR arrays. The dense range is split
     * among up to one worker thread per core; each writes its own rows and reference blocks, which are then joined.
     * Hot loop.
     */
    private void buildReferences(ObjectTable table, HeapClass[] classes, LongIntMap classIndex, int[] edgeStart,
                                 BigIntArray edges, ClassFilter classFilter) throws IOException {
        final int n = table.size();
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n / minObjectsPerWorker));
        BigIntArray[] parts = new BigIntArray[workers];
        Throwable[] failures = new Throwable[workers];
        Thread[] threads = new Thread[workers];
        Runnable firstJob = null;
        for (int w = 0; w < workers; w++) {
            final int worker = w;
            final int lo = workerStart(n, w, workers);
            final int hi = workerStart(n, w + 1, workers);
            parts[w] = w == 0 ? edges : BigIntArray.forIndex();
            Runnable job = () -> {
                try (MappedHprof view = file.streamingView()) {
                    referencesOf(view, table, classes, classIndex, edgeStart, parts[worker], classFilter, lo, hi, worker == 0);
                } catch (Throwable t) {
                    failures[worker] = t;
                    aborted = true; // the other workers stop at their next poll
                }
            };
            if (w > 0) {
                threads[w] = new Thread(job, "leak-inspector-heap-index-" + w);
                threads[w].setDaemon(true);
                threads[w].start();
            } else {
                threads[0] = null;
                firstJob = job;
            }
        }
        firstJob.run(); // worker 0 runs on the calling thread
        joinAndRethrow(threads, failures);
        for (int w = 1; w < workers; w++) {
            int lo = workerStart(n, w, workers);
            int hi = workerStart(n, w + 1, workers);
            long base = edges.size();
            if (base + parts[w].size() > Integer.MAX_VALUE) {
                throw new IOException("more than " + Integer.MAX_VALUE + " references: this dump is too large for the index");
            }
            for (int d = lo; d < hi; d++) {
                edgeStart[d] += (int) base;
            }
            edges.addAll(parts[w]); // frees the part's blocks as they are copied: at most one extra block alive
            parts[w] = null;
        }
        edgeStart[n] = (int) edges.size();
        edges.trim();
        progress.onProgress(HeapStep.INDEXING_REFERENCES, n, n);
    }

    /**
     * The first object of reference-pass worker {@code w} of {@code workers}: an equal share, started on a run of the
     * {@link ClassFilter} so that no two workers write the same filter words; {@code n} for {@code w == workers}.
     */
    static int workerStart(int n, int w, int workers) {
        if (w >= workers) {
            return n;
        }
        return (int) Math.min(n, ((long) n * w / workers) >>> ClassFilter.RUN_BITS << ClassFilter.RUN_BITS);
    }

    private void referencesOf(MappedHprof file, ObjectTable table, HeapClass[] classes, LongIntMap classIndex, int[] edgeStart,
                              BigIntArray edges, ClassFilter classFilter, int from, int to, boolean reports) throws IOException {
        final int id = idSize;
        final int n = table.size();
        // direct-mapped cache of class layouts by class id: instances of a few classes usually alternate
        final long[] cachedIds = new long[CLASS_CACHE];
        final HeapClass[] cachedClasses = new HeapClass[CLASS_CACHE];
        final FarReferences far = new FarReferences(table, edges);
        for (int d = from; d < to; d++) {
            if ((d & 0xFFFF) == 0) {
                cancel.throwIfCancelled();
                if (aborted) {
                    throw new java.util.concurrent.CancellationException("another indexing worker failed");
                }
                if (reports) {
                    progress.onProgress(HeapStep.INDEXING_REFERENCES, (long) (d - from) * n / Math.max(1, to - from), n);
                }
            }
            long size = edges.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("more than " + Integer.MAX_VALUE + " references: this dump is too large for the index");
            }
            edgeStart[d] = (int) size;
            // every record was bounds-checked by pass 1: unchecked reads from here on
            long off = table.offset(d);
            int tag = file.u1Unchecked(off);
            if (tag == HprofTag.INSTANCE_DUMP) {
                long classId = file.idUnchecked(off + 1 + id + 4);
                classFilter.add(d, ClassFilter.bitOf(classId));
                int slot = (int) ((classId * 0x9E3779B97F4A7C15L) >>> (64 - CLASS_CACHE_BITS));
                HeapClass last = cachedClasses[slot];
                if (last == null || cachedIds[slot] != classId) {
                    int ci = classIndex.get(classId, -1);
                    if (ci < 0) {
                        throw new HprofFormatException(off, "an instance whose class 0x" + Long.toHexString(classId)
                            + " has a CLASS_DUMP record, but there is none");
                    }
                    last = classes[ci];
                    cachedClasses[slot] = last;
                    cachedIds[slot] = classId;
                }
                long len = file.u4Unchecked(off + 1 + 2L * id + 4);
                if (len != last.layoutSize) {
                    throw new HprofFormatException(off, "an instance of " + last.name + " with " + last.layoutSize
                        + " bytes of field data, record says " + len);
                }
                long data = off + 1 + 2L * id + 8;
                int[] refs = last.strongRefOffsets;
                for (int r = 0; r < refs.length; r++) {
                    long v = file.idUnchecked(data + refs[r]);
                    if (v != 0) {
                        int t = table.indexNear(v, d);
                        if (t >= 0) {
                            edges.add(t);
                        } else if (t == ObjectTable.FAR) {
                            far.add(v);
                        }
                    }
                }
            } else if (tag == HprofTag.OBJ_ARRAY_DUMP) {
                classFilter.add(d, ClassFilter.bitOf(file.idUnchecked(off + 1 + id + 8)));
                long len = file.u4Unchecked(off + 1 + id + 4);
                long data = off + 1 + 2L * id + 8;
                for (long i = 0; i < len; i++) {
                    long v = file.idUnchecked(data + i * id);
                    if (v != 0) {
                        int t = table.indexNear(v, d);
                        if (t >= 0) {
                            edges.add(t);
                        } else if (t == ObjectTable.FAR) {
                            far.add(v);
                        }
                    }
                }
            } else if (tag == HprofTag.PRIM_ARRAY_DUMP) {
                classFilter.add(d, ClassFilter.PRIMITIVE_ARRAYS);
            } else if (tag == HprofTag.CLASS_DUMP) {
                HeapClass c = classes[classIndex.get(file.idUnchecked(off + 1), -1)];
                for (int s = 0; s < c.staticValues.length; s++) {
                    if (c.staticTypes[s] == HprofTag.OBJECT && c.staticValues[s] != 0) {
                        far.add(c.staticValues[s]);
                    }
                }
            }
        }
        if (far.finish()) {
            far.dropMissing(edgeStart, from, to);
        }
    }

    private HprofIndex.Roots resolveRoots(ObjectTable table) {
        int count = rootIds.size();
        IntList objs = new IntList(count);
        IntList kinds = new IntList(count);
        IntList threads = new IntList(count);
        IntList frames = new IntList(count);
        for (int i = 0; i < count; i++) {
            int d = table.indexOf(rootIds.get(i));
            if (d >= 0) {
                objs.add(d);
                kinds.add(rootKinds.get(i));
                threads.add(rootThreads.get(i));
                frames.add(rootFrames.get(i));
            }
        }
        return new HprofIndex.Roots(objs.toArray(), kinds.toArray(), threads.toArray(), frames.toArray());
    }

    private static final class PendingClass {
        final long id;
        final long superId;
        final long loaderId;
        final int instanceSize;
        final long offset;
        final long[] fieldNameIds;
        final byte[] fieldTypes;
        final long[] staticNameIds;
        final byte[] staticTypes;
        final long[] staticValues;

        PendingClass(long id, long superId, long loaderId, int instanceSize, long offset, long[] fieldNameIds,
                     byte[] fieldTypes, long[] staticNameIds, byte[] staticTypes, long[] staticValues) {
            this.id = id;
            this.superId = superId;
            this.loaderId = loaderId;
            this.instanceSize = instanceSize;
            this.offset = offset;
            this.fieldNameIds = fieldNameIds;
            this.fieldTypes = fieldTypes;
            this.staticNameIds = staticNameIds;
            this.staticTypes = staticTypes;
            this.staticValues = staticValues;
        }
    }
}
