package dev.leakinspector.agent.rules;

/** A {@link RuleSession} that overrides {@code release()} and calls the inherited one. Immutable; any thread. */
public class PooledRuleSession extends RuleSession {
    @Override
    public String release() {
        return "pooled, " + super.release();
    }
}
