package dev.leakinspector.session;

import dev.leakinspector.protocol.AgentError;
import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Stats;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The damaged session files of the probe (issue 11, finding 5): every valid line survives, every bad line is named
 * with its right number and a human reason, a cut-off last line is never misread, odd encodings are read.
 */
class SessionFileDamageTest {
    private static final String HEADER_V1 = "leak-inspector-session\t1\n";
    private static final String TARGET_LINE = "target\t4242\tcom.acme.Main\t17.0.9\tOpenJDK\t0.1\tjavafx\tfalse\tfalse\t0\n";

    @TempDir
    Path dir;

    /** A real session file, written the way a live session writes it, with every kind of record. */
    private Path realSession() throws IOException {
        SessionJournal journal = SessionJournal.create(dir.resolve("sessions"), SessionModelTest.TARGET, 1_763_802_000_000L);
        journal.ignoreListChanged(List.of("com.acme.internal.*"));
        journal.onMessage(new Stats(5, 1234, 9999, 3, 0, 0, 0));
        journal.onMessage(SessionModelTest.leak(1, "javafx.stage.Stage"));
        journal.onMessage(new LeakSuspected(2, "com.acme.OrdersPage", "node detached",
                List.of("Stage \"Fen\u00eatre \u00abPr\u00e9f\u00e9rences\u00bb\"", "Scene", "VBox#form"), 0, 10, 20, false,
                Verdict.RETAINED, "-XX:+DisableExplicitGC"));
        journal.onMessage(new VerdictChanged(2, Verdict.LEAK, "3 instances of OrdersPage retained"));
        journal.onMessage(SessionModelTest.leak(3, "com.acme.Dialog"));
        journal.onMessage(new ObjectDeallocated(3, 4312));
        journal.onMessage(new ObjectReused(1, 900));
        journal.onMessage(new AgentError("swing trigger", "failed"));
        journal.onEnded(new SessionEnd(SessionEnd.Kind.DETACHED, "detached"));
        assertTrue(journal.failure().isEmpty());
        return journal.file();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name + SessionFile.EXTENSION);
        Files.write(file, bytes);
        return file;
    }

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** What a row took from its leak line (the status also depends on later lines). */
    private static List<Object> leakLine(LeakRecord row) {
        return List.of(row.watchId(), row.className(), row.trigger(), row.viewStack(), row.descendants(),
                row.watchedAtMillis(), row.reportedAtMillis(), row.gcConfirmed());
    }

    private static List<Long> ids(SessionModel model) {
        return model.rows().stream().map(LeakRecord::watchId).toList();
    }

    private static void assertHuman(String reason) {
        for (String javaText : List.of("Exception", "java.", "For input string", "Index ")) {
            assertFalse(reason.contains(javaText), "not for a user: " + reason);
        }
    }

    @Test
    void theNewRecordsAndLeakFieldsAreWrittenAndTheFileHasTheNewVersion() throws IOException {
        List<String> lines = Files.readAllLines(realSession());
        assertEquals("leak-inspector-session\t2", lines.get(0));
        assertTrue(lines.contains("leak\t2\tcom.acme.OrdersPage\tnode detached\t0\t10\t20\tfalse\tretained"
                + "\t-XX:+DisableExplicitGC\tStage \"Fen\u00eatre \u00abPr\u00e9f\u00e9rences\u00bb\"\tScene\tVBox#form"), lines.toString());
        assertTrue(lines.contains("verdict\t2\tleak\t3 instances of OrdersPage retained"), lines.toString());
        assertTrue(lines.contains("reused\t1\t900"), lines.toString());
        assertTrue(lines.stream().filter(l -> l.startsWith("leak\t1\t")).allMatch(l -> l.contains("\ttrue\tleak\t\tStage")),
                lines.toString());
    }

    @Test
    void aWholeRealFileReadsWithNothingSkipped() throws IOException {
        SessionFileContents read = SessionFile.read(realSession());
        assertEquals(List.of(), read.skipped());
        assertEquals("", read.skippedSummary());
        assertEquals(List.of(1L, 2L, 3L), ids(read.model()));
        assertEquals(List.of("Stage \"Fen\u00eatre \u00abPr\u00e9f\u00e9rences\u00bb\"", "Scene", "VBox#form"),
                read.model().row(2).orElseThrow().viewStack(), "verdict and gcSkippedBecause are not read as crumbs");
        assertEquals(SessionModelTest.TARGET, read.model().target());
        assertEquals(SessionEnd.Kind.DETACHED, read.model().sessionEnd().orElseThrow().kind());
    }

    @Test
    void aDamagedMiddleLineCostsOnlyItselfAndIsNamedWithItsNumber() throws IOException {
        Path file = write("damaged", HEADER_V1 + TARGET_LINE
                + "leak\t1\ta.One\twindow hidden\t0\t1\t2\ttrue\tStage\n"
                + "\n\n"
                + "leak\t2\ta.Two\twindow hidden\t1x\t1\t2\ttrue\tStage\n"
                + "leak\t3\ta.Three\twindow hidden\t0\t1\t2\tfalse\tStage\tScene\n"
                + "deallocated\t3\n"
                + "end\tDETACHED\tdetached\n");
        SessionFileContents read = SessionFile.read(file);
        assertEquals(List.of(1L, 3L), ids(read.model()));
        assertEquals(2, read.skipped().size(), read.skipped().toString());
        assertEquals(6, read.skipped().get(0).number(), "blank lines count like an editor counts them");
        assertEquals("the descendant count is not a whole number: \"1x\"", read.skipped().get(0).reason());
        assertEquals(8, read.skipped().get(1).number());
        assertEquals("a deallocated line needs at least 3 fields, this one has 2", read.skipped().get(1).reason());
        assertEquals("2 lines skipped: line 6: the descendant count is not a whole number: \"1x\"; "
                + "line 8: a deallocated line needs at least 3 fields, this one has 2", read.skippedSummary());
        read.skipped().forEach(s -> assertHuman(s.reason()));
        assertEquals(SessionEnd.Kind.DETACHED, read.model().sessionEnd().orElseThrow().kind(), "lines after the damage count");
    }

    @Test
    void damagedValuesAreNamedAndNeverReadLeniently() throws IOException {
        Path file = write("values", HEADER_V1 + TARGET_LINE
                + "leak\t1\ta.One\twindow hidden\t0\t1\t2\ttru\tStage\n"
                + "end\tFINISHED\tdone\n"
                + "stats\t1\t2\n");
        SessionFileContents read = SessionFile.read(file);
        assertEquals(List.of(), ids(read.model()));
        assertEquals(List.of("line 3: gcConfirmed must be true or false, not \"tru\"",
                "line 4: unknown way for a session to end: \"FINISHED\"",
                "line 5: a stats line needs at least 8 fields, this one has 3"),
                read.skipped().stream().map(Object::toString).toList());
    }

    @Test
    void aWrongVerdictInAVersion2LeakLineIsSkipped() throws IOException {
        Path file = write("verdict", "leak-inspector-session\t2\n" + TARGET_LINE
                + "leak\t1\ta.One\twindow hidden\t0\t1\t2\ttrue\tmaybe\t\tStage\n"
                + "leak\t2\ta.Two\twindow hidden\t0\t1\t2\tfalse\tretained\tno GC\tStage\tScene\n"
                + "verdict\t2\tleak\n");
        SessionFileContents read = SessionFile.read(file);
        assertEquals(List.of(2L), ids(read.model()));
        assertEquals(List.of("Stage", "Scene"), read.model().row(2).orElseThrow().viewStack());
        assertEquals(List.of("line 3: the verdict must be leak or retained, not \"maybe\"",
                "line 5: a verdict line needs at least 4 fields, this one has 3"),
                read.skipped().stream().map(Object::toString).toList());
    }

    @Test
    void aVersion1FileStillReadsItsCrumbsAndFlags() throws IOException {
        Path file = write("v1", HEADER_V1 + TARGET_LINE
                + "leak\t1\ta.One\twindow hidden\t0\t1\t2\tfalse\tStage \"A\"\tScene\tVBox\n");
        SessionFileContents read = SessionFile.read(file);
        assertEquals(List.of(), read.skipped());
        LeakRecord row = read.model().row(1).orElseThrow();
        assertEquals(List.of("Stage \"A\"", "Scene", "VBox"), row.viewStack());
        assertFalse(row.gcConfirmed());
    }

    @Test
    void aStray0xFFByteDoesNotRefuseTheFile() throws IOException {
        byte[] bytes = Files.readAllBytes(realSession());
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("javafx.stage.Stage");
        bytes[at] = (byte) 0xFF; // ASCII up to here, so the char index is the byte index
        SessionFileContents read = SessionFile.read(write("ff", bytes));
        assertEquals(List.of(1L, 2L, 3L), ids(read.model()));
        assertEquals("\u00ffavafx.stage.Stage", read.model().row(1).orElseThrow().className());
        assertEquals(List.of(), read.skipped());
    }

    @Test
    void aFileReSavedAsIso88591ReadsBackTheSameRows() throws IOException {
        Path real = realSession();
        String text = Files.readString(real, StandardCharsets.UTF_8);
        SessionFileContents original = SessionFile.read(real);
        SessionFileContents resaved = SessionFile.read(write("latin1", text.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(List.of(), resaved.skipped());
        assertEquals(original.model().rows(), resaved.model().rows());
    }

    @Test
    void aFileReSavedWithWindowsLineEndsAndAByteOrderMarkReadsBackTheSameRows() throws IOException {
        Path real = realSession();
        String text = "\uFEFF" + Files.readString(real, StandardCharsets.UTF_8).replace("\n", "\r\n");
        SessionFileContents resaved = SessionFile.read(write("crlf", text));
        assertEquals(List.of(), resaved.skipped());
        assertEquals(SessionFile.read(real).model().rows(), resaved.model().rows());
    }

    /**
     * Probe finding: 220 of 1,111 truncations of a real file were read with a cut-off last leak line taken as
     * valid. Here every prefix of a real file: the rows are exactly those whose leak line is complete, each one as
     * in the whole file, and a cut inside a line is reported as such.
     */
    @Test
    void everyTruncationOfARealFileKeepsTheCompleteLinesAndNeverMisreadsTheCutOne() throws IOException {
        byte[] full = Files.readAllBytes(realSession());
        assertTruncationsAreReadSafely(full);
    }

    @Test
    void everyTruncationOfAVersion1FileKeepsTheCompleteLinesAndNeverMisreadsTheCutOne() throws IOException {
        assertTruncationsAreReadSafely((HEADER_V1 + TARGET_LINE
                + "leak\t1\ta.One\twindow hidden\t0\t1\t2\ttrue\tStage \"A\"\tScene\n"
                + "stats\t1\t2\t3\t4\t5\t6\t7\n"
                + "leak\t12\ta.Two\twindow hidden\t10\t100\t200\tfalse\tStage \"B\"\tScene\tVBox\n"
                + "deallocated\t12\t1000\n").getBytes(StandardCharsets.UTF_8));
    }

    private void assertTruncationsAreReadSafely(byte[] full) throws IOException {
        Map<Long, List<Object>> whole = new LinkedHashMap<>();
        SessionFile.read(write("whole", full)).model().rows().forEach(row -> whole.put(row.watchId(), leakLine(row)));
        int headerEnd = indexOf(full, (byte) '\n', 0) + 1;
        Path cutFile = dir.resolve("cut" + SessionFile.EXTENSION);
        for (int cut = 0; cut < full.length; cut++) {
            byte[] prefix = Arrays.copyOf(full, cut);
            Files.write(cutFile, prefix);
            if (cut < headerEnd) {
                IOException refused = assertThrows(IOException.class, () -> SessionFile.read(cutFile), "cut at " + cut);
                assertHuman(refused.getMessage());
                continue;
            }
            SessionFileContents read = SessionFile.read(cutFile);
            List<Long> expected = completeLeakIds(prefix);
            assertEquals(expected, ids(read.model()), "cut at " + cut);
            for (LeakRecord row : read.model().rows()) {
                assertEquals(whole.get(row.watchId()), leakLine(row), "cut at " + cut);
            }
            boolean cutInsideALine = full[cut - 1] != '\n';
            if (cutInsideALine) {
                assertFalse(read.skipped().isEmpty(), "cut at " + cut + ": the cut line was not reported");
                SessionFileContents.SkippedLine last = read.skipped().get(read.skipped().size() - 1);
                assertEquals("cut off: the file ends in the middle of this line", last.reason(), "cut at " + cut);
            } else {
                assertEquals(List.of(), read.skipped(), "cut at " + cut);
            }
        }
    }

    /** The watch ids of the leak lines that end (with their newline) inside {@code prefix}. */
    private static List<Long> completeLeakIds(byte[] prefix) {
        List<Long> ids = new ArrayList<>();
        int start = 0;
        for (int end = indexOf(prefix, (byte) '\n', 0); end >= 0; end = indexOf(prefix, (byte) '\n', start)) {
            String line = new String(prefix, start, end - start, StandardCharsets.UTF_8);
            if (line.startsWith("leak\t")) {
                ids.add(Long.parseLong(line.split("\t")[1]));
            }
            start = end + 1;
        }
        return ids;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void versionsBelowOneAreRefused() throws IOException {
        for (String version : List.of("0", "-1")) {
            Path file = write("v" + version, "leak-inspector-session\t" + version + "\n" + TARGET_LINE);
            IOException refused = assertThrows(IOException.class, () -> SessionFile.read(file));
            assertTrue(refused.getMessage().contains("format " + version + ", which no Leak Inspector writes"),
                    refused.getMessage());
        }
        Path unreadable = write("vx", "leak-inspector-session\tone\n" + TARGET_LINE);
        IOException refused = assertThrows(IOException.class, () -> SessionFile.read(unreadable));
        assertTrue(refused.getMessage().endsWith("has an unreadable format version: \"one\""), refused.getMessage());
    }

    /** Probe finding: a duplicate target line silently dropped the rows before it. */
    @Test
    void aRepeatedTargetLineKeepsEveryRowAndTheFirstTarget() throws IOException {
        Path file = write("twice", HEADER_V1 + TARGET_LINE
                + "leak\t1\ta.One\twindow hidden\t0\t1\t2\ttrue\tStage\n"
                + TARGET_LINE.replace("4242", "4343")
                + "leak\t2\ta.Two\twindow hidden\t0\t1\t2\ttrue\tStage\n");
        SessionFileContents read = SessionFile.read(file);
        assertEquals(List.of(1L, 2L), ids(read.model()));
        assertEquals(4242, read.model().target().pid());
        assertEquals(List.of("line 4: a second target line (the one on line 2 is kept)"),
                read.skipped().stream().map(Object::toString).toList());
    }

    @Test
    void aDamagedTargetLineStillShowsTheRows() throws IOException {
        Path file = write("notarget", HEADER_V1 + "target\tnot-a-pid\n"
                + "leak\t1\ta.One\twindow hidden\t0\t1\t2\ttrue\tStage\n");
        SessionFileContents read = SessionFile.read(file);
        assertEquals(List.of(1L), ids(read.model()));
        assertEquals(SessionFileReader.UNKNOWN_TARGET, read.model().target());
        assertEquals(2, read.skipped().get(0).number());
    }

    @Test
    void aFolderIsRefusedWithAReasonInsteadOfAnException() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder" + SessionFile.EXTENSION));
        IOException refused = assertThrows(IOException.class, () -> SessionFile.read(folder));
        assertEquals(folder + " is not a regular file", refused.getMessage());
        IOException missing = assertThrows(IOException.class, () -> SessionFile.read(dir.resolve("gone")));
        assertEquals(dir.resolve("gone") + " does not exist", missing.getMessage());
    }

    @Test
    void theSummaryNamesTheFirstFiveAndCountsTheRest() {
        List<SessionFileContents.SkippedLine> skipped = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            skipped.add(new SessionFileContents.SkippedLine(i * 10, "bad"));
        }
        SessionFileContents contents = new SessionFileContents(
                new SessionModel(SessionModelTest.TARGET, ConnectionState.SAVED), skipped);
        assertEquals("7 lines skipped: line 10: bad; line 20: bad; line 30: bad; line 40: bad; line 50: bad; and 2 more",
                contents.skippedSummary());
    }
}
