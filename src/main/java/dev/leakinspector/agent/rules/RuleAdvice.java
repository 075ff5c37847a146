package dev.leakinspector.agent.rules;

import dev.leakinspector.protocol.WatchRule;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The bytecode a rule adds to its method: on normal return, one call to
 * {@link RuleBridge#methodExited} with the watched object, the receiver, and constants: the method's
 * class and descriptor, the rule's class name and its trigger text. The bridge needs the receiver
 * because the advice also goes into superclasses and subclasses of the rule's class, where it must
 * check what the object is.
 * The advice bodies below are copied (inlined) into the target's method; they are never called as
 * they stand. Stateless; any thread.
 *
 * <p>Only on normal return, not when the method throws: a {@code close()} that failed has not ended
 * its object's life (callers retry it, or keep using the object), so watching it would report
 * objects that are meant to live; and a {@code return} target has no value then. This also keeps
 * the added code to a few instructions with no extra exception handler in the target's method.
 *
 * <p>{@code suppress = Throwable.class}: whatever goes wrong in the advice, including the bridge
 * class not resolving from the target's loader ({@link NoClassDefFoundError}), is caught inside
 * the advice and the method returns as it would have.
 */
final class RuleAdvice {
    private RuleAdvice() {
    }

    /** Bound to the rule's trigger text, a constant in the inlined code. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface TriggerText {
    }

    /** Bound to the argument a rule watches (its index is the rule's, so it cannot be an annotation value). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface WatchedArgument {
    }

    /** Bound to the rule's class name, a constant in the inlined code. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface RuleClass {
    }

    /**
     * The advice for {@code rule}, to be applied to the methods {@link #methods(WatchRule)} selects, in
     * the rule's class or any class the rule reaches (its superclasses and subclasses).
     */
    static AsmVisitorWrapper.ForDeclaredMethods forRule(WatchRule rule) {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(TriggerText.class, rule.trigger())
                .bind(RuleClass.class, rule.className());
        Advice advice = switch (rule.target()) {
            case THIS -> mapping.to(WatchThis.class);
            case RETURN -> mapping.to(WatchReturn.class);
            case ARGUMENT -> mapping.bind(WatchedArgument.class, new Advice.OffsetMapping.ForArgument.Unresolved(
                    TypeDescription.Generic.OBJECT, true, Assigner.Typing.DYNAMIC, rule.argumentIndex()))
                    .to(WatchArgument.class);
        };
        return advice.on(methods(rule));
    }

    /**
     * The methods that get the advice: the named method (with the named parameter types, or every
     * overload) where the target exists and is an object. Abstract and native methods have no code to
     * add to; compiler-made bridge methods call the real method, which would watch twice. Static methods
     * only in the rule's own class: another class's static method is not called on the rule's class.
     */
    static ElementMatcher<MethodDescription> methods(WatchRule rule) {
        return method -> {
            if (!method.isMethod() || !method.getInternalName().equals(rule.methodName())
                    || method.isAbstract() || method.isNative() || method.isBridge()) {
                return false;
            }
            if (method.isStatic() && !method.getDeclaringType().asErasure().getName().equals(rule.className())) {
                return false;
            }
            if (rule.namesOneOverload()) {
                if (method.getParameters().size() != rule.parameterTypes().size()) {
                    return false;
                }
                for (int i = 0; i < rule.parameterTypes().size(); i++) {
                    if (!method.getParameters().get(i).getType().asErasure().getActualName()
                            .equals(rule.parameterTypes().get(i))) {
                        return false;
                    }
                }
            }
            return switch (rule.target()) {
                case THIS -> !method.isStatic();
                case RETURN -> !method.getReturnType().isPrimitive();
                case ARGUMENT -> method.getParameters().size() > rule.argumentIndex()
                        && !method.getParameters().get(rule.argumentIndex()).getType().isPrimitive();
            };
        };
    }

    /** Watches {@code this}. */
    static final class WatchThis {
        private WatchThis() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Origin Class<?> declaring, @Advice.Origin("#m#d") String method,
                         @RuleClass String ruleClass, @TriggerText String trigger) {
            RuleBridge.methodExited(self, self, declaring, method, ruleClass, trigger);
        }
    }

    /** Watches the returned object. */
    static final class WatchReturn {
        private WatchReturn() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) Object value,
                         @Advice.This(optional = true) Object self, @Advice.Origin Class<?> declaring,
                         @Advice.Origin("#m#d") String method, @RuleClass String ruleClass, @TriggerText String trigger) {
            RuleBridge.methodExited(value, self, declaring, method, ruleClass, trigger);
        }
    }

    /** Watches one argument, as it is when the method returns. */
    static final class WatchArgument {
        private WatchArgument() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@WatchedArgument Object value, @Advice.This(optional = true) Object self,
                         @Advice.Origin Class<?> declaring, @Advice.Origin("#m#d") String method,
                         @RuleClass String ruleClass, @TriggerText String trigger) {
            RuleBridge.methodExited(value, self, declaring, method, ruleClass, trigger);
        }
    }
}
