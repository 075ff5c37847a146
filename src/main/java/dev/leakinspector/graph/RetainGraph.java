package dev.leakinspector.graph;

import dev.leakinspector.heap.ChangeHint;
import dev.leakinspector.heap.ChangeHints;
import dev.leakinspector.heap.GcRootKind;
import dev.leakinspector.heap.LeakingStatus;
import dev.leakinspector.heap.ObjectAnalysis;
import dev.leakinspector.heap.PathStep;
import dev.leakinspector.heap.ReferenceKind;
import dev.leakinspector.heap.RetainCycle;
import dev.leakinspector.heap.RetentionPath;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Retain Cycle graph of one or more analysed objects: every object on their retention paths once (keyed by
 * object id, so paths that share objects merge), every reference between them once, and the reference cycles
 * through the analysed objects as back edges. Plain Java, no JavaFX, immutable: build it on any thread, hand it to
 * {@code dev.leakinspector.app.graph.RetainGraphView} on the FX thread.
 *
 * <pre>{@code
 * RetainGraph graph = RetainGraph.builder()
 *         .add(analysis, "Stage \"1 Listener\" › Scene")   // label may be null
 *         .build();
 * if (graph.state() == RetainGraph.State.GRAPH) { ... graph.nodes(), graph.edges() ... }
 * }</pre>
 *
 * <p>When there is nothing to draw, {@link #state()} says why and {@link #message()} says it in words.
 */
public final class RetainGraph {

    /** Whether there is a graph, and if not, why not. */
    public enum State {
        /** Nodes and edges to draw. */
        GRAPH,
        /** The object was collected before the dump was written: an Object Deallocated case, not a leak. */
        OBJECT_COLLECTED,
        /** No strong path from a GC root: only weakly (or softly, phantom) reachable; the next GC frees it. */
        NO_STRONG_PATH
    }

    /**
     * One heap object of the graph.
     *
     * @param objectId        id in the dump (the key: one node per object)
     * @param className       full Java class name; for a class object, the class it is
     * @param classObject     whether the node is a class object (its statics)
     * @param leaking         leaking status (when paths disagree YES wins, then NO, then UNKNOWN)
     * @param leakingReason   why it has that status, may be empty
     * @param rootKind        the GC-root kind when some path starts here, else {@code null}
     * @param rootDescription how the root holds it, e.g. {@code local variable in thread "main" at …}, or empty
     * @param leakedObject    whether this is one of the analysed (leaked) objects
     * @param label           caller's label for the object (the watch's view stack), or empty
     * @param retainedBytes   retained size when known (analysed objects), else -1
     * @param onPath          whether it lies on a retention path (false: it is only on a cycle)
     * @param groupSize       0 for a heap object; for the node of a folded group ({@link #group(long)}), the number
     *                        of objects it stands for, and then {@code objectId} is the group's own (negative) id
     *                        and {@code className} the class of the object they are inside
     */
    public record Node(long objectId, String className, boolean classObject, LeakingStatus leaking,
                       String leakingReason, GcRootKind rootKind, String rootDescription, boolean leakedObject,
                       String label, long retainedBytes, boolean onPath, int groupSize) {
        public Node {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(leaking, "leaking");
            leakingReason = leakingReason == null ? "" : leakingReason;
            rootDescription = rootDescription == null ? "" : rootDescription;
            label = label == null ? "" : label;
        }

        /** A heap object (no group). */
        public Node(long objectId, String className, boolean classObject, LeakingStatus leaking,
                    String leakingReason, GcRootKind rootKind, String rootDescription, boolean leakedObject,
                    String label, long retainedBytes, boolean onPath) {
            this(objectId, className, classObject, leaking, leakingReason, rootKind, rootDescription, leakedObject,
                    label, retainedBytes, onPath, 0);
        }

        /** Whether this node stands for a folded group of objects rather than one heap object. */
        public boolean isGroup() {
            return groupSize > 0;
        }

        /** Whether a GC root holds this object directly. */
        public boolean isRoot() {
            return rootKind != null;
        }

        /** The class name without package, e.g. {@code ModelListenerPattern$StatusController}. */
        public String shortClassName() {
            return shortName(className);
        }

        /**
         * What a node box says first: the short class name, with " class" for a class object; for a folded group
         * {@code … 23 objects inside the Stage}.
         */
        public String title() {
            if (isGroup()) {
                return "… " + groupSize + (groupSize == 1 ? " object" : " objects") + " inside the " + shortClassName();
            }
            return shortClassName() + (classObject ? " class" : "");
        }

        /** Stable text id used by the exporters and the view ({@code n} + hex object id; {@code g} + n for a group). */
        public String key() {
            return keyOf(objectId);
        }
    }

    /**
     * A strong reference from one object to another.
     *
     * @param from      holder's object id
     * @param to        held object's id
     * @param reference display form, e.g. {@code static AppModel.INSTANCE}, {@code Object[3]}, a local's thread
     * @param kind      kind of reference
     * @param suspect   whether it lies between the last not-leaking and the first leaking object (may be the cause)
     * @param onPath    whether it lies on a retention path
     * @param inCycle   whether it is part of a reported reference cycle
     * @param backEdge  whether it points back up the graph (closes a cycle); the layout lays it out reversed
     * @param libraryHoldWhy when the reference is a documented JDK/toolkit hold, its one-line why (no program can
     *                  remove it, it is not a suspect); else empty
     */
    public record Edge(long from, long to, String reference, ReferenceKind kind, boolean suspect, boolean onPath,
                       boolean inCycle, boolean backEdge, String libraryHoldWhy) {
        public Edge {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(libraryHoldWhy, "libraryHoldWhy");
        }

        /** An edge that is no JDK/toolkit hold. */
        public Edge(long from, long to, String reference, ReferenceKind kind, boolean suspect, boolean onPath,
                    boolean inCycle, boolean backEdge) {
            this(from, to, reference, kind, suspect, onPath, inCycle, backEdge, "");
        }

        /** Whether the reference is a documented JDK/toolkit hold. */
        public boolean libraryHold() {
            return !libraryHoldWhy.isEmpty();
        }
    }

    private final State state;
    private final String message;
    private final Map<Long, Node> nodes;
    private final List<Edge> edges;
    private final List<ObjectAnalysis> analyses;
    /** The graph this one was folded from, or this graph itself when it is the full one. */
    private final RetainGraph full;
    /** Every group of the full graph (folded here or not), by id, in the order {@link GraphFolding} found them. */
    private final Map<String, GraphFolding.Group> groups;
    /** Ids of the groups drawn expanded in this graph. */
    private final Set<String> expanded;
    /** Cache of {@link GraphFolding#groups}: computed once per full graph. */
    private Map<String, GraphFolding.Group> foundGroups;

    private RetainGraph(State state, String message, Map<Long, Node> nodes, List<Edge> edges,
                        List<ObjectAnalysis> analyses) {
        this.state = state;
        this.message = message;
        this.nodes = Collections.unmodifiableMap(nodes);
        this.edges = List.copyOf(edges);
        this.analyses = List.copyOf(analyses);
        this.full = this;
        this.groups = null;
        this.expanded = Set.of();
    }

    /** A folded drawing of {@code full}: made by {@link GraphFolding}. */
    RetainGraph(RetainGraph full, Map<Long, Node> nodes, List<Edge> edges, Map<String, GraphFolding.Group> groups,
                Set<String> expanded) {
        this.state = full.state;
        this.message = full.message;
        this.nodes = Collections.unmodifiableMap(nodes);
        this.edges = List.copyOf(edges);
        this.analyses = full.analyses;
        this.full = full;
        this.groups = Collections.unmodifiableMap(groups);
        this.expanded = Set.copyOf(expanded);
    }

    /** A graph of nothing: the object was collected before the dump (say so: it is an Object Deallocated case). */
    public static RetainGraph objectCollected(String className, String label) {
        String what = describe(className, label);
        return new RetainGraph(State.OBJECT_COLLECTED,
                what + " was collected before the heap dump was written: it is not leaking (Object Deallocated).",
                new LinkedHashMap<>(), List.of(), List.of());
    }

    /** A builder; add analyses, then {@link Builder#build()}. Not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /** Shorthand for one analysis without a label and at most {@link Builder#DEFAULT_MAX_CYCLES} cycles. */
    public static RetainGraph of(ObjectAnalysis analysis) {
        return builder().add(analysis, null).build();
    }

    public State state() {
        return state;
    }

    /** What to tell the user when {@link #state()} is not {@link State#GRAPH}; empty otherwise. */
    public String message() {
        return message;
    }

    /** Nodes in insertion order: path by path, root first. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public Optional<Node> node(long objectId) {
        return Optional.ofNullable(nodes.get(objectId));
    }

    public List<Edge> edges() {
        return edges;
    }

    /**
     * The graph to draw: this graph with the leaked objects' own internals and the collection internals on the
     * paths folded ({@link GraphFolding}), except the groups whose ids are in {@code expandedGroups}. Nodes and
     * edges keep their meaning (suspect, JDK/toolkit hold, back edge) on what replaces them. A graph with nothing
     * to draw is returned as it is. Any thread; the groups are found once per full graph.
     */
    public RetainGraph folded(Set<String> expandedGroups) {
        if (state != State.GRAPH) {
            return this;
        }
        return GraphFolding.fold(full, expandedGroups);
    }

    /** The unfolded graph this one was drawn from (this graph when it is not folded). */
    public RetainGraph full() {
        return full;
    }

    /** Every group that can be folded, folded here or expanded: empty for a full (unfolded) graph. */
    public List<GraphFolding.Group> groups() {
        return groups == null ? List.of() : List.copyOf(groups.values());
    }

    /** The group with this id, if this folded graph has it. */
    public Optional<GraphFolding.Group> group(String id) {
        return groups == null ? Optional.empty() : Optional.ofNullable(groups.get(id));
    }

    /** The folded group a group node ({@link Node#isGroup()}) stands for. */
    public Optional<GraphFolding.Group> groupOfNode(long nodeId) {
        return groups().stream().filter(g -> g.nodeId() == nodeId && !expanded.contains(g.id())).findFirst();
    }

    /** The folded collection group an edge stands for (a step like {@code ArrayList[3]}), if it is one. */
    public Optional<GraphFolding.Group> groupOfEdge(Edge edge) {
        return groups().stream().filter(g -> !expanded.contains(g.id()) && g.kind() == GraphFolding.Kind.COLLECTION
                && g.anchor() == edge.from() && g.end() == edge.to() && g.label().equals(edge.reference())).findFirst();
    }

    /** The groups that hold this heap object, innermost last (a folded one hides it; an expanded one shows it). */
    public List<GraphFolding.Group> groupsContaining(long objectId) {
        return groups().stream().filter(g -> g.members().contains(objectId)).toList();
    }

    /** Whether the group with this id is drawn expanded. */
    public boolean isExpanded(String groupId) {
        return expanded.contains(groupId);
    }

    /** The ids of the groups drawn expanded. */
    public Set<String> expandedGroups() {
        return expanded;
    }

    synchronized Map<String, GraphFolding.Group> foundGroups() {
        if (foundGroups == null) {
            foundGroups = GraphFolding.groups(this);
        }
        return foundGroups;
    }

    /** The analyses the graph was built from (for "copy as text"). */
    public List<ObjectAnalysis> analyses() {
        return analyses;
    }

    /**
     * What to change ({@link ChangeHints}) for the analyses this object matters to: those it is the leaked object of,
     * or whose first path has a suspect (or JDK/toolkit hold) reference from or to it; one per distinct line, in the
     * order of the analyses. Empty for any other object.
     */
    public List<ChangeHint> changesAt(long objectId) {
        List<ChangeHint> out = new ArrayList<>();
        for (ObjectAnalysis a : analyses) {
            if (a.paths().isEmpty()) {
                continue;
            }
            List<PathStep> steps = a.paths().get(0).steps();
            boolean matters = a.objectId() == objectId;
            for (int i = 1; i < steps.size() && !matters; i++) {
                PathStep s = steps.get(i);
                matters = (s.suspect() || s.libraryHold())
                        && (s.objectId() == objectId || steps.get(i - 1).objectId() == objectId);
            }
            if (matters) {
                ChangeHints.of(a).filter(h -> out.stream().noneMatch(o -> o.line().equals(h.line()))).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The analysed (leaked) objects' nodes. */
    public List<Node> leakedObjects() {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n.leakedObject()) {
                out.add(n);
            }
        }
        return out;
    }

    /** The {@link Node#key()} of the node with this id. */
    public static String keyOf(long objectId) {
        return objectId < 0 ? "g" + Long.toHexString(-objectId) : "n" + Long.toHexString(objectId);
    }

    public static String shortName(String className) {
        String name = withoutHiddenSuffix(className);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /**
     * Drops the address a hidden class (a lambda) carries after {@code +0x}, e.g.
     * {@code Foo$$Lambda$399+0x00007fef88218f28} → {@code Foo$$Lambda$399}: it says nothing to a reader and
     * makes the box twice as wide. The full name stays in the tooltip and the details.
     */
    public static String withoutHiddenSuffix(String text) {
        return HIDDEN_SUFFIX.matcher(text).replaceAll("");
    }

    private static final java.util.regex.Pattern HIDDEN_SUFFIX = java.util.regex.Pattern.compile("\\+0x[0-9a-fA-F]+");

    private static String describe(String className, String label) {
        String what = className == null || className.isEmpty() ? "The object" : "The " + shortName(className);
        return label == null || label.isEmpty() ? what : what + " (" + label + ")";
    }

    /** Collects analyses into a {@link RetainGraph}. Not thread-safe; use once. */
    public static final class Builder {
        /** Cycles per object drawn by default: a UI node is in cycles with its parent and scene, show the shortest. */
        public static final int DEFAULT_MAX_CYCLES = 3;

        private final List<ObjectAnalysis> analyses = new ArrayList<>();
        private final Map<Long, String> labels = new HashMap<>();
        private int maxCycles = DEFAULT_MAX_CYCLES;

        private Builder() {
        }

        /** Adds one analysed object; {@code label} (e.g. the watch's view stack) is shown on its node, may be null. */
        public Builder add(ObjectAnalysis analysis, String label) {
            analyses.add(Objects.requireNonNull(analysis, "analysis"));
            if (label != null && !label.isEmpty()) {
                labels.put(analysis.objectId(), label);
            }
            return this;
        }

        /** Labels any object of the graph (not only analysed ones), e.g. another watched object's view stack. */
        public Builder label(long objectId, String label) {
            if (label != null && !label.isEmpty()) {
                labels.put(objectId, label);
            }
            return this;
        }

        /** How many cycles per analysed object to draw (shortest first); 0 draws none. */
        public Builder maxCycles(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxCycles must not be negative, was " + max);
            }
            this.maxCycles = max;
            return this;
        }

        public RetainGraph build() {
            if (analyses.isEmpty()) {
                throw new IllegalStateException("add at least one analysis");
            }
            boolean anyPath = false;
            for (ObjectAnalysis a : analyses) {
                anyPath |= !a.paths().isEmpty();
            }
            if (!anyPath) {
                ObjectAnalysis first = analyses.get(0);
                String what = describe(first.className(), labels.get(first.objectId()));
                return new RetainGraph(State.NO_STRONG_PATH, what + " has no strong path from a GC root: it is only"
                        + " weakly reachable (or not at all) and the next garbage collection frees it.",
                        new LinkedHashMap<>(), List.of(), analyses);
            }
            Map<Long, MutableNode> nodes = new LinkedHashMap<>();
            Map<EdgeKey, MutableEdge> edges = new LinkedHashMap<>();
            for (ObjectAnalysis a : analyses) {
                for (RetentionPath path : a.paths()) {
                    List<PathStep> steps = path.steps();
                    for (int i = 0; i < steps.size(); i++) {
                        PathStep s = steps.get(i);
                        MutableNode n = nodes.computeIfAbsent(s.objectId(), id -> new MutableNode(s));
                        n.merge(s);
                        n.onPath = true;
                        if (i == 0) {
                            // a UI thread's local captured mid-event says so where the root is shown
                            n.markRoot(path.rootKind(), path.isTransient() ? "transient: " + path.transientReason()
                                    : path.rootDescription());
                        } else {
                            MutableEdge e = edges.computeIfAbsent(
                                    new EdgeKey(steps.get(i - 1).objectId(), s.objectId(), s.reference()),
                                    k -> new MutableEdge(k, s.referenceKind()));
                            e.onPath = true;
                            e.suspect |= s.suspect();
                            if (s.libraryHold() && path.libraryHold().isPresent()) {
                                e.libraryHoldWhy = path.libraryHold().get().why();
                            }
                        }
                    }
                }
            }
            for (ObjectAnalysis a : analyses) {
                int taken = 0;
                for (RetainCycle cycle : a.cycles()) {
                    if (taken++ >= maxCycles) {
                        break;
                    }
                    List<PathStep> el = cycle.elements();
                    for (PathStep s : el) {
                        nodes.computeIfAbsent(s.objectId(), id -> new MutableNode(s));
                    }
                    for (int i = 0; i < el.size(); i++) {
                        PathStep holder = el.get((i + el.size() - 1) % el.size());
                        PathStep held = el.get(i);
                        MutableEdge e = edges.computeIfAbsent(new EdgeKey(holder.objectId(), held.objectId(), held.reference()),
                                k -> new MutableEdge(k, held.referenceKind()));
                        e.inCycle = true;
                    }
                }
            }
            for (ObjectAnalysis a : analyses) {
                MutableNode n = nodes.get(a.objectId());
                if (n != null) {
                    n.leaked = true;
                    n.retainedBytes = a.retainedBytes();
                    if (n.leaking != LeakingStatus.YES || n.reason.isEmpty()) {
                        n.leaking = LeakingStatus.YES;
                        n.reason = "reported as leaking";
                    }
                }
            }
            Set<EdgeKey> back = backEdges(nodes, edges);
            Map<Long, Node> frozen = new LinkedHashMap<>();
            for (MutableNode n : nodes.values()) {
                frozen.put(n.id, new Node(n.id, n.className, n.classObject, n.leaking, n.reason, n.rootKind,
                        n.rootDescription, n.leaked, labels.get(n.id), n.retainedBytes, n.onPath));
            }
            List<Edge> frozenEdges = new ArrayList<>();
            for (MutableEdge e : edges.values()) {
                frozenEdges.add(new Edge(e.key.from, e.key.to, e.key.reference, e.kind, e.suspect, e.onPath, e.inCycle,
                        back.contains(e.key), e.libraryHoldWhy));
            }
            return new RetainGraph(State.GRAPH, "", frozen, frozenEdges, analyses);
        }

        /**
         * Edges that close a cycle. First the cycle hops out of a leaked object and into a GC root; then, for anything left (paths
         * that merge into a loop), a depth-first search from the roots: an edge to an object still on the search
         * stack points back up. Path edges are explored first so a path's own direction is kept where possible.
         */
        private static Set<EdgeKey> backEdges(Map<Long, MutableNode> nodes, Map<EdgeKey, MutableEdge> edges) {
            Set<EdgeKey> back = new HashSet<>();
            // A cycle leaves the leaked object and comes back to it. Taking the hop that leaves it as the back
            // edge, rather than the one that returns, puts the cycle's other objects above it, so the leaked
            // object stays at the bottom of the layout.
            // A cycle may also run back into a GC root (a thread's queue holds the task that holds the view that
            // holds the executor of that queue): the hop into the root is reversed too, so roots stay on top.
            for (MutableEdge e : edges.values()) {
                MutableNode source = nodes.get(e.key.from);
                MutableNode target = nodes.get(e.key.to);
                if (e.inCycle && !e.onPath && (source.leaked || target.rootKind != null)) {
                    back.add(e.key);
                }
            }
            Map<Long, List<MutableEdge>> out = new HashMap<>();
            for (MutableEdge e : edges.values()) {
                if (!back.contains(e.key)) {
                    out.computeIfAbsent(e.key.from, k -> new ArrayList<>()).add(e);
                }
            }
            for (List<MutableEdge> list : out.values()) {
                list.sort((x, y) -> Boolean.compare(y.onPath, x.onPath));
            }
            Set<Long> done = new HashSet<>();
            Set<Long> onStack = new HashSet<>();
            List<Long> starts = new ArrayList<>();
            for (MutableNode n : nodes.values()) {
                if (n.rootKind != null) {
                    starts.add(n.id);
                }
            }
            starts.addAll(nodes.keySet()); // cycle-only components without a root (no path at all)
            for (long start : starts) {
                if (done.contains(start)) {
                    continue;
                }
                // iterative DFS: a long path must not overflow the stack
                Deque<long[]> stack = new ArrayDeque<>();
                stack.push(new long[] {start, 0});
                onStack.add(start);
                while (!stack.isEmpty()) {
                    long[] top = stack.peek();
                    List<MutableEdge> next = out.getOrDefault(top[0], List.of());
                    if (top[1] < next.size()) {
                        MutableEdge e = next.get((int) top[1]++);
                        long to = e.key.to;
                        if (onStack.contains(to)) {
                            back.add(e.key);
                        } else if (!done.contains(to)) {
                            onStack.add(to);
                            stack.push(new long[] {to, 0});
                        }
                    } else {
                        stack.pop();
                        onStack.remove(top[0]);
                        done.add(top[0]);
                    }
                }
            }
            return back;
        }
    }

    private record EdgeKey(long from, long to, String reference) {
    }

    private static final class MutableEdge {
        final EdgeKey key;
        final ReferenceKind kind;
        boolean suspect;
        boolean onPath;
        boolean inCycle;
        String libraryHoldWhy = "";

        MutableEdge(EdgeKey key, ReferenceKind kind) {
            this.key = key;
            this.kind = kind;
        }
    }

    private static final class MutableNode {
        final long id;
        final String className;
        final boolean classObject;
        LeakingStatus leaking;
        String reason;
        GcRootKind rootKind;
        String rootDescription = "";
        boolean leaked;
        boolean onPath;
        long retainedBytes = -1;

        MutableNode(PathStep s) {
            this.id = s.objectId();
            this.className = s.className();
            this.classObject = s.classObject();
            // cycle steps carry no status; a class object is never leaking whichever list it came from
            boolean unknownClass = s.classObject() && s.leaking() == LeakingStatus.UNKNOWN;
            this.leaking = unknownClass ? LeakingStatus.NO : s.leaking();
            this.reason = unknownClass ? "a class is never leaking" : s.leakingReason();
        }

        /** Paths may disagree on an object's status (cycle steps carry none): the most informative one wins. */
        void merge(PathStep s) {
            if (rank(s.leaking()) > rank(leaking)) {
                leaking = s.leaking();
                reason = s.leakingReason();
            }
        }

        void markRoot(GcRootKind kind, String description) {
            if (rootKind == null) {
                rootKind = kind;
                rootDescription = description;
            }
        }

        private static int rank(LeakingStatus s) {
            switch (s) {
                case YES: return 2;
                case NO: return 1;
                default: return 0;
            }
        }
    }
}
