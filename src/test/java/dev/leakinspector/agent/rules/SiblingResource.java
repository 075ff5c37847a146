package dev.leakinspector.agent.rules;

/**
 * A {@link RuleResource} that is no {@link RuleSession}: its {@code release()} is the inherited one,
 * advised for the session rule, which must not watch it. Immutable; any thread.
 */
public class SiblingResource extends RuleResource {
}
