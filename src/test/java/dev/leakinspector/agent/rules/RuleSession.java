package dev.leakinspector.agent.rules;

/**
 * The class {@link #RULE} names; it declares no {@code release()} of its own, it inherits
 * {@link RuleResource}'s. Immutable; any thread.
 */
public class RuleSession extends RuleResource {
    /** Watch a session once its {@code release()} returns, whichever class's method that is. */
    public static final String RULE = RuleSession.class.getName() + "#release:this";
}
