package dev.leakinspector.attach;

/**
 * Stands for an attacker's agent in integration tests: if a target ever runs it, it says so in a system property.
 * Runs on the attach listener thread of the target.
 */
public final class ForeignAgent {

    static final String RAN_PROPERTY = "leakinspector.test.foreignAgentRan";

    private ForeignAgent() {
    }

    public static void agentmain(String options) {
        System.setProperty(RAN_PROPERTY, "yes");
    }
}
