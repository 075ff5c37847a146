package dev.leakinspector.graph;

import dev.leakinspector.heap.LeakingStatus;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out a {@link RetainGraph} with Eclipse ELK's {@code layered} algorithm, top down: GC roots at the top, the
 * leaked object at the bottom. Back edges (cycles) are given to ELK reversed so that they never pull a root down,
 * and their routes are turned round again afterwards, so they are drawn pointing up. Node boxes are sized from the
 * lines of text they show ({@link #nodeLines}) with the caller's {@link TextMetrics}, so labels fit.
 *
 * <p>Plain Java, no JavaFX: call on any thread the {@link TextMetrics} allows (a few milliseconds for the graph
 * sizes retention paths give). Holds no state between calls; use one instance per thread.
 */
public final class RetainGraphLayout {
    /** Widest text on a node; longer labels (view stacks) are cut with an ellipsis, the tooltip has them whole. */
    public static final int MAX_LINE_CHARS = 64;
    /** Space inside a node box around its text. */
    public static final double PADDING_X = 10;
    public static final double PADDING_Y = 6;

    /** Measures text as the renderer will draw it. Implementations say their threading rule. */
    public interface TextMetrics {
        /** Width of one line; {@code bold} for node titles. */
        double width(String text, boolean bold);

        /** Height of one line of text. */
        double lineHeight();
    }

    /** A monospace-like estimate: every character the same width. For tests and headless exports; any thread. */
    public static TextMetrics fixedMetrics(double charWidth, double lineHeight) {
        return new TextMetrics() {
            @Override
            public double width(String text, boolean bold) {
                return text.length() * charWidth * (bold ? 1.1 : 1.0);
            }

            @Override
            public double lineHeight() {
                return lineHeight;
            }
        };
    }

    /** A point of an edge route. */
    public record Point(double x, double y) {
    }

    /** Where a node's box is: top-left corner and size. */
    public record Box(double x, double y, double width, double height) {
        public double centerX() {
            return x + width / 2;
        }

        public double centerY() {
            return y + height / 2;
        }

        public boolean overlaps(Box o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }
    }

    /**
     * One line of text in a node box.
     *
     * @param text  what is drawn (already shortened)
     * @param role  what it says, for styling: title, label (view stack), root, status
     */
    public record NodeLine(String text, Role role) {
        public enum Role { TITLE, LABEL, ROOT, STATUS }
    }

    /**
     * Where an edge is drawn: its route from the holder to the held object (arrowhead at the last point) and the
     * box of its label.
     */
    public record EdgeRoute(RetainGraph.Edge edge, List<Point> points, Box labelBox) {
        public EdgeRoute {
            points = List.copyOf(points);
        }
    }

    /** The result: boxes by object id, routes in the graph's edge order, and the size of the whole drawing. */
    public record Result(Map<Long, Box> boxes, Map<Long, List<NodeLine>> lines, List<EdgeRoute> routes,
                         double width, double height) {
        public Result {
            boxes = Collections.unmodifiableMap(new LinkedHashMap<>(boxes));
            lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
            routes = List.copyOf(routes);
        }
    }

    static {
        // ELK's option defaults (paddings, spacings) are cloned through ElkReflect, which the meta-data service
        // fills when it starts; outside Eclipse nothing starts it for us.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private final TextMetrics metrics;

    public RetainGraphLayout(TextMetrics metrics) {
        this.metrics = metrics;
    }

    /** The lines a node box shows, top to bottom: class, view-stack label, GC root kind, leaking status. */
    public static List<NodeLine> nodeLines(RetainGraph.Node n) {
        List<NodeLine> out = new ArrayList<>();
        out.add(new NodeLine(shorten(n.title()), NodeLine.Role.TITLE));
        if (n.isGroup()) {
            // a leaked object's internals: they go when it goes
            out.add(new NodeLine("Leaking: " + n.leaking() + " · die with it", NodeLine.Role.STATUS));
            return out;
        }
        if (!n.label().isEmpty()) {
            out.add(new NodeLine(shorten(n.label()), NodeLine.Role.LABEL));
        }
        if (n.isRoot()) {
            for (String line : rootLines(n)) {
                out.add(new NodeLine(shorten(line), NodeLine.Role.ROOT));
            }
        }
        String status = n.leakedObject() ? "LEAKED · Leaking: YES" : "Leaking: " + n.leaking();
        out.add(new NodeLine(status, NodeLine.Role.STATUS));
        return out;
    }

    private static final java.util.regex.Pattern LOCAL_ROOT =
            java.util.regex.Pattern.compile("(local variable|JNI local) in thread \"(.*)\" at ([^(]+)(\\(.*)?");

    /**
     * How a root node says what holds it. A thread's local variable names the thread and the frame, in the
     * issue's words ({@code local in thread "pool-1"}, {@code frame Foo.run}): "Java local variable" alone
     * does not tell a reader which of the program's threads to look at.
     */
    static List<String> rootLines(RetainGraph.Node n) {
        java.util.regex.Matcher m = LOCAL_ROOT.matcher(n.rootDescription());
        if (m.matches()) {
            String method = m.group(3).trim();
            if (method.startsWith("frame #")) {
                return List.of("GC root: local in thread \"" + m.group(2) + "\"", method);
            }
            int dot = method.lastIndexOf('.');
            String simple = method.substring(method.lastIndexOf('.', dot - 1) + 1);
            return List.of("GC root: " + (m.group(1).startsWith("JNI") ? "JNI local" : "local") + " in thread \""
                    + m.group(2) + "\"", "frame " + simple);
        }
        String d = n.rootDescription();
        return List.of("GC root: " + (d.isEmpty() || d.equals(n.rootKind().description()) ? n.rootKind().description() : d));
    }

    /** The text an edge label shows (the reference, shortened). */
    public static String edgeText(RetainGraph.Edge e) {
        return shorten(RetainGraph.withoutHiddenSuffix(e.reference()));
    }

    static String shorten(String s) {
        return s.length() <= MAX_LINE_CHARS ? s : s.substring(0, MAX_LINE_CHARS - 1) + "…";
    }

    /** Lays the graph out; the graph must be in state {@link RetainGraph.State#GRAPH}. */
    public Result layout(RetainGraph graph) {
        if (graph.state() != RetainGraph.State.GRAPH) {
            throw new IllegalArgumentException("nothing to lay out: " + graph.state());
        }
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 36.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 24.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(20));

        Map<Long, ElkNode> elkNodes = new HashMap<>();
        Map<Long, List<NodeLine>> lines = new LinkedHashMap<>();
        for (RetainGraph.Node n : graph.nodes()) {
            List<NodeLine> l = nodeLines(n);
            lines.put(n.objectId(), l);
            double w = 0;
            for (NodeLine line : l) {
                w = Math.max(w, metrics.width(line.text(), line.role() == NodeLine.Role.TITLE));
            }
            ElkNode en = ElkGraphUtil.createNode(root);
            en.setIdentifier(n.key());
            en.setDimensions(Math.ceil(w + 2 * PADDING_X), Math.ceil(l.size() * metrics.lineHeight() + 2 * PADDING_Y));
            elkNodes.put(n.objectId(), en);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (RetainGraph.Edge e : graph.edges()) {
            // back edges go in reversed, so the graph ELK sees has no cycle to break in a way we did not choose
            ElkNode source = elkNodes.get(e.backEdge() ? e.to() : e.from());
            ElkNode target = elkNodes.get(e.backEdge() ? e.from() : e.to());
            ElkEdge ee = ElkGraphUtil.createSimpleEdge(source, target);
            String text = edgeText(e);
            ElkLabel label = ElkGraphUtil.createLabel(text, ee);
            label.setDimensions(Math.ceil(metrics.width(text, e.suspect()) + 4), Math.ceil(metrics.lineHeight()));
            label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            elkEdges.add(ee);
        }

        new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());

        Map<Long, Box> boxes = new LinkedHashMap<>();
        for (RetainGraph.Node n : graph.nodes()) {
            ElkNode en = elkNodes.get(n.objectId());
            boxes.put(n.objectId(), new Box(en.getX(), en.getY(), en.getWidth(), en.getHeight()));
        }
        List<EdgeRoute> routes = new ArrayList<>();
        for (int i = 0; i < elkEdges.size(); i++) {
            ElkEdge ee = elkEdges.get(i);
            RetainGraph.Edge e = graph.edges().get(i);
            List<Point> pts = new ArrayList<>();
            // all nodes are children of the root, so the edge's coordinates are already in the root's system
            for (ElkEdgeSection s : ee.getSections()) {
                pts.add(new Point(s.getStartX(), s.getStartY()));
                for (ElkBendPoint b : s.getBendPoints()) {
                    pts.add(new Point(b.getX(), b.getY()));
                }
                pts.add(new Point(s.getEndX(), s.getEndY()));
            }
            if (pts.isEmpty()) {
                Box a = boxes.get(e.from());
                Box b = boxes.get(e.to());
                pts.add(new Point(a.centerX(), a.y() + a.height()));
                pts.add(new Point(b.centerX(), b.y()));
            } else if (e.backEdge()) {
                Collections.reverse(pts);
            }
            ElkLabel l = ee.getLabels().get(0);
            Box labelBox = new Box(l.getX(), l.getY(), l.getWidth(), l.getHeight());
            routes.add(new EdgeRoute(e, pts, labelBox));
        }
        return new Result(boxes, lines, routes, root.getWidth(), root.getHeight());
    }

    /** Whether a node should be read as "not leaking" (green), "leaking" (red) or unknown, for renderers. */
    public static String statusStyle(RetainGraph.Node n) {
        if (n.leakedObject()) {
            return "leaked";
        }
        return n.leaking() == LeakingStatus.YES ? "leaking-yes" : n.leaking() == LeakingStatus.NO ? "leaking-no" : "leaking-unknown";
    }
}
