package dev.leakinspector.agent.rules;

import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one class that rule advice, inlined into the target's own classes, calls: it must be public
 * and resolvable from the target class's loader (the agent jar is on the system class path). It
 * hands the object to the session's {@link WatchSink}, which holds it only weakly, and does nothing
 * while no session is connected, so advice that outlives a session by a moment is harmless.
 *
 * <p>Threading: {@link #methodExited} runs on whatever target thread returned from a rule's method;
 * it never blocks and never throws. {@link #connect}/{@link #disconnect} may be called from any thread.
 */
public final class RuleBridge {
    private static volatile WatchSink sink;
    /** Each installed rule's scope, by the rule's trigger text (the constant the advice passes). */
    private static final ConcurrentMap<String, RuleScope> SCOPES = new ConcurrentHashMap<>();

    private RuleBridge() {
    }

    /**
     * Called by the advice when a rule's method returns. Not for anyone else.
     *
     * <p>An instance method may belong to a superclass or a subclass of the rule's class: it watches
     * only if its receiver is an instance of the rule's class (a superclass's method also runs for
     * unrelated subclasses), and only if no advised override below it will watch the same object
     * when it returns (an override that calls {@code super} would otherwise watch it twice).
     *
     * @param watched the object the rule names (this, the return value or an argument); null is ignored
     * @param self the receiver, or null in a static method (only the rule's own class has those advised)
     * @param declaring the class whose method returned
     * @param method the method's name and descriptor ({@code close()V})
     * @param ruleClass the rule's class name
     * @param trigger the rule's trigger text, a constant in the advice ({@code rule com.acme.Session#close:this})
     */
    public static void methodExited(Object watched, Object self, Class<?> declaring, String method, String ruleClass,
                                    String trigger) {
        WatchSink current = sink;
        if (current == null || watched == null) {
            return;
        }
        try {
            if (self != null && !appliesTo(self.getClass(), declaring, method, ruleClass, SCOPES.get(trigger))) {
                return;
            }
            current.watch(watched, trigger, ViewStack.of(crumb(watched.getClass())), WatchSink.NOT_WATCHED);
        } catch (Throwable error) {
            // The advice also suppresses, but the target must not even pay for an exception's unwinding there.
            try {
                current.reportError(trigger, error);
            } catch (Throwable ignored) {
                // Nothing more we can do without harming the target.
            }
        }
    }

    /**
     * Whether a return from {@code declaring}'s {@code method} on a receiver of {@code receiverType} is
     * the rule's to watch: the receiver is a {@code ruleClass} (by name, as the rule matches classes)
     * and no override below {@code declaring} carries the advice. Without a scope (a rule being removed),
     * overrides are not known and the method watches.
     */
    static boolean appliesTo(Class<?> receiverType, Class<?> declaring, String method, String ruleClass, RuleScope scope) {
        if (receiverType != declaring && scope != null && scope.overriddenBelow(receiverType, declaring, method)) {
            return false;
        }
        if (declaring.getName().equals(ruleClass)) {
            // Also where the rule's class is an interface (a default method), which no superclass walk finds.
            return true;
        }
        for (Class<?> type = receiverType; type != null; type = type.getSuperclass()) {
            if (type.getName().equals(ruleClass)) {
                return true;
            }
        }
        return false;
    }

    /** Makes {@code scope} the one advice with {@code trigger} consults. */
    static void addScope(String trigger, RuleScope scope) {
        SCOPES.put(trigger, scope);
    }

    /** Removes {@code scope} if it is still the one for {@code trigger} (a newer session's stays). */
    static void removeScope(String trigger, RuleScope scope) {
        SCOPES.remove(trigger, scope);
    }

    /**
     * The view stack of a rule-watched object: one crumb, the simple name of the object's own class.
     * A rule fires outside any window, so there is no path to show; the runtime class (not the rule's
     * class) because for {@code return} and {@code argN} the watched object is often of another type.
     */
    static String crumb(Class<?> type) {
        String simple = type.getSimpleName();
        if (!simple.isEmpty()) {
            return simple;
        }
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    static synchronized void connect(WatchSink newSink) {
        sink = newSink;
    }

    /** Disconnects {@code oldSink} if it is still the connected one (a newer session's stays). */
    static synchronized void disconnect(WatchSink oldSink) {
        if (sink == oldSink) {
            sink = null;
        }
    }
}
