package dev.leakinspector.graph;

import dev.leakinspector.heap.LeakingStatus;

/**
 * The colours of the exported drawings (SVG, DOT), chosen to match {@code graph.css} in its light theme: green for
 * not leaking, red for leaking, grey for unknown, red and thick for suspect references, indigo dashes for back
 * edges. Exports are documents on white paper, so they use the light colours whatever the app's theme. Constants;
 * any thread.
 */
final class GraphColors {
    static final String TEXT = "#1f2328";
    static final String MUTED_TEXT = "#57606a";
    static final String EDGE = "#6e7781";
    static final String SUSPECT = "#d1242f";
    static final String BACK_EDGE = "#5a54c9";
    static final String LEAKED_FILL = "#ffd7d5";
    static final String LEAKED_STROKE = "#a40e26";

    private GraphColors() {
    }

    static String fill(RetainGraph.Node n) {
        if (n.leakedObject()) {
            return LEAKED_FILL;
        }
        return n.leaking() == LeakingStatus.YES ? "#ffebe9" : n.leaking() == LeakingStatus.NO ? "#dafbe1" : "#f6f8fa";
    }

    static String stroke(RetainGraph.Node n) {
        if (n.leakedObject()) {
            return LEAKED_STROKE;
        }
        return n.leaking() == LeakingStatus.YES ? "#cf222e" : n.leaking() == LeakingStatus.NO ? "#1a7f37" : "#8c959f";
    }

    static String edge(RetainGraph.Edge e) {
        return e.suspect() ? SUSPECT : e.backEdge() ? BACK_EDGE : EDGE;
    }
}
