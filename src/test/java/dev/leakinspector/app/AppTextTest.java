package dev.leakinspector.app;

import dev.leakinspector.attach.AttachFailure;
import dev.leakinspector.attach.LocalJvm;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LeakRecord;
import dev.leakinspector.session.ReportCounts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the app says in words: notices, error texts, sizes, the JVM filter. */
class AppTextTest {
    private static LeakRecord row(long id) {
        return LeakRecord.of(new LeakSuspected(id, "javafx.stage.Stage", "window hidden",
                List.of("Stage \"Orders\"", "Scene", "BorderPane"), 3, 0, 2000, true, Verdict.LEAK, ""));
    }

    @Test
    void aSavedSessionsBannerSaysWhichLinesCouldNotBeRead() {
        java.nio.file.Path file = java.nio.file.Path.of("/home/u/s.lisession");
        String clean = SessionBanner.text(dev.leakinspector.session.ConnectionState.SAVED, null, file, "");
        assertEquals("Saved session (read-only) from /home/u/s.lisession.", clean);
        String damaged = SessionBanner.text(dev.leakinspector.session.ConnectionState.SAVED, null, file,
                "1 line skipped: line 17: the leak record is cut off");
        assertTrue(damaged.endsWith("The rest of the file is shown; 1 line skipped: line 17: the leak record is cut off."),
                damaged);
    }

    @Test
    void oneNoticePerKindAndBatchNamingTheObjectOrTheCount() {
        LeakNotices leak = LeakNotices.forReports(List.of(row(1)), List.of(), "Shop").get(0);
        assertEquals("Memory Leak", leak.title());
        assertTrue(leak.warning());
        assertTrue(leak.text().startsWith("Stage in Shop is still alive after a GC\nStage \"Orders\""), leak.text());
        assertTrue(LeakNotices.forReports(List.of(row(1), row(2), row(3)), List.of(), "Shop").get(0).text()
                .startsWith("3 objects"));
        assertTrue(LeakNotices.forReports(List.of(row(1).ignored(true)), List.of(), "Shop").isEmpty(),
                "ignored rows do not notify");
        assertTrue(LeakNotices.forReports(List.of(), List.of(), "Shop").isEmpty());
        LeakNotices retraction = LeakNotices.forRetractions(List.of(row(1).deallocated(4312)), "Shop").get(0);
        assertEquals("Object Deallocated", retraction.title());
        assertTrue(retraction.text().contains("(deallocated after 4.3 s)"), retraction.text());
    }

    @Test
    void noticesNameTheTierAndTellReuseFromDeallocation() {
        LeakRecord cached = row(2).withVerdict(Verdict.RETAINED, "");
        List<LeakNotices> reports = LeakNotices.forReports(List.of(row(1), cached), List.of(), "Shop");
        assertEquals(List.of("Memory Leak", "Retained"), reports.stream().map(LeakNotices::title).toList(),
                "one notice per tier");
        assertFalse(reports.get(1).warning(), "a possible cache is information, not a warning");
        assertTrue(reports.get(1).text().contains("possibly kept as a cache"), reports.get(1).text());

        LeakRecord escalated = cached.withVerdict(Verdict.LEAK, "3 instances of Stage retained");
        LeakNotices escalation = LeakNotices.forReports(List.of(), List.of(escalated), "Shop").get(0);
        assertEquals("Memory Leak", escalation.title());
        assertTrue(escalation.text().startsWith("Stage in Shop is now a leak: 3 instances of Stage retained"),
                escalation.text());

        List<LeakNotices> retractions = LeakNotices.forRetractions(
                List.of(row(1).reused(2000), row(2).reused(3000), row(3).deallocated(100)), "Shop");
        assertEquals(List.of("Object Reused", "Object Deallocated"),
                retractions.stream().map(LeakNotices::title).toList());
        assertTrue(retractions.get(0).text().startsWith("2 reported objects in Shop were displayed again"),
                retractions.get(0).text());
        assertTrue(LeakNotices.forRetractions(List.of(row(1).reused(2000)), "Shop").get(0).text()
                .contains("(reused after 2.0 s)"));
    }

    @Test
    void theFilterSaysWhatItHides() {
        ReportCounts counts = new ReportCounts(2, 3, 4, 1, 0);
        assertEquals("5 hidden: 4 reused, 1 deallocated", LeakFilter.DEFAULT.hiddenText(counts, 5, List.of()));
        assertEquals("", LeakFilter.EVERYTHING.hiddenText(counts, 10, List.of()));
        assertEquals("3 hidden: 3 not matching the search or group",
                new LeakFilter(LeakFilter.Shown.ALL, "orders").hiddenText(counts, 7, List.of()));
        assertEquals("9 hidden: 2 leaks, 3 retained, 1 deallocated, 3 more not matching the search or group",
                new LeakFilter(LeakFilter.Shown.REUSED, "x").hiddenText(counts, 1, List.of()));
        assertEquals("", LeakFilter.DEFAULT.hiddenText(ReportCounts.NONE, 0, List.of()));
        assertEquals("4 hidden: 3 reused, 1 deallocated", LeakFilter.DEFAULT.hiddenText(counts, 6, List.of(row(1).reused(10))),
                "a reused row kept in the list (it was selected) is not hidden");
    }

    @Test
    void attachErrorsKeepTheOneLineReasonAndAddAHint() {
        AttachFailure notJava = new AttachFailure(AttachFailure.Reason.NOT_A_JVM, 42, "process 42 (sleep) is not a Java virtual machine");
        assertEquals("process 42 (sleep) is not a Java virtual machine\n\nOnly Java programs can be inspected.",
                AttachErrors.message(notJava));
        AttachFailure refused = new AttachFailure(AttachFailure.Reason.ATTACH_REFUSED, 42, "process 42 refuses attach: restart it without -XX:+DisableAttachMechanism");
        assertEquals(refused.getMessage(), AttachErrors.message(refused));
        assertTrue(AttachErrors.message(new IOException("the agent did not connect within 20 s"))
                .startsWith("the agent did not connect within 20 s"));
    }

    @Test
    void sizesAndTheJvmFilter() {
        assertEquals("512 B", ByteCount.format(512));
        assertEquals("28.0 MB", ByteCount.format(28L * 1024 * 1024));
        assertEquals("256 MB", ByteCount.format(256L * 1024 * 1024));
        LocalJvm demo = new LocalJvm(4242, "dev.leakinspector.demo.DemoMain", "17.0.15", true);
        assertTrue(StartController.matches(demo, " DEMO "));
        assertTrue(StartController.matches(demo, "424"));
        assertTrue(StartController.matches(demo, ""));
        assertFalse(StartController.matches(demo, "idea"));
    }
}
