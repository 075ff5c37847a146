package dev.leakinspector.agent.fx;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The warm-up names classes that exist: a renamed class would silently go back to loading in the first frame. */
class FxWarmUpTest {
    @Test
    void everyClassOfTheDetachPathIsFoundAndLoaded() {
        assertEquals(List.of(), FxWarmUp.loadDetachPathClasses());
    }
}
