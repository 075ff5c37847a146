package dev.leakinspector.agent.rules;

/** A {@link RuleSession} that overrides {@code release()} without calling the inherited one. Immutable; any thread. */
public class PlainRuleSession extends RuleSession {
    @Override
    public String release() {
        return "plain";
    }
}
