package dev.leakinspector.graph;

import dev.leakinspector.heap.ReferenceKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds a full {@link RetainGraph} into the graph a reader sees first. Two kinds of groups are folded:
 * <ul>
 *   <li>{@link Kind#INTERNALS}: a leaked object's own internals, the objects only reachable from it (its scene, its
 *       properties, what they hold), which are in the graph only because the cycles through the leaked object run
 *       through them. They become one node, {@code … 23 objects inside the Stage}; the edges between them vanish,
 *       the edges from and to the rest of the graph are merged into one per pair of ends.</li>
 *   <li>{@link Kind#COLLECTION}: the inside of a collection on a path ({@code HashMap → HashMap$Node[] → HashMap$Node
 *       → value}, an {@code ArrayList}'s {@code elementData}, a listener helper's array): one labelled step, as
 *       Shark draws it, e.g. {@code HashMap value}, {@code ArrayList[3]},
 *       {@code ExpressionHelper$Generic[0]}.</li>
 * </ul>
 * What replaces folded objects keeps their meaning: an edge is suspect, a JDK/toolkit hold, on a path, in a cycle or a
 * back edge when any edge it stands for is. The full graph is never changed: {@link RetainGraph#folded} makes a new
 * drawing for a set of expanded groups. Stateless; any thread.
 */
public final class GraphFolding {
    /** Fewer objects than this inside a leaked object are drawn as they are: one box says as much as a group. */
    public static final int MIN_INTERNALS = 2;

    /** What a group folds. */
    public enum Kind {
        /** A leaked object's own internals, drawn as one node. */
        INTERNALS,
        /** The inside of a collection on a path, drawn as one edge. */
        COLLECTION
    }

    /**
     * A set of objects drawn as one node (internals) or one edge (a collection step).
     *
     * @param id      stable id, to expand it ({@link RetainGraph#folded})
     * @param kind    what it folds
     * @param nodeId  the id of the node drawn for an {@link Kind#INTERNALS} group (negative: no heap object has it);
     *                0 for a collection
     * @param anchor  the leaked object the internals are inside; the collection's holder (the edge's start)
     * @param end     the object a collection step leads to (the edge's end); -1 for internals
     * @param members the folded objects' ids, in the full graph's order
     * @param label   what is drawn: the node's title, or the edge's label
     */
    public record Group(String id, Kind kind, long nodeId, long anchor, long end, List<Long> members, String label) {
        public Group {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            members = List.copyOf(members);
            Objects.requireNonNull(label, "label");
        }

        public int size() {
            return members.size();
        }
    }

    /** Classes that only carry a collection's entries: a chain of them is one step. */
    private static final Set<String> ENTRY_CLASSES = Set.of(
            "java.util.HashMap$Node", "java.util.HashMap$TreeNode", "java.util.LinkedHashMap$Entry",
            "java.util.Hashtable$Entry", "java.util.TreeMap$Entry", "java.util.WeakHashMap$Entry",
            "java.util.LinkedList$Node", "java.util.IdentityHashMap",
            "java.util.concurrent.ConcurrentHashMap$Node", "java.util.concurrent.ConcurrentHashMap$TreeNode",
            "java.util.concurrent.ConcurrentHashMap$TreeBin", "java.util.concurrent.ConcurrentLinkedQueue$Node",
            "java.util.concurrent.ConcurrentLinkedDeque$Node", "java.util.concurrent.LinkedBlockingQueue$Node",
            "java.util.concurrent.LinkedBlockingDeque$Node", "java.util.concurrent.ConcurrentSkipListMap$Node",
            "java.util.concurrent.ConcurrentSkipListMap$Index");

    /** Holders named by their class in a step ({@code ArrayList[3]}) rather than by their field. */
    private static final List<String> KNOWN_CONTAINERS = List.of("java.util.", "java.beans.", "javafx.collections.",
            "com.sun.javafx.collections.", "com.sun.javafx.binding.", "javafx.beans.", "javax.swing.event.EventListenerList",
            "java.awt.AWTEventMulticaster");

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]$");

    private GraphFolding() {
    }

    /** The groups of a full graph, by id: internals first (one per leaked object that has enough), then collections. */
    static Map<String, Group> groups(RetainGraph full) {
        Map<String, Group> out = new LinkedHashMap<>();
        Map<Long, List<RetainGraph.Edge>> in = new HashMap<>();
        Map<Long, List<RetainGraph.Edge>> outEdges = new HashMap<>();
        for (RetainGraph.Edge e : full.edges()) {
            in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            outEdges.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        Set<Long> taken = new HashSet<>();
        int next = 1;
        for (RetainGraph.Node leaked : full.leakedObjects()) {
            Set<Long> members = internals(full, leaked.objectId(), in, outEdges, taken);
            if (members.size() >= MIN_INTERNALS) {
                taken.addAll(members);
                List<Long> ordered = new ArrayList<>();
                for (RetainGraph.Node n : full.nodes()) {
                    if (members.contains(n.objectId())) {
                        ordered.add(n.objectId());
                    }
                }
                String id = "inside-" + Long.toHexString(leaked.objectId());
                RetainGraph.Node title = new RetainGraph.Node(-next, leaked.className(), false, leaked.leaking(), "",
                        null, "", false, "", -1, false, ordered.size());
                out.put(id, new Group(id, Kind.INTERNALS, -next, leaked.objectId(), -1, ordered, title.title()));
                next++;
            }
        }
        Set<Long> inChain = new HashSet<>();
        for (RetainGraph.Edge first : full.edges()) {
            RetainGraph.Node holder = full.node(first.from()).orElseThrow();
            if (taken.contains(holder.objectId()) || inChain.contains(holder.objectId())
                    || isEntry(full, first.from(), in, outEdges, taken)
                    || !isEntry(full, first.to(), in, outEdges, taken) || inChain.contains(first.to())) {
                continue;
            }
            List<Long> members = new ArrayList<>();
            List<RetainGraph.Edge> steps = new ArrayList<>();
            steps.add(first);
            long at = first.to();
            while (isEntry(full, at, in, outEdges, taken) && !members.contains(at)) {
                members.add(at);
                RetainGraph.Edge e = outEdges.get(at).get(0);
                steps.add(e);
                at = e.to();
            }
            if (members.contains(at) || taken.contains(at) || at == holder.objectId()) {
                continue; // a loop of entries, or one that leads into folded internals: leave it drawn
            }
            inChain.addAll(members);
            String id = "in-" + Long.toHexString(members.get(0));
            out.put(id, new Group(id, Kind.COLLECTION, 0, holder.objectId(), at, members, stepLabel(full, holder, members, steps)));
        }
        return out;
    }

    /**
     * The objects only reachable from {@code leaked}: off every path, reached from it through other such objects,
     * and held by nothing else drawn (an object a path node also holds is not only the leaked object's).
     */
    private static Set<Long> internals(RetainGraph full, long leaked, Map<Long, List<RetainGraph.Edge>> in,
                                       Map<Long, List<RetainGraph.Edge>> out, Set<Long> taken) {
        Set<Long> members = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>();
        todo.add(leaked);
        while (!todo.isEmpty()) {
            long at = todo.poll();
            for (RetainGraph.Edge e : out.getOrDefault(at, List.of())) {
                RetainGraph.Node t = full.node(e.to()).orElseThrow();
                if (!t.onPath() && !t.isRoot() && !t.leakedObject() && !taken.contains(t.objectId())
                        && members.add(t.objectId())) {
                    todo.add(t.objectId());
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (java.util.Iterator<Long> it = members.iterator(); it.hasNext(); ) {
                long m = it.next();
                for (RetainGraph.Edge e : in.getOrDefault(m, List.of())) {
                    if (e.from() != leaked && !members.contains(e.from())) {
                        it.remove();
                        changed = true;
                        break;
                    }
                }
            }
        }
        return members;
    }

    /** An object that only carries a collection's entries: one way in, one way out, and an entry class or an array. */
    private static boolean isEntry(RetainGraph full, long id, Map<Long, List<RetainGraph.Edge>> in,
                                   Map<Long, List<RetainGraph.Edge>> out, Set<Long> taken) {
        RetainGraph.Node n = full.node(id).orElseThrow();
        if (n.isRoot() || n.leakedObject() || n.classObject() || taken.contains(id)
                || in.getOrDefault(id, List.of()).size() != 1 || out.getOrDefault(id, List.of()).size() != 1) {
            return false;
        }
        return ENTRY_CLASSES.contains(n.className()) || n.className().endsWith("[]");
    }

    /**
     * A collection step's label: the holder's class for a known collection or listener helper ({@code ArrayList[3]},
     * {@code HashMap value}), else the field it starts with ({@code Window.listeners[0]}).
     */
    static String stepLabel(RetainGraph full, RetainGraph.Node holder, List<Long> members,
                            List<RetainGraph.Edge> steps) {
        boolean known = KNOWN_CONTAINERS.stream().anyMatch(p -> holder.className().startsWith(p));
        String prefix = known ? holder.shortClassName() : RetainGraph.withoutHiddenSuffix(steps.get(0).reference());
        boolean map = members.stream().map(m -> full.node(m).orElseThrow().className())
                .anyMatch(c -> c.contains("Map$") || c.startsWith("java.util.Hashtable$"));
        String last = steps.get(steps.size() - 1).reference();
        if (map) {
            return prefix + (last.endsWith(".key") ? " key" : " value");
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            Matcher m = INDEX.matcher(steps.get(i).reference());
            if (steps.get(i).kind() == ReferenceKind.ARRAY_ELEMENT && m.find()) {
                return prefix + "[" + m.group(1) + "]";
            }
        }
        return prefix + " element";
    }

    /** The drawing of {@code full} with every group folded but those in {@code expanded}. */
    static RetainGraph fold(RetainGraph full, Set<String> expanded) {
        Map<String, Group> groups = full.foundGroups();
        Map<Long, Group> hiddenIn = new HashMap<>();
        for (Group g : groups.values()) {
            if (!expanded.contains(g.id())) {
                g.members().forEach(m -> hiddenIn.put(m, g));
            }
        }
        Map<Long, RetainGraph.Node> nodes = new LinkedHashMap<>();
        for (RetainGraph.Node n : full.nodes()) {
            Group g = hiddenIn.get(n.objectId());
            if (g == null) {
                nodes.put(n.objectId(), n);
            } else if (g.kind() == Kind.INTERNALS && !nodes.containsKey(g.nodeId())) {
                RetainGraph.Node leaked = full.node(g.anchor()).orElseThrow();
                nodes.put(g.nodeId(), new RetainGraph.Node(g.nodeId(), leaked.className(), false,
                        leaked.leaking(), "objects only reachable from the leaked " + leaked.shortClassName()
                        + ": they die with it", null, "", false, "", -1, false, g.size()));
            }
        }
        Map<List<Long>, List<RetainGraph.Edge>> merged = new LinkedHashMap<>();
        for (RetainGraph.Edge e : full.edges()) {
            Group from = hiddenIn.get(e.from());
            Group to = hiddenIn.get(e.to());
            if (to != null && to.kind() == Kind.COLLECTION) {
                if (from == null && e.from() == to.anchor()) {
                    // the chain's first step stands for the whole chain
                    merged.put(List.of(e.from(), e.to(), (long) merged.size()), collectionEdges(full, to));
                }
                continue;
            }
            if (from != null && from.kind() == Kind.COLLECTION) {
                continue;
            }
            long a = from == null ? e.from() : from.nodeId();
            long b = to == null ? e.to() : to.nodeId();
            if (a != b) {
                merged.computeIfAbsent(List.of(a, b), k -> new ArrayList<>()).add(e);
            }
        }
        List<RetainGraph.Edge> edges = new ArrayList<>();
        for (Map.Entry<List<Long>, List<RetainGraph.Edge>> m : merged.entrySet()) {
            List<RetainGraph.Edge> parts = m.getValue();
            long from = m.getKey().get(0);
            long to = m.getKey().get(1);
            String reference;
            if (m.getKey().size() == 3) {
                Group g = hiddenIn.get(to);
                to = g.end();
                reference = g.label();
            } else {
                reference = parts.size() == 1 ? parts.get(0).reference()
                        : parts.get(0).reference() + " (+" + (parts.size() - 1) + " more)";
            }
            edges.add(mergedEdge(from, to, reference, parts));
        }
        return new RetainGraph(full, nodes, edges, groups, expanded);
    }

    /** The edges a collection step stands for: from its holder through its entries to its end. */
    private static List<RetainGraph.Edge> collectionEdges(RetainGraph full, Group g) {
        Set<Long> chain = new HashSet<>(g.members());
        chain.add(g.anchor());
        List<RetainGraph.Edge> out = new ArrayList<>();
        for (RetainGraph.Edge e : full.edges()) {
            if (chain.contains(e.from()) && (g.members().contains(e.to()) || e.to() == g.end())) {
                out.add(e);
            }
        }
        return out;
    }

    private static RetainGraph.Edge mergedEdge(long from, long to, String reference, List<RetainGraph.Edge> parts) {
        boolean suspect = false;
        boolean onPath = false;
        boolean inCycle = false;
        boolean back = false;
        String why = "";
        for (RetainGraph.Edge p : parts) {
            suspect |= p.suspect();
            onPath |= p.onPath();
            inCycle |= p.inCycle();
            back |= p.backEdge();
            if (why.isEmpty()) {
                why = p.libraryHoldWhy();
            }
        }
        return new RetainGraph.Edge(from, to, reference, parts.get(parts.size() - 1).kind(), suspect, onPath, inCycle,
                back, why);
    }
}
