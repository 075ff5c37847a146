package dev.leakinspector.session;

import dev.leakinspector.protocol.ClassGlobs;
import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.VerdictChanged;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
    void rowsOfOneKindShareTheirStringsAndEqualTheReports() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        // Reports decoded from the wire: equal strings, different objects.
        LeakSuspected first = new LeakSuspected(1, new String("com.acme.OrdersPage"), new String("window hidden"),
                List.of(new String("Stage \"Orders 1\""), new String("Scene"), new String("BorderPane")), 3, 10, 20,
                true, Verdict.LEAK, "");
        LeakSuspected second = new LeakSuspected(2, new String("com.acme.OrdersPage"), new String("window hidden"),
                List.of(new String("Stage \"Orders 2\""), new String("Scene"), new String("BorderPane")), 3, 11, 21,
                true, Verdict.LEAK, "");
        LeakSuspected third = new LeakSuspected(3, new String("com.acme.OrdersPage"), new String("window hidden"),
                List.of(new String("Stage \"Orders 2\""), new String("Scene"), new String("BorderPane")), 3, 12, 22,
                true, Verdict.LEAK, "");
        model.apply(first);
        model.apply(second);
        model.apply(third);

        List<LeakRecord> rows = model.rows();
        assertEquals(List.of(LeakRecord.of(first), LeakRecord.of(second), LeakRecord.of(third)), rows);
        assertSame(rows.get(0).className(), rows.get(2).className());
        assertSame(rows.get(0).trigger(), rows.get(2).trigger());
        assertSame(rows.get(0).viewStack().get(1), rows.get(1).viewStack().get(1));
        assertSame(rows.get(0).viewStack().get(2), rows.get(1).viewStack().get(2));
        assertSame(rows.get(1).viewStack(), rows.get(2).viewStack());
        assertEquals(1, model.groups().size());
        assertEquals(3, model.groups().get(0).count());
    }

    @Test
    void rowsGroupByTheirShapeStringsEvenWhereCrumbTypesAreEmptyOrOdd() {
        List<List<String>> stacks = List.of(List.of(), List.of(""), List.of("", ""), List.of(" x"), List.of("A"),
                List.of("", "A"), List.of("A", ""), List.of("A#b"), List.of("A.b"), List.of(".A"), List.of("A", "B"),
                List.of("A B"), List.of("A \u203a B"), List.of("A", "B \"t\""), List.of("AB"), List.of("A", "", "B"),
                List.of("Stage \"x\"", "Scene"), List.of("Stage \"y\"", "Scene"));
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        java.util.Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        long id = 1;
        for (int round = 0; round < 2; round++) {
            for (List<String> stack : stacks) {
                LeakSuspected leak = new LeakSuspected(id++, "C", "t", stack, 0, 1, 2, true, Verdict.LEAK, "");
                model.apply(leak);
                expected.merge(LeakRecord.of(leak).viewStackShape(), 1, Integer::sum);
            }
        }
        java.util.Map<String, Integer> grouped = new java.util.LinkedHashMap<>();
        model.groups().forEach(group -> grouped.put(group.viewStackShape(), group.count()));
        assertEquals(expected, grouped);
        assertEquals(LeakGroup.of(model.rows()), model.groups());
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
        assertEquals("Leak", model.rows().get(0).statusText());
        assertEquals("Deallocated after 4.3 s", model.rows().get(1).statusText());
        assertEquals(1, changes.changedRows().cardinality());
        assertTrue(changes.changedRows().get(1));
        assertEquals(List.of(3L), changes.retractions().stream().map(LeakRecord::watchId).toList());
        assertEquals(new ReportCounts(1, 0, 0, 1, 0), model.counts());
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
        assertEquals(List.of("Ignored", "Ignored", "Leak"), model.rows().stream().map(LeakRecord::statusText).toList());
        assertEquals(2, changes.changedRows().cardinality());
        assertTrue(changes.ignoresChanged());

        model.apply(leak(4, "com.acme.ui.Late"));
        assertEquals(LeakRecord.Status.IGNORED, model.rows().get(3).status(), "a new report matching the list");

        model.setIgnoreGlobs(List.of("javafx.stage.Stage"));
        assertEquals(List.of("Leak", "Leak", "Ignored", "Leak"),
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
        assertEquals(-1, model.latestRetractedAtMillis());
        model.apply(leak(1, "a.A"));
        model.apply(leak(2, "b.B"));
        model.apply(leak(3, "c.C"));
        model.apply(new ObjectDeallocated(1, 2000));
        model.apply(new ObjectDeallocated(99, 5000)); // no such watch: nothing changes
        assertCounts(model);
        assertEquals(new ReportCounts(2, 0, 0, 1, 0), model.counts());
        model.setIgnoreGlobs(List.of("a.*", "b.*"));
        assertCounts(model);
        assertEquals(new ReportCounts(1, 0, 0, 1, 1), model.counts());
        model.apply(new ObjectDeallocated(2, 1000));
        assertCounts(model);
        model.setIgnoreGlobs(List.of());
        assertCounts(model);
        assertEquals(new ReportCounts(1, 0, 0, 2, 0), model.counts());

        model.apply(new Stats(10, 100, 1000, 3, 0, 0, 0));
        model.apply(new Stats(20, 150, 1000, 4, 1, 0, 0));
        model.apply(new Stats(30, 120, 1000, 4, 1, 0, 0));
        assertEquals(150, model.heapHistory().maxHeapUsed());
    }

    /** The kept counts, per kind too, and the latest retraction agree with a walk over every row. */
    static void assertCounts(SessionModel model) {
        List<LeakRecord> rows = model.rows();
        assertEquals(new ReportCounts(
                rows.stream().filter(r -> r.isStanding(Verdict.LEAK)).count(),
                rows.stream().filter(r -> r.isStanding(Verdict.RETAINED)).count(),
                rows.stream().filter(r -> r.status() == LeakRecord.Status.REUSED).count(),
                rows.stream().filter(LeakRecord::isDeallocated).count(),
                rows.stream().filter(r -> r.status() == LeakRecord.Status.IGNORED).count()), model.counts());
        assertEquals(rows.stream().mapToLong(LeakRecord::retractedAtMillis).max().orElse(-1),
                model.latestRetractedAtMillis());
        assertEquals(LeakGroup.of(rows), model.groups(), "the kept groups equal a regroup of every row");
    }

    static LeakSuspected retained(long id, String className, String window) {
        return new LeakSuspected(id, className, "node detached", List.of("Stage \"" + window + "\"", "Scene", "TabPane", "VBox"),
                0, 1_000 + id, 3_000 + id, true, Verdict.RETAINED, "");
    }

    @Test
    void aReuseRetractsItsRowKeepsItAndIsCountedApartFromDeallocations() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(retained(1, "com.acme.OrdersPage", "Shop"));
        model.apply(retained(2, "com.acme.InvoicesPage", "Shop"));
        model.apply(leak(3, "javafx.stage.Stage"));
        model.takeChanges();

        model.apply(new ObjectReused(1, 2049));
        SessionModel.ModelChanges changes = model.takeChanges();

        assertEquals(3, model.rows().size(), "the reused row stays");
        LeakRecord reused = model.rows().get(0);
        assertEquals(LeakRecord.Status.REUSED, reused.status());
        assertEquals("Reused after 2.0 s", reused.statusText());
        assertEquals("reused", reused.statusKey());
        assertEquals(Verdict.RETAINED, reused.verdict(), "the verdict it had is kept");
        assertEquals(1_001 + 2049, reused.retractedAtMillis());
        assertTrue(changes.changedRows().get(0));
        assertEquals(List.of(reused), changes.retractions());
        assertEquals(new ReportCounts(1, 1, 1, 0, 0), model.counts());
        assertCounts(model);

        model.apply(new ObjectDeallocated(1, 9000));
        model.apply(new ObjectReused(1, 9500));
        assertEquals("Reused after 2.0 s", model.rows().get(0).statusText(), "a watch ends with its first retraction");
        assertTrue(model.takeChanges().isEmpty());
        model.apply(new ObjectReused(3, 500));
        model.apply(new ObjectDeallocated(2, 700));
        assertEquals(new ReportCounts(0, 0, 2, 1, 0), model.counts());
        assertEquals(1_001 + 2049, model.latestRetractedAtMillis(), "the latest retraction, reuse or deallocation");
        assertCounts(model);
        model.setIgnoreGlobs(List.of("com.acme.*"));
        assertEquals(LeakRecord.Status.REUSED, model.rows().get(0).status(), "a retraction outranks an ignore rule");
    }

    @Test
    void aVerdictChangeUpdatesItsRowAndItsCountsAndAnEscalationIsReported() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(retained(1, "com.acme.OrdersPage", "Shop"));
        model.apply(retained(2, "com.acme.OrdersPage", "Shop"));
        model.apply(retained(3, "com.acme.OrdersPage", "Shop"));
        model.apply(retained(4, "com.acme.CartPage", "Shop"));
        assertEquals(new ReportCounts(0, 4, 0, 0, 0), model.counts());
        assertEquals("Retained", model.rows().get(0).statusText());
        model.takeChanges();

        for (long id = 1; id <= 3; id++) {
            model.apply(new VerdictChanged(id, Verdict.LEAK, "3 instances of OrdersPage retained"));
        }
        SessionModel.ModelChanges changes = model.takeChanges();

        LeakRecord escalated = model.rows().get(0);
        assertEquals("Leak", escalated.statusText());
        assertEquals("leak", escalated.statusKey());
        assertEquals("3 instances of OrdersPage retained", escalated.verdictReason());
        assertEquals("3 instances of OrdersPage retained", escalated.verdictExplanation());
        assertEquals(List.of(1L, 2L, 3L), changes.escalations().stream().map(LeakRecord::watchId).toList());
        assertEquals(3, changes.changedRows().cardinality());
        assertEquals(new ReportCounts(3, 1, 0, 0, 0), model.counts());
        assertCounts(model);

        model.apply(new VerdictChanged(1, Verdict.LEAK, "3 instances of OrdersPage retained"));
        assertTrue(model.takeChanges().isEmpty(), "the same verdict and reason again change nothing");
        model.apply(new VerdictChanged(2, Verdict.RETAINED, "one instance per owner: a bounded cache"));
        model.apply(new VerdictChanged(99, Verdict.LEAK, "no such watch"));
        changes = model.takeChanges();
        assertTrue(changes.escalations().isEmpty(), "a lowered verdict is no escalation");
        assertEquals("Retained", model.rows().get(1).statusText());
        assertEquals(new ReportCounts(2, 2, 0, 0, 0), model.counts());

        model.apply(new ObjectReused(4, 100));
        model.apply(new VerdictChanged(4, Verdict.LEAK, "refined after the analysis"));
        changes = model.takeChanges();
        assertEquals(Verdict.LEAK, model.rows().get(3).verdict(), "a retracted row keeps what the analysis found");
        assertEquals(LeakRecord.Status.REUSED, model.rows().get(3).status());
        assertTrue(changes.escalations().isEmpty(), "a retracted row is not escalated");
        assertEquals(new ReportCounts(2, 1, 1, 0, 0), model.counts());
        assertCounts(model);
    }

    @Test
    void groupsCountTheLiveInstancesOfEachKind() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(retained(1, "com.acme.OrdersPage", "Shop"));
        model.apply(retained(2, "com.acme.OrdersPage", "Shop"));
        model.apply(retained(3, "com.acme.OrdersPage", "Other shop")); // same kind: names are left out
        model.apply(retained(4, "com.acme.CartPage", "Shop"));
        model.apply(leak(5, "javafx.stage.Stage"));
        model.apply(new VerdictChanged(1, Verdict.LEAK, "3 instances of OrdersPage retained"));
        model.apply(new ObjectReused(2, 100));
        model.apply(new ObjectDeallocated(4, 100));

        List<LeakGroup> groups = model.groups();
        assertEquals(List.of("com.acme.OrdersPage", "com.acme.CartPage", "javafx.stage.Stage"),
                groups.stream().map(LeakGroup::className).toList());
        LeakGroup orders = groups.get(0);
        assertEquals(3, orders.count());
        assertEquals(2, orders.live(), "one reused, two alive and not displayed");
        assertEquals(new ReportCounts(1, 1, 1, 0, 0), orders.counts());
        assertEquals(0, groups.get(1).live());
        assertEquals(1, groups.get(2).live());
        assertCounts(model);
    }

    @Test
    void aReportWithoutAGcSaysWhyAndItsVerdictExplainsItself() {
        LeakRecord row = LeakRecord.of(new LeakSuspected(1, "a.A", "window hidden", List.of("Stage"), 0, 0, 0,
                false, Verdict.RETAINED, "-XX:+DisableExplicitGC"));
        assertEquals("-XX:+DisableExplicitGC", row.gcSkippedBecause());
        assertEquals("", row.verdictReason());
        assertTrue(row.verdictExplanation().contains("possibly a cache"), row.verdictExplanation());
        assertEquals("retained", row.statusKey());
    }

    @Test
    void exportsCarryTheVerdictTheReuseAndWhyNoGcRan() {
        SessionModel model = new SessionModel(TARGET, ConnectionState.CONNECTED);
        model.apply(retained(1, "com.acme.OrdersPage", "Shop"));
        model.apply(new LeakSuspected(2, "javafx.stage.Stage", "window hidden", List.of("Stage"), 0, 0, 0, false,
                Verdict.LEAK, "-XX:+DisableExplicitGC"));
        model.apply(retained(3, "com.acme.CartPage", "Shop"));
        model.apply(new ObjectReused(1, 2500));
        model.apply(new VerdictChanged(3, Verdict.LEAK, "2 instances of CartPage retained"));
        String json = SessionExport.json(model);
        assertTrue(json.contains("\"status\":\"reused\",\"verdict\":\"retained\""), json);
        assertTrue(json.contains("\"reusedAfterMillis\":2500}"), json);
        assertTrue(json.contains("\"gcConfirmed\":false,\"gcSkippedBecause\":\"-XX:+DisableExplicitGC\""), json);
        assertTrue(json.contains("\"status\":\"leak\",\"verdict\":\"leak\""), json);
        assertTrue(json.contains("\"verdictReason\":\"2 instances of CartPage retained\""), json);
        assertFalse(json.contains("\"gcConfirmed\":true,\"gcSkippedBecause\""), "only when no GC confirmed it: " + json);
        String text = SessionExport.text(model);
        assertTrue(text.contains("3 reports: 2 leaks \u00b7 0 retained \u00b7 1 reused \u00b7 0 deallocated"), text);
        assertTrue(text.contains("Reused after 2.5 s  com.acme.OrdersPage"), text);
        assertTrue(text.contains("verdict: leak, 2 instances of CartPage retained"), text);
        assertTrue(text.contains("not confirmed by a GC (-XX:+DisableExplicitGC)"), text);
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
        assertEquals(1, groups.get(0).live());
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
