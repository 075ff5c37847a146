/**
 * The Retain Cycle graph as plain data: why a leaked object is still alive, as a layered graph (GC roots at the
 * top, the leaked object at the bottom, reference cycles as back edges), its layout, and its exports.
 *
 * <h2>API</h2>
 * <pre>{@code
 * // analyse (seconds on big dumps): never on a UI thread
 * RetainGraph graph = RetainGraphLoader.forWatch(index, watchId, className, viewStackLabel, 3, progress, cancel);
 * RetainGraph drawn = graph.folded(Set.of());   // internals in one node, collection insides in one step
 * String svg = RetainGraphSvg.write(drawn, new RetainGraphLayout(metrics).layout(drawn), lineHeight);
 * }</pre>
 * {@link dev.leakinspector.graph.GraphFolding} decides what folds; {@link dev.leakinspector.graph.GraphColors} is
 * the one palette of the view and the exports.
 * {@link dev.leakinspector.graph.RetainGraph} is the model, {@link dev.leakinspector.graph.RetainGraphLayout}
 * places it (Eclipse ELK {@code layered}), {@link dev.leakinspector.graph.RetainGraphSvg} and
 * {@link dev.leakinspector.graph.RetainGraphDot} export it, {@link dev.leakinspector.graph.NodeInspector} reads
 * one node's fields from the dump. The JavaFX view is {@code dev.leakinspector.app.graph}.
 *
 * <h2>Threading</h2>
 * Plain Java: any thread. {@code RetainGraphLoader} runs the heap engine on the calling thread. {@code
 * NodeInspector} reads the dump on the executor it is given and does not own the index: its owner closes the
 * index once {@code NodeInspector.close()} is done.
 *
 * <h2>Dependencies</h2>
 * Imports {@code dev.leakinspector.heap} only (and ELK); no UI toolkit (checked by {@code ArchitectureTest}).
 */
package dev.leakinspector.graph;
