package dev.leakinspector.graph;

import dev.leakinspector.heap.LeakingStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one source of the graph's colours, for the app's view and the exported drawings (SVG, DOT): green for not
 * leaking, red for leaking, grey for unknown, red and thick for suspect references, amber dots for JDK/toolkit holds,
 * indigo dashes for back edges. One palette serves both themes: node boxes carry their own light fill and dark
 * text, so they read the same on a light or a dark canvas, and edge colours are mid tones that stand out on white
 * and on near-black. The view sets them as the looked-up colours of {@code graph.css} ({@link #lookedUpColors()});
 * the stylesheet names no colour of its own. Exports are documents on white paper. Constants; any thread.
 */
public final class GraphColors {
    public static final String TEXT = "#1f2328";
    public static final String MUTED_TEXT = "#424a53";
    public static final String ROOT_TEXT = "#1a7f37";
    public static final String EDGE = "#8c959f";
    public static final String SUSPECT = "#e5534b";
    public static final String BACK_EDGE = "#7a72e0";
    public static final String LIBRARY_HOLD = "#c69026";
    public static final String SELECTED = "#0969da";
    public static final String NOT_LEAKING_FILL = "#dafbe1";
    public static final String NOT_LEAKING_STROKE = "#1a7f37";
    public static final String UNKNOWN_FILL = "#f6f8fa";
    public static final String UNKNOWN_STROKE = "#8c959f";
    public static final String LEAKING_FILL = "#ffebe9";
    public static final String LEAKING_STROKE = "#cf222e";
    public static final String LEAKED_FILL = "#ffd7d5";
    public static final String LEAKED_STROKE = "#a40e26";

    private GraphColors() {
    }

    /** A node box's fill. */
    public static String fill(RetainGraph.Node n) {
        if (n.leakedObject()) {
            return LEAKED_FILL;
        }
        return n.leaking() == LeakingStatus.YES ? LEAKING_FILL : n.leaking() == LeakingStatus.NO ? NOT_LEAKING_FILL : UNKNOWN_FILL;
    }

    /** A node box's border. */
    public static String stroke(RetainGraph.Node n) {
        if (n.leakedObject()) {
            return LEAKED_STROKE;
        }
        return n.leaking() == LeakingStatus.YES ? LEAKING_STROKE : n.leaking() == LeakingStatus.NO ? NOT_LEAKING_STROKE : UNKNOWN_STROKE;
    }

    /** An edge's line (and arrowhead); a suspect reference wins over a hold, a hold over a back edge. */
    public static String edge(RetainGraph.Edge e) {
        return e.suspect() ? SUSPECT : e.libraryHold() ? LIBRARY_HOLD : e.backEdge() ? BACK_EDGE : EDGE;
    }

    /**
     * The palette as the looked-up colours {@code graph.css} uses ({@code -graph-edge}, {@code -graph-suspect}, …),
     * in a stable order.
     */
    public static Map<String, String> lookedUpColors() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("-graph-node-text", TEXT);
        m.put("-graph-node-muted", MUTED_TEXT);
        m.put("-graph-root-text", ROOT_TEXT);
        m.put("-graph-edge", EDGE);
        m.put("-graph-suspect", SUSPECT);
        m.put("-graph-back-edge", BACK_EDGE);
        m.put("-graph-library-hold", LIBRARY_HOLD);
        m.put("-graph-selected", SELECTED);
        m.put("-graph-no-fill", NOT_LEAKING_FILL);
        m.put("-graph-no-stroke", NOT_LEAKING_STROKE);
        m.put("-graph-unknown-fill", UNKNOWN_FILL);
        m.put("-graph-unknown-stroke", UNKNOWN_STROKE);
        m.put("-graph-yes-fill", LEAKING_FILL);
        m.put("-graph-yes-stroke", LEAKING_STROKE);
        m.put("-graph-leaked-fill", LEAKED_FILL);
        m.put("-graph-leaked-stroke", LEAKED_STROKE);
        return m;
    }

    /** {@link #lookedUpColors()} as an inline JavaFX style ({@code -graph-edge: #8c959f; …}). */
    public static String lookedUpStyle() {
        StringBuilder sb = new StringBuilder();
        lookedUpColors().forEach((k, v) -> sb.append(k).append(": ").append(v).append("; "));
        return sb.toString().trim();
    }
}
