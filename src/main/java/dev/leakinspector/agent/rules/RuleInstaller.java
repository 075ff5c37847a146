package dev.leakinspector.agent.rules;

import dev.leakinspector.agent.WatchSink;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts watch rules into the target's classes and takes them out again: each rule is one
 * retransforming ByteBuddy transformer that adds {@link RuleAdvice} to the rule's method, in the
 * class if it is loaded already and whenever it is loaded later, without changing any class's shape
 * (no new fields or methods, so retransformation is always allowed). {@link #close()} resets every
 * transformer, which retransforms the classes back to their bytes before us.
 *
 * <p>Changing rules ({@link #update}) touches only rules that changed: a new rule costs one pass
 * over the loaded classes' names and one retransformation of its class if loaded; a dropped rule one
 * retransformation of its class (the other rules' transformers re-apply theirs in that same pass).
 * Each installed rule costs one name comparison per class the target loads afterwards.
 *
 * <p>Threading: {@link #update} and {@link #close} are synchronized and may be called from any agent
 * thread (never from a target thread: retransformation may take milliseconds). The transformers run
 * on the target's class-loading threads and report problems through the sink, never by throwing.
 */
public final class RuleInstaller implements AutoCloseable {
    private final Instrumentation instrumentation;
    private final WatchSink sink;
    private final boolean checkBridgeReachable;
    private final Map<WatchRule, ResettableClassFileTransformer> installed = new LinkedHashMap<>();
    /** Guarded by itself: the rule problems already reported, so each is said once. */
    private final Set<String> reported = new HashSet<>();
    private boolean closed;

    /** @param sink where rule-watched objects and rule problems go */
    public RuleInstaller(Instrumentation instrumentation, WatchSink sink) {
        this(instrumentation, sink, true);
    }

    /** @param checkBridgeReachable false only in tests that must see advice run where the bridge is missing */
    RuleInstaller(Instrumentation instrumentation, WatchSink sink, boolean checkBridgeReachable) {
        this.instrumentation = instrumentation;
        this.sink = sink;
        this.checkBridgeReachable = checkBridgeReachable;
    }

    /**
     * Makes {@code specs} the installed rules: parses them, removes rules no longer wanted, adds new
     * ones. Bad specs are skipped, the others applied.
     *
     * @return one message per problem (a malformed rule, a rule that could not be installed), for the user
     */
    public synchronized List<String> update(Collection<String> specs) {
        List<String> problems = new ArrayList<>();
        if (closed) {
            return problems;
        }
        Set<WatchRule> wanted = new LinkedHashSet<>();
        for (String spec : specs) {
            try {
                wanted.add(WatchRule.parse(spec));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        RuleBridge.connect(sink);
        // Removed before added, so a changed rule's class never carries both the old and the new advice.
        for (WatchRule rule : List.copyOf(installed.keySet())) {
            if (!wanted.contains(rule)) {
                remove(rule, installed.remove(rule), problems);
            }
        }
        for (WatchRule rule : wanted) {
            if (!installed.containsKey(rule)) {
                try {
                    installed.put(rule, install(rule));
                } catch (RuntimeException | LinkageError e) {
                    problems.add("watch rule '" + rule + "' could not be installed: " + e);
                }
            }
        }
        return problems;
    }

    /** The rules installed now, in the order they were given. */
    public synchronized List<WatchRule> rules() {
        return List.copyOf(installed.keySet());
    }

    /** Stops watching through rules and restores every class a rule changed. Idempotent; never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // First, so advice still in a class while it is being restored watches nothing.
        RuleBridge.disconnect(sink);
        List<String> problems = new ArrayList<>();
        installed.forEach((rule, transformer) -> remove(rule, transformer, problems));
        installed.clear();
        problems.forEach(problem -> sink.reportError("rules", new IllegalStateException(problem)));
    }

    private ResettableClassFileTransformer install(WatchRule rule) {
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(new TransformErrors(rule))
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new RetransformErrors(rule))
                // Our matcher alone decides, and by name first: it runs for every class the target loads.
                .ignore(ElementMatchers.none())
                .type((type, loader, module, classBeingRedefined, domain) ->
                        type.getName().equals(rule.className()) && bridgeReachable(rule, loader, module))
                .transform((builder, type, loader, module, domain) -> {
                    if (type.getDeclaredMethods().filter(RuleAdvice.methods(rule)).isEmpty()) {
                        reportOnce(rule, "no-method|" + System.identityHashCode(loader), "no method of " + type.getName()
                                + " fits: it declares no " + rule.methodName() + "(" + (rule.namesOneOverload()
                                ? String.join(",", rule.parameterTypes()) : "...") + ") with code and " + describe(rule));
                    }
                    return builder.visit(RuleAdvice.forRule(rule));
                })
                .installOn(instrumentation);
    }

    private void remove(WatchRule rule, ResettableClassFileTransformer transformer, List<String> problems) {
        try {
            transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION,
                    AgentBuilder.RedefinitionStrategy.BatchAllocator.ForTotal.INSTANCE, new RetransformErrors(rule));
        } catch (RuntimeException | LinkageError e) {
            problems.add("watch rule '" + rule + "' could not be removed: " + e);
        }
    }

    /**
     * Whether code in a class of {@code loader}/{@code module} can call {@link RuleBridge}, this very
     * class: advice that cannot would do nothing (it suppresses the error), so such a class is left
     * alone and the user told why. The bootstrap loader, an isolated plugin loader, or a named module
     * that does not read the agent's unnamed module are the cases.
     */
    private boolean bridgeReachable(WatchRule rule, ClassLoader loader, JavaModule module) {
        if (!checkBridgeReachable) {
            return true;
        }
        String problem = null;
        if (loader == null) {
            problem = "it is a JDK class of the bootstrap class loader, which cannot see the agent";
        } else {
            try {
                if (Class.forName(RuleBridge.class.getName(), false, loader) != RuleBridge.class) {
                    problem = "its class loader sees another copy of the agent";
                }
            } catch (ClassNotFoundException | LinkageError e) {
                problem = "its class loader (" + loader + ") cannot see the agent's classes";
            }
        }
        if (problem == null && module != null && module.isNamed() && !module.canRead(JavaModule.ofType(RuleBridge.class))) {
            problem = "its module " + module.getActualName() + " does not read the agent's classes";
        }
        if (problem == null) {
            return true;
        }
        reportOnce(rule, "unreachable|" + System.identityHashCode(loader), rule.className() + " is not watched: " + problem);
        return false;
    }

    private static String describe(WatchRule rule) {
        return switch (rule.target()) {
            case THIS -> "an instance (static methods have no this)";
            case RETURN -> "an object to return (not void or a primitive)";
            case ARGUMENT -> "an object as argument " + rule.argumentIndex() + " (arguments count from arg0)";
        };
    }

    /** Tells the user about a rule's problem once per rule and {@code what}, however often the class is seen. */
    private void reportOnce(WatchRule rule, String what, String problem) {
        boolean first;
        synchronized (reported) {
            first = reported.add(rule.spec() + "|" + what);
        }
        if (first) {
            sink.reportError("watch rule '" + rule + "'", new IllegalStateException(problem));
        }
    }

    /** Reports a class the transformer failed on; the class stays as it was. */
    private final class TransformErrors extends AgentBuilder.Listener.Adapter {
        private final WatchRule rule;

        TransformErrors(WatchRule rule) {
            this.rule = rule;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            sink.reportError("watch rule '" + rule + "' on " + typeName, throwable);
        }
    }

    /** Reports a retransformation the JVM refused; the classes of that batch stay as they were. */
    private final class RetransformErrors extends AgentBuilder.RedefinitionStrategy.Listener.Adapter {
        private final WatchRule rule;

        RetransformErrors(WatchRule rule) {
            this.rule = rule;
        }

        @Override
        public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
                                                         List<Class<?>> types) {
            sink.reportError("watch rule '" + rule + "': retransforming " + batch, throwable);
            return Collections.emptyList();
        }
    }
}
