package dev.leakinspector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The registry lists the patterns of LEAK-PATTERNS.md in order, with the documented outcomes and titles. */
class DemoPatternsTest {
    @Test
    void patternsAreInDocumentOrderWithTheirOutcomes() {
        String listed = DemoPatterns.all().stream()
                .map(p -> p.id() + "=" + p.expected().label())
                .collect(Collectors.joining(" "));
        assertEquals("1=LEAK 1b=NONE 2=LEAK 2b=NONE 3=LEAK\u2192DEALLOCATED 4=LEAK 4b=NONE 5=LEAK 5b=NONE "
                        + "6=RETAINED\u2192LEAK \u00d72 6c=RETAINED\u2192REUSED 6b=NONE 7=NONE 8=LEAK 8b=NONE "
                        + "9=RETAINED\u2192LEAK \u00d72 10=LEAK 11=LEAK 12=RETAINED\u2192DEALLOCATED "
                        + "13=RETAINED\u2192LEAK \u00d73 13b=RETAINED\u2192REUSED 14=LEAK 15=NONE (or JDK hold) "
                        + "16=2 reports, told apart 17=RETAINED\u2192LEAK \u00d73",
                listed);
    }

    @Test
    void titlesAreExact() {
        List<String> titles = DemoPatterns.all().stream().map(DemoPattern::title).collect(Collectors.toList());
        assertEquals(List.of(
                "1 Listener on a long-lived model",
                "1b Weak listener on a long-lived model",
                "2 Session holds its delegate",
                "2b Session invalidated on close",
                "3 Delayed call captures this",
                "4 Background task never ended",
                "4b Background task cancelled",
                "5 Endless animation",
                "5b Finished animation",
                "6 Swapped-out page",
                "6c Page cache that reuses",
                "6b Moved page",
                "7 Dialog hidden and shown again",
                "8 Swing listener",
                "8b Swing frame disposed cleanly",
                "9 Swing panel kept in a static list",
                "10 Thread-local on a pooled thread",
                "11 Rule-watched session",
                "12 Children moved out of a dropped view",
                "13 Swing dialog recreated on each open",
                "13b Swing dialog reused",
                "14 Dump taken mid-event",
                "15 Window kept by a toolkit internal",
                "16 Two pages of one tab pane",
                "17 Master-detail, new pane per selection"), titles);
    }

    @Test
    void idsAreFoundIgnoringCase() {
        assertEquals("1b", DemoPatterns.byId("1B").orElseThrow().id());
        assertEquals("13b", DemoPatterns.byId("13B").orElseThrow().id());
        assertTrue(DemoPatterns.byId("18").isEmpty());
    }
}
