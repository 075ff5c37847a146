package dev.leakinspector.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.leakinspector.graph.Graphs.*;
import static org.junit.jupiter.api.Assertions.*;

/** Folding a big graph: the leaked dialog's internals into one node, collection insides into one step. */
class GraphFoldingTest {
    private final RetainGraph full = bigDialogGraph();

    @Test
    void theFixtureIsBig() {
        assertTrue(full.nodes().size() >= 30, "nodes: " + full.nodes().size());
    }

    @Test
    void theLeakedObjectsInternalsAreOneNodeWithTheirCount() {
        RetainGraph folded = full.folded(Set.of());
        int inside = 2 + 2 * CONTROLS;
        List<RetainGraph.Node> groups = folded.nodes().stream().filter(RetainGraph.Node::isGroup).toList();
        assertEquals(1, groups.size(), groups.toString());
        RetainGraph.Node group = groups.get(0);
        assertEquals("… " + inside + " objects inside the PrefsDialog", group.title());
        GraphFolding.Group g = folded.groupOfNode(group.objectId()).orElseThrow();
        assertEquals(GraphFolding.Kind.INTERNALS, g.kind());
        assertEquals(DIALOG, g.anchor());
        assertEquals(inside, g.size());
        assertTrue(g.members().containsAll(List.of(DIALOG_SCENE, DIALOG_ROOT, CONTROL, SKIN + CONTROLS - 1)));
        for (long m : g.members()) {
            assertTrue(folded.node(m).isEmpty(), "hidden: " + Long.toHexString(m));
        }
        // the dialog, its holders and its roots stay; the group is tied to the dialog both ways
        assertTrue(folded.node(DIALOG).isPresent() && folded.node(HANDLER).isPresent() && folded.node(REGISTRY_CLASS).isPresent());
        RetainGraph.Edge out = edge(folded, DIALOG, group.objectId());
        assertTrue(out.backEdge() && out.inCycle() && !out.onPath(), "the hop out of the dialog stays the back edge: " + out);
        assertEquals("Window.scene", out.reference());
        RetainGraph.Edge back = edge(folded, group.objectId(), DIALOG);
        assertEquals("Scene.window (+" + CONTROLS + " more)", back.reference(), "edges into the dialog merge into one");
        assertFalse(back.backEdge());
        assertTrue(folded.nodes().size() < 15, "small enough to read: " + folded.nodes().size());
    }

    @Test
    void collectionInsidesAreOneLabelledStepThatKeepsItsMeaning() {
        RetainGraph folded = full.folded(Set.of());
        assertTrue(folded.node(TABLE).isEmpty() && folded.node(ENTRY).isEmpty() && folded.node(QUEUE_ARRAY).isEmpty());
        RetainGraph.Edge map = edge(folded, MAP, HANDLER);
        assertEquals("HashMap value", map.reference());
        assertTrue(map.suspect(), "the step into the handler was suspect: so is the folded one");
        assertTrue(map.onPath());
        RetainGraph.Edge list = edge(folded, QUEUE, JOB);
        assertEquals("ArrayList[3]", list.reference());
        GraphFolding.Group g = folded.groupOfEdge(list).orElseThrow();
        assertEquals(List.of(QUEUE_ARRAY), g.members());
        assertEquals(GraphFolding.Kind.COLLECTION, g.kind());
        // every edge of the drawn graph joins two drawn nodes
        Set<Long> drawn = folded.nodes().stream().map(RetainGraph.Node::objectId).collect(Collectors.toSet());
        for (RetainGraph.Edge e : folded.edges()) {
            assertTrue(drawn.contains(e.from()) && drawn.contains(e.to()), e.toString());
        }
        assertEquals(full.edges().stream().filter(RetainGraph.Edge::suspect).map(e -> e.to()).filter(drawn::contains).distinct().count(),
                folded.edges().stream().filter(RetainGraph.Edge::suspect).map(RetainGraph.Edge::to).distinct().count(),
                "every drawn object a suspect reference led to still has one");
    }

    @Test
    void expandingAGroupShowsItsMembersAndFoldingBackHidesThem() {
        RetainGraph folded = full.folded(Set.of());
        GraphFolding.Group inside = folded.groups().stream().filter(g -> g.kind() == GraphFolding.Kind.INTERNALS).findFirst().orElseThrow();
        GraphFolding.Group map = folded.groupOfEdge(edge(folded, MAP, HANDLER)).orElseThrow();
        RetainGraph expanded = full.folded(Set.of(inside.id()));
        assertTrue(expanded.isExpanded(inside.id()));
        for (long m : inside.members()) {
            assertTrue(expanded.node(m).isPresent(), Long.toHexString(m));
        }
        assertTrue(expanded.nodes().stream().noneMatch(RetainGraph.Node::isGroup));
        assertEquals(List.of(inside), expanded.groupsContaining(DIALOG_ROOT), "a member knows its expanded group, to fold it back");
        assertTrue(expanded.node(TABLE).isEmpty(), "the map stays folded");
        RetainGraph all = full.folded(Set.of(inside.id(), map.id()));
        assertEquals(full.nodes().size() - 1, all.nodes().size(), "all but the list's array");
        assertEquals("HashMap$Node[5]", edge(all, TABLE, ENTRY).reference());
        assertEquals(full.folded(Set.of()).nodes(), all.full().folded(Set.of()).nodes(), "folding back gives the first drawing");
        // the layout takes a folded graph like any other
        RetainGraphLayout.Result r = new RetainGraphLayout(RetainGraphLayout.fixedMetrics(7, 15)).layout(folded);
        assertEquals(folded.nodes().size(), r.boxes().size());
    }

    @Test
    void aSmallGraphHasNothingToFoldButItsCollections() {
        RetainGraph g = RetainGraph.builder().add(patternOne(), null).build();
        RetainGraph folded = g.folded(Set.of());
        assertTrue(folded.nodes().stream().noneMatch(RetainGraph.Node::isGroup), "one Scene is not worth a group");
        assertEquals(g.nodes().size(), folded.nodes().size());
        assertEquals(g.edges().size(), folded.edges().size());
    }

    private static RetainGraph.Edge edge(RetainGraph g, long from, long to) {
        return g.edges().stream().filter(e -> e.from() == from && e.to() == to).findFirst()
                .orElseThrow(() -> new AssertionError("no edge " + Long.toHexString(from) + " → " + Long.toHexString(to) + " in " + g.edges()));
    }
}
