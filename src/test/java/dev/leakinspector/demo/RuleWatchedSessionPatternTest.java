package dev.leakinspector.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pattern 11 in-process, without an agent: closing its window closes the session, the session
 * stays in the static history (the leak the rule finds), and the window itself is collectable, so
 * the rule's report is the pattern's only one.
 */
class RuleWatchedSessionPatternTest {
    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void closingTheWindowClosesTheSessionIntoTheHistoryAndLetsTheWindowGo() throws Exception {
        int before = RuleWatchedSession.recentlyClosedCount();
        FxTestSupport.ClosedStage closed = FxTestSupport.openAndClose(DemoPatterns.get("11"));
        assertEquals(before + 1, RuleWatchedSession.recentlyClosedCount(), "the closed session is kept by the history");
        assertTrue(closed.collectedWithin(Duration.ofSeconds(5)), "pattern 11's Stage must be collectable after its close");
    }

    @Test
    void theRuleNamesTheSessionsCloseMethod() throws Exception {
        assertEquals(RuleWatchedSession.class.getName() + "#close:this", RuleWatchedSession.RULE);
        RuleWatchedSession.class.getMethod("close");
        RuleWatchedSession session = new RuleWatchedSession("test");
        assertTrue(session.isOpen());
        assertEquals("request 1 to test: x", session.request("x"));
        assertEquals("closed session to test after 1 request", session.close());
        assertFalse(session.isOpen());
        assertEquals("session to test was already closed", session.close());
    }
}
