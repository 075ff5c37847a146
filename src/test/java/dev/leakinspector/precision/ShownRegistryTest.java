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

        assertEquals(1, registry.displayedMatches(Page.class.getName(), HIDDEN_AT + 40, showing::contains).size());
        assertEquals(List.of(), registry.displayedMatches(Page.class.getName(), HIDDEN_AT + 40, object -> false),
                "not showing now: not on screen");
        assertEquals(List.of(), registry.displayedMatches(Page.class.getName(), HIDDEN_AT + 10_000, showing::contains),
                "hidden at another time: a report of another event");
        assertEquals(List.of(), registry.displayedMatches(String.class.getName(), HIDDEN_AT, showing::contains),
                "another class: another object");
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
        assertTrue(registry.displayedMatches(Page.class.getName(), HIDDEN_AT, object -> true).isEmpty());
    }

    private static final class Page {
    }
}
