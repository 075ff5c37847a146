package dev.leakinspector.graph;

import java.util.List;
import java.util.Locale;

/**
 * Writes a laid-out {@link RetainGraph} as a standalone SVG document: node boxes coloured by leaking status, their
 * lines of text, edge routes with arrowheads, edge labels, suspect references red and thick, back edges dashed, and
 * a legend. Written by hand (no SVG library): the drawing is only boxes, text and paths. Stateless; any thread.
 */
public final class RetainGraphSvg {
    private static final double LEGEND_HEIGHT = 30;

    private RetainGraphSvg() {
    }

    /** The SVG document (UTF-8 text) for the graph laid out as {@code layout}. */
    public static String write(RetainGraph graph, RetainGraphLayout.Result layout, double lineHeight) {
        double width = Math.max(layout.width(), 620);
        double height = layout.height() + LEGEND_HEIGHT;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" viewBox=\"0 0 ").append(n(width)).append(' ')
                .append(n(height)).append("\" font-family=\"Segoe UI, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        sb.append("<title>Retain Cycle: why ").append(esc(titleOf(graph))).append(" is alive</title>\n");
        sb.append("<defs>\n");
        marker(sb, "arrow", GraphColors.EDGE);
        marker(sb, "arrow-suspect", GraphColors.SUSPECT);
        marker(sb, "arrow-back", GraphColors.BACK_EDGE);
        marker(sb, "arrow-hold", GraphColors.LIBRARY_HOLD);
        sb.append("</defs>\n");
        sb.append("<rect x=\"0\" y=\"0\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" fill=\"#ffffff\"/>\n");
        legend(sb);
        sb.append("<g transform=\"translate(0,").append(n(LEGEND_HEIGHT)).append(")\">\n");
        for (RetainGraphLayout.EdgeRoute r : layout.routes()) {
            RetainGraph.Edge e = r.edge();
            String marker = e.suspect() ? "arrow-suspect" : e.libraryHold() ? "arrow-hold" : e.backEdge() ? "arrow-back" : "arrow";
            sb.append("<path class=\"edge").append(e.suspect() ? " suspect" : "").append(e.libraryHold() ? " library-hold" : "")
                    .append(e.backEdge() ? " back-edge" : "")
                    .append("\" d=\"");
            List<RetainGraphLayout.Point> pts = r.points();
            for (int i = 0; i < pts.size(); i++) {
                sb.append(i == 0 ? "M" : " L").append(n(pts.get(i).x())).append(',').append(n(pts.get(i).y()));
            }
            sb.append("\" fill=\"none\" stroke=\"").append(GraphColors.edge(e)).append("\" stroke-width=\"")
                    .append(e.suspect() ? "3" : e.libraryHold() ? "2.4" : "1.4").append('"')
                    .append(e.libraryHold() ? " stroke-dasharray=\"2,4\"" : e.backEdge() ? " stroke-dasharray=\"6,4\"" : "")
                    .append(" marker-end=\"url(#").append(marker).append(")\"/>\n");
        }
        for (RetainGraphLayout.EdgeRoute r : layout.routes()) {
            RetainGraph.Edge e = r.edge();
            RetainGraphLayout.Box b = r.labelBox();
            sb.append("<rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y())).append("\" width=\"")
                    .append(n(b.width())).append("\" height=\"").append(n(b.height()))
                    .append("\" fill=\"#ffffff\" fill-opacity=\"0.85\"/>\n");
            sb.append("<text class=\"edge-label\" x=\"").append(n(b.x() + 2)).append("\" y=\"")
                    .append(n(b.y() + b.height() * 0.78)).append("\" fill=\"")
                    .append(e.suspect() || e.libraryHold() || e.backEdge() ? GraphColors.edge(e) : GraphColors.MUTED_TEXT).append('"')
                    .append(e.suspect() ? " font-weight=\"bold\"" : "").append('>')
                    .append(esc(RetainGraphLayout.edgeText(e))).append("</text>\n");
        }
        for (RetainGraph.Node node : graph.nodes()) {
            RetainGraphLayout.Box b = layout.boxes().get(node.objectId());
            sb.append("<g class=\"node\" id=\"").append(node.key()).append("\">\n");
            sb.append("<title>").append(esc(node.className())).append("</title>\n");
            sb.append("<rect x=\"").append(n(b.x())).append("\" y=\"").append(n(b.y())).append("\" width=\"")
                    .append(n(b.width())).append("\" height=\"").append(n(b.height())).append("\" rx=\"6\" fill=\"")
                    .append(GraphColors.fill(node)).append("\" stroke=\"").append(GraphColors.stroke(node))
                    .append("\" stroke-width=\"").append(node.leakedObject() ? "3" : "1.5").append('"')
                    .append(node.isGroup() ? " stroke-dasharray=\"5,3\"" : "").append("/>\n");
            double y = b.y() + RetainGraphLayout.PADDING_Y;
            for (RetainGraphLayout.NodeLine line : layout.lines().get(node.objectId())) {
                y += lineHeight;
                boolean title = line.role() == RetainGraphLayout.NodeLine.Role.TITLE;
                sb.append("<text x=\"").append(n(b.x() + RetainGraphLayout.PADDING_X)).append("\" y=\"")
                        .append(n(y - lineHeight * 0.25)).append("\" fill=\"")
                        .append(title ? GraphColors.TEXT : GraphColors.MUTED_TEXT).append('"')
                        .append(title ? " font-weight=\"bold\"" : "").append('>').append(esc(line.text()))
                        .append("</text>\n");
            }
            sb.append("</g>\n");
        }
        sb.append("</g>\n</svg>\n");
        return sb.toString();
    }

    private static String titleOf(RetainGraph graph) {
        List<RetainGraph.Node> leaked = graph.leakedObjects();
        return leaked.isEmpty() ? "the object" : leaked.get(0).title();
    }

    private static void marker(StringBuilder sb, String id, String color) {
        sb.append("<marker id=\"").append(id).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\"")
                .append(" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                .append(color).append("\"/></marker>\n");
    }

    private static void legend(StringBuilder sb) {
        double x = 12;
        String[][] items = {
            {"box", GraphColors.NOT_LEAKING_FILL, GraphColors.NOT_LEAKING_STROKE, "not leaking"},
            {"box", GraphColors.UNKNOWN_FILL, GraphColors.UNKNOWN_STROKE, "unknown"},
            {"box", GraphColors.LEAKING_FILL, GraphColors.LEAKING_STROKE, "leaking"},
            {"box", GraphColors.LEAKED_FILL, GraphColors.LEAKED_STROKE, "leaked object"},
            {"line", GraphColors.SUSPECT, "3", "suspect reference"},
            {"dots", GraphColors.LIBRARY_HOLD, "2.4", "JDK/toolkit hold"},
            {"dash", GraphColors.BACK_EDGE, "1.4", "cycle (back edge)"},
        };
        for (String[] it : items) {
            if (it[0].equals("box")) {
                sb.append("<rect x=\"").append(n(x)).append("\" y=\"9\" width=\"14\" height=\"12\" rx=\"3\" fill=\"")
                        .append(it[1]).append("\" stroke=\"").append(it[2]).append("\" stroke-width=\"1.5\"/>\n");
                x += 18;
            } else {
                sb.append("<line x1=\"").append(n(x)).append("\" y1=\"15\" x2=\"").append(n(x + 22))
                        .append("\" y2=\"15\" stroke=\"").append(it[1]).append("\" stroke-width=\"").append(it[2]).append('"')
                        .append(it[0].equals("dash") ? " stroke-dasharray=\"6,4\"" : it[0].equals("dots") ? " stroke-dasharray=\"2,4\"" : "")
                        .append("/>\n");
                x += 26;
            }
            sb.append("<text x=\"").append(n(x)).append("\" y=\"19\" fill=\"").append(GraphColors.TEXT).append("\">")
                    .append(esc(it[3])).append("</text>\n");
            x += it[3].length() * 6.5 + 16;
        }
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                default:
                    // XML 1.0 cannot carry most control characters at all, even escaped
                    sb.append(c < 0x20 && c != '\t' && c != '\n' ? '?' : c);
            }
        }
        return sb.toString();
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
