package dev.leakinspector.attach;

/**
 * Stand-in for the real agent in integration tests: publishes {@code leakinspector.agent.version} from its
 * options ({@code version=X}, optionally {@code ,fail}) and counts its starts. Runs on the attach listener
 * thread of the target, like any {@code agentmain}.
 */
public final class TestAgent {

    static final String CALLS_PROPERTY = "leakinspector.test.agentmainCalls";

    private TestAgent() {
    }

    public static void agentmain(String options) {
        String version = "dev";
        boolean fail = false;
        for (String option : String.valueOf(options).split(",")) {
            if (option.startsWith("version=")) {
                version = option.substring("version=".length());
            } else if (option.equals("fail")) {
                fail = true;
            }
        }
        if (fail) {
            // Lets a test see how the JVM reports an agent that throws while starting.
            throw new IllegalStateException("test agent asked to fail");
        }
        int calls = Integer.getInteger(CALLS_PROPERTY, 0) + 1;
        System.setProperty(CALLS_PROPERTY, Integer.toString(calls));
        System.setProperty(AgentAttacher.AGENT_VERSION_PROPERTY, version);
    }
}
