package dev.leakinspector.graph;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.leakinspector.graph.Graphs.*;
import static org.junit.jupiter.api.Assertions.*;

class RetainGraphExportTest {
    private final RetainGraph graph = RetainGraph.builder().add(patternOne(), "Stage \"1 <Listener> & co\" › Scene").build();
    private final RetainGraphLayout.Result layout = new RetainGraphLayout(RetainGraphLayout.fixedMetrics(7, 15)).layout(graph);

    @Test
    void svgIsWellFormedXmlWithEveryNodeLabelAndEdge() throws Exception {
        String svg = RetainGraphSvg.write(graph, layout, 15);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        List<String> texts = new ArrayList<>();
        NodeList t = doc.getElementsByTagName("text");
        for (int i = 0; i < t.getLength(); i++) {
            texts.add(t.item(i).getTextContent());
        }
        for (RetainGraph.Node n : graph.nodes()) {
            assertTrue(texts.contains(n.title()), "node " + n.title() + " in " + texts);
        }
        assertTrue(texts.contains("Stage \"1 <Listener> & co\" › Scene"), "the view-stack label, escaped and parsed back");
        for (RetainGraph.Edge e : graph.edges()) {
            assertTrue(texts.contains(e.reference()), "edge label " + e.reference());
        }
        assertEquals(graph.edges().size(), doc.getElementsByTagName("path").getLength() - 4, "one path per edge (4 are markers)");
        assertTrue(svg.contains("class=\"edge suspect\""));
        assertTrue(svg.contains("back-edge"));
        assertTrue(texts.contains("suspect reference"), "the legend");
    }

    @Test
    void dotHasEveryNodeAndEveryEdgeWithItsLabel() {
        String dot = RetainGraphDot.write(graph);
        assertTrue(dot.startsWith("digraph"));
        for (RetainGraph.Node n : graph.nodes()) {
            assertTrue(dot.contains("\"" + n.key() + "\" [label=\"" + n.title()), n.title());
        }
        for (RetainGraph.Edge e : graph.edges()) {
            String line = "\"n" + Long.toHexString(e.from()) + "\" -> \"n" + Long.toHexString(e.to()) + "\" [label="
                    + RetainGraphDot.quote(e.reference());
            assertTrue(dot.contains(line), line + " in\n" + dot);
        }
        assertTrue(dot.contains("label=\"Thread.target\""));
        assertTrue(dot.contains("\\\"1 <Listener> & co\\\""), "quotes escaped");
        assertTrue(dot.contains("constraint=false"), "back edges do not rank");
        assertEquals(graph.edges().stream().filter(RetainGraph.Edge::suspect).count(),
                dot.lines().filter(l -> l.contains("->") && l.contains("penwidth=3")).count());
    }
}
