package dev.leakinspector.session;

import dev.leakinspector.protocol.ClassGlobs;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionModelTest {
    static final TargetInfo TARGET = new TargetInfo(4242, "dev.leakinspector.demo.DemoMain", "21.0.5",
            "OpenJDK 64-Bit Server VM", "0.1.0", List.of("javafx"), false, false);

    static LeakSuspected leak(long id, String className) {
        return new LeakSuspected(id, className, "window hidden",
                List.of("Stage \"1 Listener on a long-lived model\"", "Scene", "BorderPane"), 24,
                1_000 + id, 3_000 + id, true, Verdict.LEAK, "");
    }

    @Test
    void aRetractionUpdatesItsRowAndKeepsIt() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.ATTACHING);
        model.markConnected();
        model.apply(leak(1, "javafx.stage.Stage"));
        model.apply(leak(3, "javafx.stage.Stage"));
        model.takeChanges();

        model.apply(new ObjectDeallocated(3, 4312));
        SessionModel.ModelChanges changes = model.takeChanges();

        assertEquals(2, model.rows().size());
        assertEquals("Leaked", model.rows().get(0).statusText());
        assertEquals("Deallocated after 4.3 s", model.rows().get(1).statusText());
        assertEquals(1, changes.changedRows().cardinality());
        assertTrue(changes.changedRows().get(1));
        assertEquals(List.of(3L), changes.retractions().stream().map(LeakRecord::watchId).toList());
        assertEquals(1, model.leakedCount());
    }

    @Test
    void changesNameAddedRowsOnceWithTheirLatestValue() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(leak(1, "a.A"));
        model.apply(new ObjectDeallocated(1, 10));
        model.apply(new ObjectDeallocated(99, 10));
        model.apply(leak(1, "a.A"));
        SessionModel.ModelChanges changes = model.takeChanges();
        assertEquals(0, changes.firstAddedRow());
        assertTrue(changes.changedRows().isEmpty(), "a row added in the batch is not also 'changed'");
        assertEquals(1, model.rows().size(), "a repeated report makes no second row");
        assertTrue(model.rows().get(0).isDeallocated());
        assertTrue(model.takeChanges().isEmpty());
    }

    @Test
    void statsEndAndErrorsAreKept() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(new Stats(10, 100, 1000, 3, 0, 0, 0));
        model.apply(new Stats(20, 150, 1000, 4, 1, 0, 0));
        model.apply(new AgentError("swing trigger", "boom"));
        model.end(new SessionEnd(SessionEnd.Kind.TARGET_EXITED, "process 4242 exited"));
        model.end(new SessionEnd(SessionEnd.Kind.LINK_LOST, "later"));
        SessionModel.ModelChanges changes = model.takeChanges();
        assertTrue(changes.statsChanged() && changes.stateChanged());
        assertEquals(150, model.stats().orElseThrow().heapUsedBytes());
        assertEquals(2, model.heapHistory().size());
        assertEquals(150, model.heapHistory().maxHeapUsed());
        assertEquals(ConnectionState.ENDED, model.state());
        assertEquals(SessionEnd.Kind.TARGET_EXITED, model.sessionEnd().orElseThrow().kind(), "the first end counts");
        assertEquals(1, model.errors().size());
    }

    @Test
    void ignoringMarksRowsWithoutRemovingThemAndUnignoringClearsTheMark() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(leak(1, "com.acme.ui.Pane"));
        model.apply(leak(2, "com.acme.ui.sub.Dialog"));
        model.apply(leak(3, "javafx.stage.Stage"));
        model.takeChanges();

        model.setIgnoreGlobs(List.of(ClassGlobs.forPackage("com.acme.ui.Pane")));
        SessionModel.ModelChanges changes = model.takeChanges();
        assertEquals(List.of("com.acme.ui.*"), model.ignoreGlobs());
        assertEquals(List.of("Ignored", "Ignored", "Leaked"), model.rows().stream().map(LeakRecord::statusText).toList());
        assertEquals(2, changes.changedRows().cardinality());
        assertTrue(changes.ignoresChanged());

        model.apply(leak(4, "com.acme.ui.Late"));
        assertEquals(LeakRecord.Status.IGNORED, model.rows().get(3).status(), "a new report matching the list");

        model.setIgnoreGlobs(List.of("javafx.stage.Stage"));
        assertEquals(List.of("Leaked", "Leaked", "Ignored", "Leaked"),
                model.rows().stream().map(LeakRecord::statusText).toList());
    }

    @Test
    void aDeallocatedRowStaysDeallocatedWhenItsClassIsIgnored() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(leak(1, "a.A"));
        model.apply(new ObjectDeallocated(1, 2000));
        model.setIgnoreGlobs(List.of("a.*"));
        assertEquals(LeakRecord.Status.DEALLOCATED, model.rows().get(0).status());
    }

    @Test
    void countsLatestDeallocationAndHeapMaxAreKeptAsRowsAndStatsChange() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        assertEquals(-1, model.latestDeallocatedAtMillis());
        model.apply(leak(1, "a.A"));
        model.apply(leak(2, "b.B"));
        model.apply(leak(3, "c.C"));
        model.apply(new ObjectDeallocated(1, 2000));
        model.apply(new ObjectDeallocated(99, 5000)); // no such watch: nothing changes
        assertCounts(model);
        assertEquals(1, model.deallocatedCount());
        assertEquals(2, model.leakedCount());
        model.setIgnoreGlobs(List.of("a.*", "b.*"));
        assertCounts(model);
        assertEquals(1, model.leakedCount());
        model.apply(new ObjectDeallocated(2, 1000));
        assertCounts(model);
        model.setIgnoreGlobs(List.of());
        assertCounts(model);
        assertEquals(2, model.deallocatedCount());
        assertEquals(1, model.leakedCount());

        model.apply(new Stats(10, 100, 1000, 3, 0, 0, 0));
        model.apply(new Stats(20, 150, 1000, 4, 1, 0, 0));
        model.apply(new Stats(30, 120, 1000, 4, 1, 0, 0));
        assertEquals(150, model.heapHistory().maxHeapUsed());
    }

    /** The kept counts and latest deallocation agree with a walk over every row. */
    private static void assertCounts(SessionModel model) {
        assertEquals(model.rows().stream().filter(r -> r.status() == LeakRecord.Status.LEAKED).count(), model.leakedCount());
        assertEquals(model.rows().stream().filter(LeakRecord::isDeallocated).count(), model.deallocatedCount());
        assertEquals(model.rows().stream().mapToLong(LeakRecord::deallocatedAtMillis).max().orElse(-1),
                model.latestDeallocatedAtMillis());
    }

    @Test
    void viewStackShapeAndGroupsLeaveNamesOut() {
        LeakRecord a = LeakRecord.of(new LeakSuspected(1, "javafx.stage.Stage", "window hidden",
                List.of("Stage \"Orders\"", "Scene", "BorderPane#root"), 3, 0, 0, true, Verdict.LEAK, ""));
        LeakRecord b = LeakRecord.of(new LeakSuspected(2, "javafx.stage.Stage", "window hidden",
                List.of("Stage \"Invoices\"", "Scene", "BorderPane#main"), 3, 0, 5, true, Verdict.LEAK, "")).deallocated(10);
        LeakRecord c = LeakRecord.of(new LeakSuspected(3, "javafx.stage.Stage", "window hidden",
                List.of("Stage \"Orders\"", "Scene", "VBox"), 3, 0, 0, true, Verdict.LEAK, ""));
        assertEquals("Stage \u203a Scene \u203a BorderPane", a.viewStackShape());
        List<LeakGroup> groups = LeakGroup.of(List.of(a, b, c));
        assertEquals(2, groups.size());
        assertEquals(2, groups.get(0).count());
        assertEquals(1, groups.get(0).stillLeaked());
        assertTrue(groups.get(0).contains(b));
        assertFalse(groups.get(0).contains(c));
        // a regroup with more rows finds the same group by its key, whatever the counts
        LeakGroup regrouped = LeakGroup.of(List.of(a, b, c, a)).get(0);
        assertTrue(groups.get(0).sameGroupAs(regrouped));
        assertFalse(groups.get(0).sameGroupAs(groups.get(1)));
    }

    @Test
    void crumbsSplitIntoTypeTitleAndId() {
        assertEquals(new Crumb("Stage", "1 Listener on a long-lived model", "", ""),
                Crumb.parse("Stage \"1 Listener on a long-lived model\""));
        assertEquals(new Crumb("VBox", "", "form", ""), Crumb.parse("VBox#form"));
        assertEquals("a TableView with id \"orders\"", Crumb.parse("TableView#orders").describe());
        for (String crumb : List.of("Stage \"a #b. c\"", "Scene", "VBox#form", "Label.title", "Stage", "BorderPane#x.y")) {
            assertEquals(Crumb.parse(crumb).type(), Crumb.typeOf(crumb), crumb);
        }
    }

    @Test
    void jdk21TargetsPrintTheDynamicAgentWarningUnlessTheAgentWasReused() {
        assertTrue(TARGET.printedDynamicAgentWarning());
        assertFalse(new TargetInfo(1, "x", "17.0.15", "", "", List.of(), false, false).printedDynamicAgentWarning());
        assertFalse(new TargetInfo(1, "x", "25", "", "", List.of(), false, true).printedDynamicAgentWarning());
        assertEquals(8, new TargetInfo(1, "x", "1.8.0_392", "", "", List.of(), false, false).javaFeatureVersion());
    }
}
