package dev.leakinspector.agent.rules;

import dev.leakinspector.protocol.WatchRule;
import dev.leakinspector.agent.ViewStack;
import dev.leakinspector.agent.WatchSink;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The advice a rule adds, on a real class: {@link RuleFixture} is rewritten with ByteBuddy exactly as
 * the installer's transformer does (same {@link RuleAdvice#forRule}) and defined in a fresh class
 * loader, then called. Runs against the unrelocated ByteBuddy of the test class path; the ITs run
 * the relocated one in the agent jar.
 */
class RuleAdviceTest {
    /** Records what the bridge hands on. Strong references are fine here: the objects are the test's. */
    private final List<Watched> watched = new ArrayList<>();
    private final WatchSink sink = new WatchSink() {
        @Override
        public synchronized long watch(Object object, String trigger, ViewStack viewStack, long parentWatchId) {
            watched.add(new Watched(object, trigger, viewStack.crumbs()));
            return watched.size();
        }

        @Override
        public void cancelTree(long rootWatchId) {
        }

        @Override
        public void reportError(String context, Throwable error) {
            throw new AssertionError(context, error);
        }
    };

    /** The scopes a test added to the bridge, by trigger. */
    private final Map<String, RuleScope> scopes = new HashMap<>();

    private record Watched(Object object, String trigger, List<String> viewStack) {
    }

    @BeforeEach
    void connect() {
        RuleBridge.connect(sink);
    }

    @AfterEach
    void disconnect() {
        RuleBridge.disconnect(sink);
        scopes.forEach(RuleBridge::removeScope);
    }

    @Test
    void thisIsWatchedWhenEveryOverloadReturnsAndResultsAreUnchanged() throws Exception {
        Object session = newFixture(RuleFixture.class.getName() + "#close:this", getClass().getClassLoader(), "s1");
        assertEquals("closed s1", call(session, "close"));
        assertEquals("force-closed s1", call(session, "close", true));
        assertEquals(2, watched.size(), watched.toString());
        for (Watched watch : watched) {
            assertSame(session, watch.object());
            assertEquals("rule " + RuleFixture.class.getName() + "#close:this", watch.trigger());
            assertEquals(List.of("RuleFixture"), watch.viewStack());
        }
        call(session, "count");
        assertEquals(2, watched.size(), "other methods are not advised");
    }

    @Test
    void parameterTypesSelectOneOverload() throws Exception {
        Object session = newFixture(RuleFixture.class.getName() + "#close(boolean):this", getClass().getClassLoader(), "s2");
        call(session, "close");
        assertEquals(List.of(), watched);
        call(session, "close", false);
        assertEquals(1, watched.size());
    }

    @Test
    void returnValueAndArgumentsAreWatched() throws Exception {
        Object session = newFixture(RuleFixture.class.getName() + "#open:return", getClass().getClassLoader(), "s3");
        Object opened = call(session, "open", "cfg", 2);
        assertEquals("opened s3 2 cfg", opened.toString());
        assertEquals(1, watched.size());
        assertSame(opened, watched.get(0).object());
        assertEquals(List.of("StringBuilder"), watched.get(0).viewStack(), "the crumb names the watched object's class");

        watched.clear();
        Object other = newFixture(RuleFixture.class.getName() + "#open(java.lang.Object,int):arg0", getClass().getClassLoader(), "s4");
        Map<String, String> settings = Map.of("k", "v");
        call(other, "open", settings, 1);
        assertEquals(1, watched.size());
        assertSame(settings, watched.get(0).object());
    }

    @Test
    void staticMethodsHaveNoThisButReturnValues() throws Exception {
        Class<?> noThis = advisedClass(RuleFixture.class.getName() + "#create:this", getClass().getClassLoader());
        noThis.getMethod("create", String.class).invoke(null, "x");
        assertEquals(List.of(), watched);

        Class<?> withReturn = advisedClass(RuleFixture.class.getName() + "#create:return", getClass().getClassLoader());
        Object created = withReturn.getMethod("create", String.class).invoke(null, "y");
        assertEquals(1, watched.size());
        assertSame(created, watched.get(0).object());
    }

    @Test
    void primitiveTargetsAreNotAdvised() throws Exception {
        Object session = newFixture(RuleFixture.class.getName() + "#count:return", getClass().getClassLoader(), "s5");
        assertEquals(2, call(session, "count"));
        Object other = newFixture(RuleFixture.class.getName() + "#open:arg1", getClass().getClassLoader(), "s6");
        call(other, "open", "x", 3);
        Object nothingReturned = newFixture(RuleFixture.class.getName() + "#touch:return", getClass().getClassLoader(), "s6b");
        call(nothingReturned, "touch");
        assertEquals(List.of(), watched);
    }

    @Test
    void aMethodThatThrowsIsNotWatchedAndItsExceptionIsUnchanged() throws Exception {
        Object session = newFixture(RuleFixture.class.getName() + "#fail:this", getClass().getClassLoader(), "s7");
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> call(session, "fail"));
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertEquals("close failed for s7", thrown.getCause().getMessage());
        assertEquals(List.of(), watched);
    }

    @Test
    void noSessionConnectedMeansNoWatch() throws Exception {
        RuleBridge.disconnect(sink);
        Object session = newFixture(RuleFixture.class.getName() + "#close:this", getClass().getClassLoader(), "s8");
        assertEquals("closed s8", call(session, "close"));
        assertEquals(List.of(), watched);
    }

    /**
     * A class whose loader cannot resolve the bridge (its parent is the platform loader, which knows
     * nothing of the agent): the advice's call fails to link with NoClassDefFoundError, and the
     * advice's suppression must keep that from the caller. The installer does not advise such classes
     * in the first place; this is the second line of defence.
     */
    @Test
    void adviceThatCannotResolveTheBridgeDoesNotThrowIntoTheTarget() throws Exception {
        byte[] advised = advisedBytes(RuleFixture.class.getName() + "#close:this");
        assertTrue(new String(advised, StandardCharsets.ISO_8859_1).contains("dev/leakinspector/agent/rules/RuleBridge"),
                "the rewritten class calls the bridge");
        ClassLoader isolated = new ByteArrayClassLoader.ChildFirst(ClassLoader.getPlatformClassLoader(),
                Map.of(RuleFixture.class.getName(), advised));
        assertThrows(ClassNotFoundException.class, () -> Class.forName(RuleBridge.class.getName(), false, isolated));
        Class<?> type = Class.forName(RuleFixture.class.getName(), true, isolated);
        Object session = type.getConstructor(String.class).newInstance("s9");

        assertEquals("closed s9", call(session, "close"));
        assertEquals("force-closed s9", call(session, "close", true), "and again, once the failed resolution is cached");
        assertEquals(List.of(), watched);
    }

    @Test
    void theAdviceKeepsNothing() throws Exception {
        Object session = newFixture(RuleFixture.class.getName() + "#close:this", getClass().getClassLoader(), "s10");
        RuleBridge.disconnect(sink);
        call(session, "close");
        assertFalse(watched.stream().anyMatch(w -> w.object() == session));
    }

    /**
     * The advice as the installer puts it into a hierarchy: into the superclass that declares the
     * method and the subclasses that override it, with the rule's scope knowing those overrides.
     */
    @Test
    void inheritedAndOverridingMethodsWatchEverySessionOnceAndNothingElse() throws Exception {
        ClassLoader loader = advisedHierarchy(RuleSession.RULE, true);
        String trigger = "rule " + RuleSession.RULE;
        Object session = newHierarchyObject(loader, RuleSession.class);
        Object pooled = newHierarchyObject(loader, PooledRuleSession.class);
        Object plain = newHierarchyObject(loader, PlainRuleSession.class);
        Object sibling = newHierarchyObject(loader, SiblingResource.class);
        Object resource = newHierarchyObject(loader, RuleResource.class);

        assertEquals("released RuleSession", call(session, "release"));
        assertEquals("pooled, released PooledRuleSession", call(pooled, "release"));
        assertEquals("plain", call(plain, "release"));
        assertEquals("released SiblingResource", call(sibling, "release"));
        assertEquals("released RuleResource", call(resource, "release"));

        assertEquals(List.of(session, pooled, plain), watched.stream().map(Watched::object).toList(),
                "each session once (the pooled one's super call too), no other resource");
        assertTrue(watched.stream().allMatch(w -> w.trigger().equals(trigger)), watched.toString());
        assertEquals(List.of("PooledRuleSession"), watched.get(1).viewStack());
    }

    /** Without the scope the inherited method cannot know that an override will watch too: why there is one. */
    @Test
    void withoutItsScopeASuperCallWatchesTwice() throws Exception {
        Object pooled = newHierarchyObject(advisedHierarchy(RuleSession.RULE, false), PooledRuleSession.class);
        call(pooled, "release");
        assertEquals(List.of(pooled, pooled), watched.stream().map(Watched::object).toList());
    }

    @Test
    void theRuleClassesOwnMethodWatchesItsReceiverEvenWhereTheClassIsAnInterface() {
        assertTrue(RuleBridge.appliesTo(ArrayList.class, List.class, "clear()V", List.class.getName(), null),
                "a default method of the rule's interface");
        assertFalse(RuleBridge.appliesTo(SiblingResource.class, RuleResource.class, "release()Ljava/lang/String;",
                RuleSession.class.getName(), null));
    }

    @Test
    void staticMethodsAreAdvisedOnlyInTheRuleClass() {
        WatchRule rule = WatchRule.parse("com.example.Other#create:return");
        assertTrue(TypeDescription.ForLoadedType.of(RuleFixture.class).getDeclaredMethods()
                .filter(RuleAdvice.methods(rule)).isEmpty(), "RuleFixture.create is static and RuleFixture is not the rule's class");
    }

    /**
     * The resource classes ({@link RuleResource} and its subclasses), advised for {@code spec} where it declares the method, in a loader of its own.
     *
     * @param withScope whether the rule's scope knows the advised methods, as the installer's does
     */
    private ClassLoader advisedHierarchy(String spec, boolean withScope) {
        WatchRule rule = WatchRule.parse(spec);
        RuleScope scope = new RuleScope();
        Map<String, byte[]> classes = new HashMap<>();
        for (Class<?> type : List.of(RuleResource.class, RuleSession.class, PooledRuleSession.class,
                PlainRuleSession.class, SiblingResource.class)) {
            TypeDescription description = TypeDescription.ForLoadedType.of(type);
            description.getDeclaredMethods().filter(RuleAdvice.methods(rule))
                    .forEach(method -> scope.addAdvised(type.getName(), method.getInternalName() + method.getDescriptor()));
            classes.put(type.getName(), new ByteBuddy().redefine(type).visit(RuleAdvice.forRule(rule)).make().getBytes());
        }
        if (withScope) {
            RuleBridge.addScope(rule.trigger(), scope);
            scopes.put(rule.trigger(), scope);
        }
        return new ByteArrayClassLoader.ChildFirst(getClass().getClassLoader(), classes);
    }

    private static Object newHierarchyObject(ClassLoader loader, Class<?> type) throws Exception {
        return Class.forName(type.getName(), true, loader).getConstructor().newInstance();
    }

    private static Object newFixture(String spec, ClassLoader parent, String name) throws Exception {
        return advisedClass(spec, parent).getConstructor(String.class).newInstance(name);
    }

    private static Class<?> advisedClass(String spec, ClassLoader parent) {
        return new ByteBuddy().redefine(RuleFixture.class)
                .visit(RuleAdvice.forRule(WatchRule.parse(spec)))
                .make()
                .load(parent, ClassLoadingStrategy.Default.CHILD_FIRST)
                .getLoaded();
    }

    private static byte[] advisedBytes(String spec) {
        return new ByteBuddy().redefine(RuleFixture.class).visit(RuleAdvice.forRule(WatchRule.parse(spec))).make().getBytes();
    }

    private static Object call(Object target, String method, Object... args) throws Exception {
        for (Method candidate : target.getClass().getMethods()) {
            if (candidate.getName().equals(method) && candidate.getParameterCount() == args.length) {
                return candidate.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(method);
    }
}
