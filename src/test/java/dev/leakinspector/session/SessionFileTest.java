package dev.leakinspector.session;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionFileTest {
    @TempDir
    Path dir;

    @Test
    void whatIsWrittenAsItArrivesReadsBackAsTheSameSession() throws IOException {
        LeakSuspected awkward = new LeakSuspected(7, "a.B", "rule a.B#close()",
                List.of("Stage \"50% tab\there\"", "Scene", "Line\nbreak"), 2, 10, 20, false, Verdict.LEAK, "");
        SessionModel live = new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED);
        SessionJournal journal = SessionJournal.create(dir, SessionModelTest.TARGET, 1_763_802_000_000L);
        SessionListener both = SessionListeners.of(journal, new SessionListener() {
            @Override
            public void onMessage(dev.leakinspector.protocol.Message message) {
                live.apply(message);
            }

            @Override
            public void onEnded(SessionEnd end) {
                live.end(end);
            }
        });
        both.onMessage(new Stats(5, 1234, 9999, 3, 0, 0, 0));
        both.onMessage(SessionModelTest.leak(1, "javafx.stage.Stage"));
        both.onMessage(awkward);
        both.onMessage(SessionModelTest.leak(3, "javafx.stage.Stage"));
        both.onMessage(new ObjectDeallocated(3, 4312));
        both.onMessage(new AgentError("swing trigger", "failed"));
        live.setIgnoreGlobs(List.of("a.*"));
        journal.ignoreListChanged(live.ignoreGlobs());
        both.onEnded(new SessionEnd(SessionEnd.Kind.TARGET_EXITED, "process 4242 exited"));

        assertTrue(journal.failure().isEmpty());
        assertTrue(journal.file().getFileName().toString().endsWith("_pid4242" + SessionFile.EXTENSION));
        SessionModel read = SessionFile.read(journal.file()).model();

        assertEquals(live.rows(), read.rows());
        assertEquals(ConnectionState.SAVED, read.state());
        assertEquals(live.sessionEnd(), read.sessionEnd());
        assertEquals(live.ignoreGlobs(), read.ignoreGlobs());
        assertEquals(live.stats(), read.stats());
        assertEquals(live.errors(), read.errors());
        assertEquals(SessionModelTest.TARGET, read.target());
        assertEquals(LeakRecord.Status.IGNORED, read.row(7).orElseThrow().status());
        assertTrue(read.takeChanges().isEmpty(), "a freshly read model has nothing pending");
    }

    @Test
    void aLastLineCutShortByACrashIsSkipped() throws IOException {
        SessionJournal journal = SessionJournal.create(dir, SessionModelTest.TARGET, 0);
        journal.onMessage(SessionModelTest.leak(1, "x.Y"));
        journal.close();
        Files.writeString(journal.file(), "leak\t2\tx.Y\twin", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        SessionModel read = SessionFile.read(journal.file()).model();
        assertEquals(1, read.rows().size());
        assertTrue(read.sessionEnd().isEmpty());
    }

    @Test
    void unknownRecordsAreSkippedAndNewerVersionsRefused() throws IOException {
        Path file = dir.resolve("x" + SessionFile.EXTENSION);
        Files.writeString(file, "leak-inspector-session\t1\ntarget\t1\tn\t17\tvm\t0.1\tjavafx\tfalse\tfalse\t0\n"
                + "heapdump\t/tmp/x.hprof\nend\tDETACHED\tdetached\n");
        assertEquals(SessionEnd.Kind.DETACHED, SessionFile.read(file).model().sessionEnd().orElseThrow().kind());

        Files.writeString(file, "leak-inspector-session\t" + (SessionFile.VERSION + 1) + "\n");
        IOException newer = assertThrows(IOException.class, () -> SessionFile.read(file));
        assertTrue(newer.getMessage().contains("newer Leak Inspector"), newer.getMessage());

        Files.writeString(file, "hello\n");
        assertThrows(IOException.class, () -> SessionFile.read(file));
    }

    @Test
    void twoSessionsStartedInTheSameSecondGetTwoFiles() throws IOException {
        try (SessionJournal a = SessionJournal.create(dir, SessionModelTest.TARGET, 0);
             SessionJournal b = SessionJournal.create(dir, SessionModelTest.TARGET, 0)) {
            assertTrue(!a.file().equals(b.file()));
        }
    }

    @Test
    void exportsNameEveryRowAndTheirStatus() {
        SessionModel model = new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED);
        model.apply(SessionModelTest.leak(1, "javafx.stage.Stage"));
        model.apply(SessionModelTest.leak(3, "javafx.stage.Stage"));
        model.apply(new ObjectDeallocated(3, 4312));
        String text = SessionExport.text(model);
        assertTrue(text.contains("Deallocated after 4.3 s  javafx.stage.Stage"), text);
        assertTrue(text.contains("view stack: Stage \"1 Listener on a long-lived model\" \u203a Scene \u203a BorderPane"), text);
        String json = SessionExport.json(model);
        assertTrue(json.contains("\"viewStack\":[\"Stage \\\"1 Listener on a long-lived model\\\"\",\"Scene\",\"BorderPane\"]"), json);
        assertTrue(json.contains("\"status\":\"deallocated\""), json);
        assertTrue(json.contains("\"deallocatedAfterMillis\":4312"), json);
    }

    @Test
    void theFeedAppliesABurstInOneScheduledDrain() {
        SessionModel model = new SessionModel(SessionModelTest.TARGET, ConnectionState.CONNECTED);
        int[] scheduled = {0};
        SessionFeed feed = new SessionFeed(() -> scheduled[0]++);
        for (int i = 0; i < 1000; i++) {
            feed.onMessage(SessionModelTest.leak(i, "x.Y"));
        }
        assertEquals(1, scheduled[0]);
        assertEquals(600, feed.drainInto(model, 600));
        assertEquals(2, scheduled[0], "what is left schedules one more drain");
        assertEquals(400, feed.drainInto(model, 600));
        feed.onEnded(new SessionEnd(SessionEnd.Kind.DETACHED, "d"));
        assertEquals(3, scheduled[0]);
        feed.drainInto(model, 600);
        assertEquals(1000, model.rows().size());
        assertEquals(ConnectionState.ENDED, model.state());
    }
}
