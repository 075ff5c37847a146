package dev.leakinspector.protocol;

/**
 * Agent -> app: the verdict of a standing report changed, e.g. a {@link Verdict#RETAINED} view escalated to
 * {@link Verdict#LEAK} because more instances of its kind pile up. Immutable; any thread. Null strings become "".
 *
 * @param reason one line a user can read, e.g. "3 instances of OrdersPage retained"
 */
public record VerdictChanged(long watchId, Verdict verdict, String reason) implements Message {
    public VerdictChanged {
        verdict = verdict == null ? Verdict.LEAK : verdict;
        reason = Fields.text(reason);
    }
}
