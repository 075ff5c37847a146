package dev.leakinspector.agent.rules;

/**
 * A superclass of a rule's class, for tests of rules that reach beyond their class: it declares
 * {@code release()}, which {@link RuleSession} (the class the rule names) only inherits. Only JDK
 * types, like {@link RuleFixture}. Immutable; any thread.
 */
public class RuleResource {
    public String release() {
        return "released " + getClass().getSimpleName();
    }
}
