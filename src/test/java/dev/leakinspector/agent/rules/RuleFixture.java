package dev.leakinspector.agent.rules;

/**
 * A class for rule advice to be added to, in tests. It uses only JDK types, so its advised copy
 * can be defined in a class loader that sees nothing of ours. Immutable; any thread.
 */
public class RuleFixture {
    private final String name;

    public RuleFixture(String name) {
        this.name = name;
    }

    public String close() {
        return "closed " + name;
    }

    public String close(boolean force) {
        return (force ? "force-closed " : "closed ") + name;
    }

    public Object open(Object settings, int times) {
        return new StringBuilder("opened " + name + " " + times + " " + settings);
    }

    public void touch() {
    }

    public int count() {
        return name.length();
    }

    public static Object create(String name) {
        return new StringBuilder(name);
    }

    public String fail() {
        throw new IllegalStateException("close failed for " + name);
    }
}
