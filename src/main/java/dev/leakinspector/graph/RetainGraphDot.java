package dev.leakinspector.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link RetainGraph} in Graphviz DOT, top to bottom, with the same meaning as the view: node colour by
 * leaking status, the leaked object bold, suspect references red and thick, back edges dashed and left out of
 * the ranking (so {@code dot} keeps roots on top). Graphviz lays it out itself; no layout is needed.
 * Stateless; any thread.
 */
public final class RetainGraphDot {
    private RetainGraphDot() {
    }

    public static String write(RetainGraph graph) {
        StringBuilder sb = new StringBuilder("digraph RetainCycle {\n");
        sb.append("  rankdir=TB;\n");
        sb.append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n");
        sb.append("  edge [fontname=\"Helvetica\", fontsize=10, color=\"").append(GraphColors.EDGE).append("\"];\n");
        for (RetainGraph.Node n : graph.nodes()) {
            List<String> lines = new ArrayList<>();
            for (RetainGraphLayout.NodeLine l : RetainGraphLayout.nodeLines(n)) {
                lines.add(l.text());
            }
            sb.append("  ").append(id(n.key())).append(" [label=").append(quote(String.join("\n", lines)))
                    .append(", tooltip=").append(quote(n.isGroup() ? n.title() + " (its own internals)" : n.className()))
                    .append(", fillcolor=\"").append(GraphColors.fill(n)).append("\", color=\"").append(GraphColors.stroke(n))
                    .append('"').append(n.leakedObject() ? ", penwidth=3" : "")
                    .append(n.isGroup() ? ", style=\"rounded,filled,dashed\"" : "").append("];\n");
        }
        for (RetainGraph.Edge e : graph.edges()) {
            sb.append("  ").append(id(RetainGraph.keyOf(e.from()))).append(" -> ")
                    .append(id(RetainGraph.keyOf(e.to()))).append(" [label=").append(quote(RetainGraph.withoutHiddenSuffix(e.reference())));
            if (e.suspect()) {
                sb.append(", color=\"").append(GraphColors.SUSPECT).append("\", fontcolor=\"").append(GraphColors.SUSPECT)
                        .append("\", penwidth=3");
            }
            if (e.libraryHold() && !e.suspect()) {
                sb.append(", color=\"").append(GraphColors.LIBRARY_HOLD).append("\", fontcolor=\"").append(GraphColors.LIBRARY_HOLD)
                        .append("\", style=dotted, penwidth=2");
            }
            if (e.backEdge()) {
                sb.append(", style=dashed, constraint=false");
                if (!e.suspect() && !e.libraryHold()) {
                    sb.append(", color=\"").append(GraphColors.BACK_EDGE).append('"');
                }
            }
            sb.append("];\n");
        }
        return sb.append("}\n").toString();
    }

    private static String id(String key) {
        return '"' + key + '"';
    }

    /** A DOT quoted string: quotes and backslashes escaped, line breaks as {@code \n} (centred lines). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': break;
                default: sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
