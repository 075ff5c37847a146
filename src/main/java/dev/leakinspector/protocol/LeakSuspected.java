package dev.leakinspector.protocol;

import java.util.List;

/**
 * Agent -> app: a watched object survived its grace period (and, if {@code gcConfirmed}, a GC after it).
 * Immutable; any thread. Null strings become "", a null list becomes empty.
 *
 * @param watchId the id carried by the agent's weak reference; the heap engine finds the object by it
 * @param trigger what started the watch, e.g. "window hidden", "node detached", a rule name
 * @param viewStack crumbs from the window down to the object, outermost first
 * @param descendants watched objects under this one that are counted here rather than reported
 */
public record LeakSuspected(long watchId, String className, String trigger, List<String> viewStack, int descendants,
                            long watchedAtMillis, long reportedAtMillis, boolean gcConfirmed) implements Message {
    public LeakSuspected {
        className = Fields.text(className);
        trigger = Fields.text(trigger);
        viewStack = Fields.texts(viewStack);
    }
}
