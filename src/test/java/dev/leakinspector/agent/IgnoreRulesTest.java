package dev.leakinspector.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IgnoreRulesTest {
    @Test
    void aStarMatchesAnyRunIncludingDotsAndOtherCharactersAreLiteral() {
        IgnoreRules rules = new IgnoreRules(List.of("com.acme.cache.*", "org.x.Node$?"));

        assertTrue(rules.matches("com.acme.cache.Entry"));
        assertTrue(rules.matches("com.acme.cache.deep.Entry"));
        assertFalse(rules.matches("com.acme.cacheX.Entry"), "the dot is literal");
        assertTrue(rules.matches("org.x.Node$1"));
        assertFalse(rules.matches("org.x.Node$12"));
        assertFalse(IgnoreRules.NONE.matches("anything"));
    }
}
