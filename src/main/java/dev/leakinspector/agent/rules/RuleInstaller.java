package dev.leakinspector.agent.rules;

import dev.leakinspector.protocol.WatchRule;
import dev.leakinspector.agent.WatchSink;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Puts watch rules into the target's classes and takes them out again: each rule is one
 * retransforming ByteBuddy transformer that adds {@link RuleAdvice} to the rule's method, in the
 * class if it is loaded already and whenever it is loaded later, without changing any class's shape
 * (no new fields or methods, so retransformation is always allowed). {@link #close()} resets every
 * transformer, which retransforms the classes back to their bytes before us.
 *
 * <p>A rule covers its method on every instance of its class, so the advice also goes into the
 * superclasses of the rule's class that declare the method (it is inherited) and into the subclasses
 * that declare it (they override it); there the advice checks the receiver at run time (see
 * {@link RuleBridge#methodExited}). Not reached: JDK classes ({@code java.*} and the like: a
 * method inherited from one is not watched, and the user is told if that leaves nothing to advise),
 * interfaces and their default methods (a rule names a class; its own default method is advised as
 * any method of it), and static methods outside the rule's class. A superclass that was loaded
 * before the rule's class is retransformed just after the rule's class is loaded, on
 * {@code retransformer}: calls in between are not watched.
 *
 * <p>Changing rules ({@link #update}) touches only rules that changed: a new rule costs one pass
 * over the loaded classes' names and one retransformation of the classes it reaches; a dropped rule
 * one retransformation of them (the other rules' transformers re-apply theirs in that same pass).
 * Each installed rule costs, per class the target loads afterwards, a name comparison and a look at
 * its declared methods' names; a class that declares the rule's method has its superclasses' names
 * read as well.
 *
 * <p>Threading: {@link #update} and {@link #close} are synchronized and may be called from any agent
 * thread (never from a target thread: retransformation may take milliseconds). The transformers run
 * on the target's class-loading threads and report problems through the sink, never by throwing.
 */
public final class RuleInstaller implements AutoCloseable {
    private final Instrumentation instrumentation;
    private final WatchSink sink;
    private final boolean checkBridgeReachable;
    private final Executor retransformer;
    private final Map<WatchRule, ResettableClassFileTransformer> installed = new LinkedHashMap<>();
    private final Map<WatchRule, RuleScope> scopes = new HashMap<>();
    /** Guarded by itself: the rule problems already reported, so each is said once. */
    private final Set<String> reported = new HashSet<>();
    private boolean closed;

    /**
     * @param sink where rule-watched objects and rule problems go
     * @param retransformer an agent thread, where superclasses of a rule's class loaded later are
     *     retransformed (not on the class-loading thread, which is inside the JVM's class loading)
     */
    public RuleInstaller(Instrumentation instrumentation, WatchSink sink, Executor retransformer) {
        this(instrumentation, sink, retransformer, true);
    }

    /** @param checkBridgeReachable false only in tests that must see advice run where the bridge is missing */
    RuleInstaller(Instrumentation instrumentation, WatchSink sink, Executor retransformer, boolean checkBridgeReachable) {
        this.instrumentation = instrumentation;
        this.sink = sink;
        this.retransformer = retransformer;
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
        RuleScope scope = new RuleScope();
        // Before the first pass, which may come to a superclass before the rule's class.
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getName().equals(rule.className())) {
                superclassesDeclaring(rule, TypeDescription.ForLoadedType.of(loaded)).forEach(scope::addSuperclass);
            }
        }
        scopes.put(rule, scope);
        RuleBridge.addScope(rule.trigger(), scope);
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(new TransformErrors(rule))
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new RetransformErrors(rule))
                // Our matcher alone decides, and by name first: it runs for every class the target loads.
                .ignore(ElementMatchers.none())
                .type((type, loader, module, classBeingRedefined, domain) ->
                        reaches(rule, scope, type, loader, classBeingRedefined) && bridgeReachable(rule, type, loader, module))
                .transform((builder, type, loader, module, domain) -> {
                    MethodList<MethodDescription.InDefinedShape> advised = type.getDeclaredMethods().filter(RuleAdvice.methods(rule));
                    advised.forEach(method -> scope.addAdvised(type.getName(), method.getInternalName() + method.getDescriptor()));
                    if (advised.isEmpty() && type.getName().equals(rule.className()) && superclassesDeclaring(rule, type).isEmpty()) {
                        reportOnce(rule, "no-method|" + System.identityHashCode(loader), "no method of " + type.getName()
                                + " fits: it declares no " + rule.methodName() + "(" + (rule.namesOneOverload()
                                ? String.join(",", rule.parameterTypes()) : "...") + ") with code and " + describe(rule)
                                + ", nor inherits one from a superclass outside the JDK");
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
        RuleScope scope = scopes.remove(rule);
        if (scope != null) {
            RuleBridge.removeScope(rule.trigger(), scope);
        }
    }

    /**
     * Whether the rule's advice goes into {@code type}: the rule's class; a superclass of it (loaded
     * in some loader) that declares the method; a subclass of it that declares the method. Runs for
     * every class the target loads, so the cheap tests come first. Seeing the rule's class, it notes
     * its superclasses, and has those loaded already retransformed.
     *
     * @param loaded the class if it is being retransformed, null if it is being loaded
     */
    private boolean reaches(WatchRule rule, RuleScope scope, TypeDescription type, ClassLoader loader, Class<?> loaded) {
        String name = type.getName();
        if (name.equals(rule.className())) {
            List<String> added = new ArrayList<>();
            for (String superclass : superclassesDeclaring(rule, type)) {
                if (scope.addSuperclass(superclass)) {
                    added.add(superclass);
                }
            }
            if (!added.isEmpty()) {
                retransformLater(rule, added, loader);
            }
            return true;
        }
        if (isJdkClass(name) && !isJdkClass(rule.className())) {
            return false;
        }
        if (scope.isSuperclass(name)) {
            return declaresMethod(rule, type);
        }
        try {
            if (loaded != null) {
                // A loaded class's superclasses cost nothing to walk, its declared methods a reflective look.
                return isSubclass(rule, loaded) && !type.isInterface() && declaresMethod(rule, type);
            }
            // A class being loaded: its methods are read from its class file already; its superclasses' are not.
            return declaresMethod(rule, type) && !type.isInterface() && isSubclass(rule, type);
        } catch (RuntimeException | LinkageError e) {
            // A superclass that cannot be resolved (its loader cannot find it): the JVM will fail to load this one.
            return false;
        }
    }

    private static boolean declaresMethod(WatchRule rule, TypeDescription type) {
        return !type.getDeclaredMethods().filter(RuleAdvice.methods(rule)).isEmpty();
    }

    private static boolean isSubclass(WatchRule rule, Class<?> type) {
        for (Class<?> superclass = type.getSuperclass(); superclass != null; superclass = superclass.getSuperclass()) {
            if (superclass.getName().equals(rule.className())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSubclass(WatchRule rule, TypeDescription type) {
        boolean jdkRuleClass = isJdkClass(rule.className());
        for (TypeDefinition superclass = type.getSuperClass(); superclass != null; superclass = superclass.getSuperClass()) {
            String name = superclass.asErasure().getName();
            if (name.equals(rule.className())) {
                return true;
            }
            if (isJdkClass(name) && !jdkRuleClass) {
                return false;
            }
        }
        return false;
    }

    /** The superclasses of the rule's class, up to the first JDK class, that declare the rule's method. */
    private static List<String> superclassesDeclaring(WatchRule rule, TypeDescription ruleClass) {
        List<String> names = new ArrayList<>();
        try {
            for (TypeDefinition superclass = ruleClass.getSuperClass(); superclass != null
                    && !isJdkClass(superclass.asErasure().getName()); superclass = superclass.getSuperClass()) {
                if (declaresMethod(rule, superclass.asErasure())) {
                    names.add(superclass.asErasure().getName());
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // A superclass that cannot be resolved: the rule's class cannot be loaded either.
        }
        return names;
    }

    /**
     * JDK classes, which the rule does not reach beyond its own class (a class of the bootstrap or
     * platform loader could not call the bridge anyway; and a method inherited from {@code Object} or
     * {@code java.io.InputStream} would have the advice run for every object of the program).
     */
    private static boolean isJdkClass(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    /** Retransforms the rule's class's superclasses that were loaded before it, once it is defined. */
    private void retransformLater(WatchRule rule, List<String> superclasses, ClassLoader loader) {
        try {
            retransformer.execute(() -> retransformSuperclasses(rule, superclasses, loader));
        } catch (RuntimeException e) {
            // The session is ending (the executor is shut down): the rule goes with it.
        }
    }

    private synchronized void retransformSuperclasses(WatchRule rule, List<String> superclasses, ClassLoader loader) {
        if (closed || !installed.containsKey(rule)) {
            return;
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : superclasses) {
            try {
                types.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                sink.reportError("watch rule '" + rule + "' on " + name, e);
            }
        }
        try {
            instrumentation.retransformClasses(types.toArray(Class<?>[]::new));
        } catch (RuntimeException | LinkageError | UnmodifiableClassException e) {
            sink.reportError("watch rule '" + rule + "': retransforming " + types, e);
        }
    }

    /**
     * Whether code in a class of {@code loader}/{@code module} can call {@link RuleBridge}, this very
     * class: advice that cannot would do nothing (it suppresses the error), so such a class is left
     * alone and the user told why. The bootstrap loader, an isolated plugin loader, or a named module
     * that does not read the agent's unnamed module are the cases.
     */
    private boolean bridgeReachable(WatchRule rule, TypeDescription type, ClassLoader loader, JavaModule module) {
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
        reportOnce(rule, "unreachable|" + type.getName() + "|" + System.identityHashCode(loader),
                type.getName() + " is not watched: " + problem);
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
