package dev.leakinspector.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code rule} agent option: rules separated by {@code ;}, malformed ones become problems for the user. */
class AgentConfigRulesTest {
    private static final String BASE = "port=4000,token=00112233445566778899aabbccddeeff";

    @Test
    void rulesAreSplitOnSemicolons() {
        AgentConfig config = AgentConfig.parse(BASE + ",rule=com.acme.Session%23close:this;%20com.acme.Pool%23borrow:return;");
        assertEquals(List.of("com.acme.Session#close:this", "com.acme.Pool#borrow:return"), config.watchRules());
        assertEquals(List.of(), config.problems());
    }

    @Test
    void aMalformedRuleIsAProblemNamingIt() {
        AgentConfig config = AgentConfig.parse(BASE + ",rule=com.acme.Session%23close:self");
        assertEquals(1, config.problems().size(), config.problems().toString());
        assertTrue(config.problems().get(0).startsWith("agent option 'rule': watch rule 'com.acme.Session#close:self': unknown target 'self'"),
                config.problems().get(0));
    }

    @Test
    void noRulesByDefault() {
        assertEquals(List.of(), AgentConfig.parse(BASE).watchRules());
    }
}
