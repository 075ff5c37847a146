package dev.leakinspector.cli;

import dev.leakinspector.graph.RetainGraph;
import dev.leakinspector.graph.RetainGraphDot;
import dev.leakinspector.graph.RetainGraphLayout;
import dev.leakinspector.graph.RetainGraphSvg;
import dev.leakinspector.heap.ObjectAnalysis;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code analyze … --dot FILE --svg FILE}: draws the analysed objects' Retain Cycle graph as the app first shows
 * it (folded: a leaked object's own internals in one node, collection insides in one step; see
 * {@link RetainGraph#folded}), in Graphviz DOT or as a standalone SVG document. {@code -} as FILE writes to standard
 * output instead of the trace. SVG text is measured with fixed character widths (no fonts on a server), a little
 * wide so labels fit their boxes in common sans-serif fonts. Stateless; runs on the calling thread.
 */
final class GraphExport {
    /** Written to standard output rather than a file. */
    static final String STDOUT = "-";
    /** SVG text metrics: {@code RetainGraphSvg} writes 12 px text; this average width errs on the wide side. */
    private static final double CHAR_WIDTH = 7.2;
    private static final double LINE_HEIGHT = 16;

    private GraphExport() {
    }

    /** Whether one of the drawings goes to standard output (so the trace must not). */
    static boolean toStdout(String dot, String svg) {
        return STDOUT.equals(dot) || STDOUT.equals(svg);
    }

    /**
     * Writes the drawings asked for ({@code dot}, {@code svg}: a file, {@code -}, or null for none). Returns the
     * exit code: 0, or 1 when there is nothing to draw (said on {@code err}).
     *
     * @throws IOException when a file cannot be written
     */
    static int write(List<ObjectAnalysis> results, String dot, String svg, PrintStream out, PrintStream err)
            throws IOException {
        if (results.isEmpty()) {
            err.println("analyze: no object to draw");
            return 1;
        }
        RetainGraph.Builder builder = RetainGraph.builder();
        results.forEach(r -> builder.add(r, null));
        RetainGraph graph = builder.build();
        if (graph.state() != RetainGraph.State.GRAPH) {
            err.println("analyze: no graph to draw: " + graph.message());
            return 1;
        }
        RetainGraph drawn = graph.folded(Set.of());
        if (dot != null) {
            emit(RetainGraphDot.write(drawn), dot, out);
        }
        if (svg != null) {
            RetainGraphLayout.Result layout = new RetainGraphLayout(RetainGraphLayout.fixedMetrics(CHAR_WIDTH, LINE_HEIGHT))
                    .layout(drawn);
            emit(RetainGraphSvg.write(drawn, layout, LINE_HEIGHT), svg, out);
        }
        return 0;
    }

    private static void emit(String text, String target, PrintStream out) throws IOException {
        if (STDOUT.equals(target)) {
            out.print(text);
        } else {
            Files.writeString(Path.of(target), text, StandardCharsets.UTF_8);
        }
    }
}
