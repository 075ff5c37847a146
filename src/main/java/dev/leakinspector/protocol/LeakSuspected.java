package dev.leakinspector.protocol;

import java.util.List;

/**
 * Agent -> app: a watched object survived its grace period (and, if {@code gcConfirmed}, a GC after it).
 * Immutable; any thread. Null strings become "", a null list becomes empty, a null verdict becomes
 * {@link Verdict#LEAK}.
 *
 * @param watchId the id carried by the agent's weak reference; the heap engine finds the object by it
 * @param trigger what started the watch, e.g. "window hidden", "node detached", a rule name
 * @param viewStack crumbs from the window down to the object, outermost first
 * @param descendants watched objects under this one that are counted here rather than reported
 * @param verdict {@link Verdict#LEAK} or {@link Verdict#RETAINED} (possibly a cache); may be escalated later
 *     by {@link VerdictChanged}
 * @param gcSkippedBecause why no GC ran after the grace period when {@code gcConfirmed} is false (e.g.
 *     "-XX:+DisableExplicitGC"); "" when a GC confirmed the report
 */
public record LeakSuspected(long watchId, String className, String trigger, List<String> viewStack, int descendants,
                            long watchedAtMillis, long reportedAtMillis, boolean gcConfirmed, Verdict verdict,
                            String gcSkippedBecause) implements Message {
    public LeakSuspected {
        className = Fields.text(className);
        trigger = Fields.text(trigger);
        viewStack = Fields.texts(viewStack);
        verdict = verdict == null ? Verdict.LEAK : verdict;
        gcSkippedBecause = Fields.text(gcSkippedBecause);
    }
}
