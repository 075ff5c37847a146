package dev.leakinspector.session;

import dev.leakinspector.protocol.LeakSuspected;
import dev.leakinspector.protocol.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class SharedStringsTest {
    /** A report as the decoder makes it: every string a new object. */
    private static LeakSuspected decoded(long id, String title) {
        return new LeakSuspected(id, new String("com.acme.OrdersPage"), new String("window hidden"),
                List.of(new String("Stage \"" + title + "\""), new String("Scene"), new String("BorderPane")), 3,
                10 + id, 20 + id, false, Verdict.RETAINED, new String("-XX:+DisableExplicitGC"));
    }

    @Test
    void aReportKeepsEveryValueAndSharesTheStringsItRepeats() {
        SharedStrings shared = new SharedStrings();
        LeakSuspected first = shared.share(decoded(1, "Orders"));
        LeakSuspected original = decoded(2, "Invoices");
        LeakSuspected second = shared.share(original);

        assertEquals(original, second);
        assertEquals(decoded(1, "Orders"), first);
        assertSame(first.className(), second.className());
        assertSame(first.trigger(), second.trigger());
        assertSame(first.viewStack().get(1), second.viewStack().get(1));
        assertSame(first.viewStack().get(2), second.viewStack().get(2));
        assertNotSame(first.viewStack().get(0), second.viewStack().get(0));
    }

    @Test
    void aReportWithNothingToShareIsKeptAsItIs() {
        SharedStrings shared = new SharedStrings();
        LeakSuspected report = decoded(1, "Orders");
        assertSame(report, shared.share(report));
    }

    @Test
    void manyDifferentStringsOnlyEvictEachOther() {
        SharedStrings shared = new SharedStrings();
        for (int i = 0; i < 100_000; i++) {
            String text = "Stage \"Window " + i + "\"";
            assertEquals(text, shared.share(text));
        }
        String scene = shared.share(new String("Scene"));
        assertSame(scene, shared.share(new String("Scene")));
    }
}
