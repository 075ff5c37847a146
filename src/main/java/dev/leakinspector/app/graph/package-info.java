/**
 * The Retain Cycle graph: why a leaked object is still alive, drawn as a layered graph (GC roots at the top, the
 * leaked object at the bottom, reference cycles as back edges).
 *
 * <h2>API</h2>
 * <pre>{@code
 * // off the FX thread: analyse (seconds on big dumps)
 * RetainGraph graph = RetainGraphLoader.forWatch(index, watchId, className, viewStackLabel, 3, progress, cancel);
 * // on the FX thread: show it
 * RetainGraphView view = new RetainGraphView();
 * view.setOnNodeSelected(node -> ...);
 * view.setGraph(graph);            // or a graph with state OBJECT_COLLECTED / NO_STRONG_PATH: it shows why
 * // optional, while the index stays open: a click shows the object's fields and retained size
 * view.setInspector(new NodeInspector(index, executor));
 * view.select(objectId);           // from elsewhere (a trace): opens its folded group, selects it, scrolls to it
 * }</pre>
 * The view draws the graph folded ({@code RetainGraph.folded}) and opens at 100 % (text in the UI font's size) on
 * the suspect references; its parts are {@code GraphCanvas} (drawing, zoom, pan), {@code GraphToolbar} (buttons,
 * exports, legend) and {@code DetailsPane}; its colours come from {@code GraphColors}, as the exports'.
 * The model, its folding, its layout and its exports are plain Java in {@code dev.leakinspector.graph};
 * {@link dev.leakinspector.app.graph.RetainGraphPreview} is a window on a dump, for trying it.
 *
 * <h2>Threading</h2>
 * {@code RetainGraphView} is a JavaFX node: FX thread only. {@code RetainGraphLoader} runs the heap engine on the
 * calling thread: never the FX thread.
 *
 * <h2>Dependencies</h2>
 * Imports {@code dev.leakinspector.graph} and {@code dev.leakinspector.heap} only (and JavaFX); nothing outside {@code app} imports it.
 */
package dev.leakinspector.app.graph;
