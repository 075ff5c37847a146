package dev.leakinspector.cli;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.ObjectDeallocated;
import dev.leakinspector.protocol.ObjectReused;
import dev.leakinspector.protocol.Verdict;
import dev.leakinspector.protocol.VerdictChanged;
import dev.leakinspector.session.SessionEnd;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code attach} prints for protocol 2's messages, in JSON and as text, and that the end comes once, last. */
class EventPrintersTest {
    private static final LeakSuspected CONFIRMED_LEAK = new LeakSuspected(7, "javafx.stage.Stage", "window hidden",
            List.of("Stage \"Prefs\"", "Scene"), 3, 1000, 4000, true, Verdict.LEAK, "");
    private static final LeakSuspected UNCONFIRMED_RETAINED = new LeakSuspected(8, "com.acme.OrdersPage", "node removed",
            List.of("Stage \"Main\"", "Scene", "OrdersPage"), 0, 1000, 4000, false, Verdict.RETAINED,
            "-XX:+DisableExplicitGC");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aJsonLeakCarriesItsVerdictAndWhyNoGcRanOnlyWhenNoneDid() {
        JsonEventPrinter json = new JsonEventPrinter(out, false);
        json.message(CONFIRMED_LEAK);
        json.message(UNCONFIRMED_RETAINED);

        assertEquals(List.of(
                "{\"type\":\"leak\",\"id\":\"7\",\"className\":\"javafx.stage.Stage\",\"trigger\":\"window hidden\","
                        + "\"viewStack\":[\"Stage \\\"Prefs\\\"\",\"Scene\"],\"descendants\":3,\"watchedAt\":1000,"
                        + "\"reportedAt\":4000,\"gcConfirmed\":true,\"verdict\":\"leak\"}",
                "{\"type\":\"leak\",\"id\":\"8\",\"className\":\"com.acme.OrdersPage\",\"trigger\":\"node removed\","
                        + "\"viewStack\":[\"Stage \\\"Main\\\"\",\"Scene\",\"OrdersPage\"],\"descendants\":0,\"watchedAt\":1000,"
                        + "\"reportedAt\":4000,\"gcConfirmed\":false,\"gcSkippedBecause\":\"-XX:+DisableExplicitGC\","
                        + "\"verdict\":\"retained\"}"), lines());
    }

    @Test
    void jsonPrintsReusedAndVerdictEventsInTheAgreedShape() {
        JsonEventPrinter json = new JsonEventPrinter(out, false);
        json.message(new ObjectReused(8, 5300));
        json.message(new VerdictChanged(8, Verdict.LEAK, "3 instances of \"OrdersPage\" retained"));

        assertEquals(List.of(
                "{\"type\":\"reused\",\"id\":\"8\",\"afterMillis\":5300}",
                "{\"type\":\"verdict\",\"id\":\"8\",\"verdict\":\"leak\",\"reason\":\"3 instances of \\\"OrdersPage\\\" retained\"}"),
                lines());
    }

    @Test
    void aJsonExplanationIsItsOwnEventNamingTheReport() {
        JsonEventPrinter json = new JsonEventPrinter(out, false);
        json.explained(CONFIRMED_LEAK, Optional.empty(), "no heap dump: process 42 exited");
        json.explained(UNCONFIRMED_RETAINED, Optional.empty(), "");

        assertEquals(List.of(
                "{\"type\":\"explanation\",\"id\":\"7\",\"note\":\"no heap dump: process 42 exited\"}",
                "{\"type\":\"explanation\",\"id\":\"8\"}"), lines());
    }

    @Test
    void anAnalysisBuiltElsewhereJoinsTheLineAtItsTopLevel() {
        assertEquals("{\"type\":\"explanation\",\"id\":\"7\",\"objectId\":\"0x1\",\"paths\":[]}",
                new JsonLine("explanation").field("id", "7").members(" {\"objectId\":\"0x1\",\"paths\":[]} ").toString());
        assertEquals("{\"type\":\"explanation\"}", new JsonLine("explanation").members("{ }").toString());
        assertThrows(IllegalArgumentException.class, () -> new JsonLine("x").members("[1]"));
    }

    @Test
    void textTellsLeakFromRetainedAndShowsRetractionsAndEscalations() {
        TextEventPrinter text = new TextEventPrinter(out, false);
        text.message(CONFIRMED_LEAK);
        text.message(UNCONFIRMED_RETAINED);
        text.message(new ObjectDeallocated(7, 2500));
        text.message(new ObjectReused(8, 5300));
        text.message(new VerdictChanged(9, Verdict.LEAK, "3 instances of OrdersPage retained"));

        List<String> lines = lines();
        assertEquals(7, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  LEAK         #7 javafx\\.stage\\.Stage  "
                + "\\(window hidden, 3 descendants, confirmed by a GC\\)"), lines.get(0));
        assertEquals(" ".repeat(27) + "Stage \"Prefs\" › Scene", lines.get(1));
        assertTrue(lines.get(2).endsWith("  RETAINED     #8 com.acme.OrdersPage  (node removed, 0 descendants, "
                + "NOT confirmed by a GC: -XX:+DisableExplicitGC)"), lines.get(2));
        assertTrue(lines.get(4).endsWith("  DEALLOCATED  #7 after 2.5 s"), lines.get(4));
        assertTrue(lines.get(5).endsWith("  REUSED       #8 after 5.3 s: the program shows it again"), lines.get(5));
        assertTrue(lines.get(6).endsWith("  VERDICT      #9 is now LEAK: 3 instances of OrdersPage retained"), lines.get(6));
    }

    @Test
    void textExplainsAReportInABlockUnderItsNumber() {
        TextEventPrinter text = new TextEventPrinter(out, false);
        text.explained(UNCONFIRMED_RETAINED, Optional.empty(), "collected before the heap dump");

        assertEquals(List.of("", "Why #8 com.acme.OrdersPage (Stage \"Main\" › Scene › OrdersPage) is still alive:",
                "  collected before the heap dump"), lines());
    }

    @Test
    void theEndIsPrintedOnceAndNothingAfterIt() {
        EndOncePrinter printer = new EndOncePrinter(new JsonEventPrinter(out, false));
        printer.message(new ObjectDeallocated(1, 10));
        printer.ended(new SessionEnd(SessionEnd.Kind.DETACHED, "Leak Inspector was interrupted"), "interrupted");
        printer.ended(new SessionEnd(SessionEnd.Kind.DETACHED, "the duration of 5 s ended"), "duration");
        printer.message(new ObjectDeallocated(2, 10));
        printer.explained(CONFIRMED_LEAK, Optional.empty(), "late");

        assertTrue(printer.hasEnded());
        assertEquals(List.of("{\"type\":\"deallocated\",\"id\":\"1\",\"afterMillis\":10}",
                "{\"type\":\"end\",\"reason\":\"interrupted\",\"message\":\"Leak Inspector was interrupted\"}"), lines());
    }
}
