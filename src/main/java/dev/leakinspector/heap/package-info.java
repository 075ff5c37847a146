/**
 * The heap engine: HotSpot HPROF dump in, "why is this object alive" out. Headless; knows nothing of the agent or GUI.
 *
 * <h2>API</h2>
 * <pre>{@code
 * try (HprofIndex index = HeapDump.open(path, progressListener, cancelToken)) {        // read + index, mapped file
 *     ExplainRequest asked = ExplainRequest.objects(ObjectSelector.byWatchId(42))       // or byObjectId, byClass;
 *             .withPaths(3).withMaxObjects(20);                                        // or ExplainRequest.watches(ids)
 *     List<ObjectAnalysis> answers = Explainer.explain(index, asked, progressListener, cancelToken).analyses();
 *     for (ObjectAnalysis a : answers) {
 *         a.paths();          // List<RetentionPath>: durable roots first, then transient (isTransient(),
 *                             // transientReason()); rootKind, steps root first, the object last
 *         a.cycles();         // List<RetainCycle>: canonical rotation, length <= 20
 *         a.retainedBytes();  // exact, HPROF payload bytes (Shark's size model)
 *         a.fingerprint();    // SHA-1 of the suspect references (or of the path's shape), equal for equal leaks
 *         a.libraryHold();    // Optional<LibraryHold>: a documented JDK/toolkit hold keeps it, not the program
 *         a.pathVerdict();    // LEAK / CACHE / UNDECIDED from the first path's shape, with pathVerdictReason()
 *     }
 * }
 * }</pre>
 * The parts can be used alone: {@link dev.leakinspector.heap.ShortestPathFinder},
 * {@link dev.leakinspector.heap.CycleFinder}, {@link dev.leakinspector.heap.RetainedSizeCalculator}, and
 * {@link dev.leakinspector.heap.ObjectInspector} for one object's fields and its retained size on demand.
 *
 * <h2>Layers</h2>
 * {@code MappedHprof} (1 GiB read-only windows, bounds-checked reads) → {@code HprofIndexBuilder} (pass 1: records,
 * classes, roots, (id, offset) of every object; sort; pass 2: CSR of strong references, in parallel) →
 * {@link dev.leakinspector.heap.HprofIndex} (read-only, primitive arrays) → finders → {@code LeakAnalyzer}.
 *
 * <h2>Memory</h2>
 * About 14 + 4·r bytes per heap object for the index (r = strong references per object; 18–23 bytes measured),
 * plus 4 bytes per object and bit sets during a query. 30 M objects fit in {@code -Xmx1g}. No Java object per
 * heap object; hot loops run on {@code int[]}/{@code long[]} and the mapped file.
 *
 * <h2>Semantics</h2>
 * GC roots are the dump's root records plus every class object (its statics are where a developer looks);
 * finders also offer the NetBeans/MAT semantics (classes reached through their loader). The {@code referent} of
 * every {@code java.lang.ref.Reference} is not a strong reference and is never followed. Roots that hold only for
 * a moment (a UI thread's locals captured mid-event, {@code TransientRoots}) are searched after the durable ones;
 * references of documented JDK/toolkit holds ({@code library-holds.txt}, {@link dev.leakinspector.heap.LibraryHolds})
 * are followed last and never suspect. Showing windows, their showing components and the nodes of their scenes are
 * not leaking ({@code ShowingObjects}).
 *
 * <h2>Threading</h2>
 * An {@code HprofIndex} is immutable and may be shared by threads; finders and analyzers are single-threaded (one
 * per thread). Long operations poll a {@link dev.leakinspector.heap.CancelToken} and report to a
 * {@link dev.leakinspector.heap.ProgressListener}, which names the running step with a
 * {@link dev.leakinspector.heap.HeapStep}.
 */
package dev.leakinspector.heap;
