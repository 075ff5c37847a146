package dev.leakinspector.app;

import dev.leakinspector.attach.AttachFailure;
import dev.leakinspector.attach.LocalJvm;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.session.LeakRecord;
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
    void oneNoticePerKindAndBatchNamingTheObjectOrTheCount() {
        assertEquals("Memory Leak", LeakNotices.forLeaks(List.of(row(1)), "Shop").orElseThrow().title());
        assertTrue(LeakNotices.forLeaks(List.of(row(1)), "Shop").orElseThrow().text()
                .startsWith("Stage in Shop is still alive after a GC\nStage \"Orders\""));
        assertTrue(LeakNotices.forLeaks(List.of(row(1), row(2), row(3)), "Shop").orElseThrow().text().startsWith("3 objects"));
        assertTrue(LeakNotices.forLeaks(List.of(row(1).ignored(true)), "Shop").isEmpty(), "ignored rows do not notify");
        assertTrue(LeakNotices.forLeaks(List.of(), "Shop").isEmpty());
        LeakNotices retraction = LeakNotices.forRetractions(List.of(row(1).deallocated(4312)), "Shop").orElseThrow();
        assertEquals("Object Deallocated", retraction.title());
        assertTrue(retraction.text().contains("(deallocated after 4.3 s)"), retraction.text());
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
