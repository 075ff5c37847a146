package dev.leakinspector.agent.rules;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes beyond its own that one rule reaches: the superclasses of its class (loaded in some
 * class loader) that may declare the rule's method, and the classes whose methods carry the rule's
 * advice. The installer fills it in as classes are loaded; the advice asks it, through
 * {@link RuleBridge}, whether an overriding method further down will watch the object, so that a
 * {@code super.close()} inside an advised {@code close()} does not watch its object twice.
 *
 * <p>By class name, as the rule itself is: a class of that name in any class loader counts.
 * Thread-safe: written on class-loading threads and the installer's, read on any target thread
 * that returns from an advised method.
 */
final class RuleScope {
    private final Set<String> superclasses = ConcurrentHashMap.newKeySet();
    /** Class name to the advised methods' {@linkplain #methodKey keys}. */
    private final ConcurrentHashMap<String, Set<String>> advised = new ConcurrentHashMap<>();

    /** Adds a superclass of the rule's class; true if it was not known yet. */
    boolean addSuperclass(String className) {
        return superclasses.add(className);
    }

    boolean isSuperclass(String className) {
        return superclasses.contains(className);
    }

    /** Records that {@code method} (its name and descriptor, {@code close()V}) of {@code className} carries the advice. */
    void addAdvised(String className, String method) {
        advised.computeIfAbsent(className, name -> ConcurrentHashMap.newKeySet()).add(methodKey(method));
    }

    /**
     * Whether the advice will also run in an override of {@code method} (declared by {@code declaring})
     * that {@code receiverType} has: an advised method of the same name and parameters in a class between
     * the receiver's class (inclusive) and {@code declaring} (exclusive). Returns, without looking at
     * declared methods (no reflection, no class loading), as fast as a walk up the superclasses.
     */
    boolean overriddenBelow(Class<?> receiverType, Class<?> declaring, String method) {
        String key = null;
        for (Class<?> type = receiverType; type != null && type != declaring; type = type.getSuperclass()) {
            Set<String> methods = advised.get(type.getName());
            if (methods != null) {
                if (key == null) {
                    key = methodKey(method);
                }
                if (methods.contains(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Name and parameter types, without the return type: an override may narrow it (a covariant return). */
    private static String methodKey(String nameAndDescriptor) {
        return nameAndDescriptor.substring(0, nameAndDescriptor.indexOf(')') + 1);
    }
}
