package dev.leakinspector.agent;

import dev.leakinspector.protocol.AgentOptions;
import dev.leakinspector.protocol.AuthToken;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentConfigTest {
    private final AuthToken token = AuthToken.random();

    @Test
    void parsesEveryKnownOption() {
        AgentConfig config = AgentConfig.parse(options(Map.of("port", "4711", "grace", "500", "gc", "false",
                "ignore", "com.acme.*; org.x.Y")));

        assertTrue(config.problems().isEmpty(), config.problems().toString());
        assertEquals("127.0.0.1", config.host());
        assertEquals(4711, config.port());
        assertTrue(config.token().matches(token));
        assertEquals(500, config.graceMillis());
        assertFalse(config.gcEnabled());
        assertEquals(List.of("com.acme.*", "org.x.Y"), config.ignoreGlobs());
    }

    @Test
    void unknownKeysAndBadValuesBecomeProblemsForTheUser() {
        AgentConfig config = AgentConfig.parse(options(Map.of("port", "4711", "grace", "soon", "colour", "red")));

        assertTrue(config.canConnect(), "enough to reach the user and tell them");
        assertEquals(2, config.problems().size(), config.problems().toString());
        assertTrue(config.problems().stream().anyMatch(p -> p.contains("'colour'")));
        assertTrue(config.problems().stream().anyMatch(p -> p.contains("'grace'") && p.contains("soon")));
    }

    @Test
    void withoutPortOrTokenItCannotConnect() {
        assertFalse(AgentConfig.parse("grace=10").canConnect());
        assertFalse(AgentConfig.parse("this is not an option string").canConnect());
    }

    private String options(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(extra);
        all.put("token", token.toHex());
        return AgentOptions.format(all);
    }
}
