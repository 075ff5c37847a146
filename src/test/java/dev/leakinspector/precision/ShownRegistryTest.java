package dev.leakinspector.precision;

import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The precision targets' oracle: which reported objects were on screen. */
class ShownRegistryTest {
    private static final long HIDDEN_AT = 1_000_000;

    @Test
    void aReportedObjectThatStoppedShowingThenAndShowsNowIsOnScreen() {
        ShownRegistry registry = new ShownRegistry();
        Page page = new Page();
        registry.register(page);
        registry.undisplayed(page, HIDDEN_AT);
        Set<Object> showing = Set.of(page);

        registry.displayed(page, HIDDEN_AT + 100); // moved: shown again at once
        long reportedAt = HIDDEN_AT + 2000;

        assertEquals(1, registry.displayedMatches(Page.class.getName(), HIDDEN_AT + 40, reportedAt, showing::contains).size());
        assertEquals(List.of(), registry.displayedMatches(Page.class.getName(), HIDDEN_AT + 40, reportedAt, object -> false),
                "not showing now: not on screen");
        assertEquals(List.of(), registry.displayedMatches(Page.class.getName(), HIDDEN_AT + 10_000, reportedAt, showing::contains),
                "hidden at another time: a report of another event");
        assertEquals(List.of(), registry.displayedMatches(String.class.getName(), HIDDEN_AT, reportedAt, showing::contains),
                "another class: another object");
    }

    @Test
    void anObjectShownAgainOnlyAfterItsReportWasNotOnScreenWhenReported() {
        ShownRegistry registry = new ShownRegistry();
        Page page = new Page();
        registry.register(page);
        registry.undisplayed(page, HIDDEN_AT);
        registry.displayed(page, HIDDEN_AT + 5000); // a cached page put back after its report: a reuse
        Set<Object> showing = Set.of(page);

        assertEquals(List.of(), registry.displayedMatches(Page.class.getName(), HIDDEN_AT, HIDDEN_AT + 2000, showing::contains));
    }

    @Test
    void theRegistryKeepsNothingAlive() throws InterruptedException {
        ShownRegistry registry = new ShownRegistry();
        Page page = new Page();
        registry.register(page);
        registry.undisplayed(page, HIDDEN_AT);
        WeakReference<Page> gone = new WeakReference<>(page);
        page = null;
        for (int i = 0; i < 50 && gone.get() != null; i++) {
            System.gc();
            Thread.sleep(10); // a GC has no event to wait for
        }
        assertNull(gone.get(), "a registered page is collectable");
        assertTrue(registry.displayedMatches(Page.class.getName(), HIDDEN_AT, HIDDEN_AT, object -> true).isEmpty());
    }

    private static final class Page {
    }
}
