package dev.leakinspector.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@link LeakInspectorExtension} judges the tests of a class (or one test method, which then wins over its
 * class). Without it, the defaults below apply. A configuration parameter of the same meaning (a JVM system property
 * or an entry of {@code junit-platform.properties}, see {@link LeakInspectionSettings}) wins over the annotation,
 * so that one build can change every test class, e.g. keep the dumps on CI.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LeakInspection {
    /**
     * How long an object that should die may live on after it was closed or removed before it is checked (then one
     * GC decides). Shorter than the agent's 5 s: in a test nothing slow runs after the close.
     */
    long graceMillis() default LeakInspectionSettings.DEFAULT_GRACE_MILLIS;

    /**
     * Class-name globs whose objects (and what they contain) are never watched, e.g. {@code com.acme.cache.*}:
     * {@code *} is any run of characters, dots included, {@code ?} one character.
     */
    String[] ignore() default {};

    /** The least verdict that fails a test: {@link FailOn#LEAK} (default) or also {@link FailOn#RETAINED}. */
    FailOn failOn() default FailOn.LEAK;

    /**
     * Watch rules: what a method of the code under test hands over for good is watched too, e.g.
     * {@code com.acme.Session#close:this} (the session, once its {@code close()} returned), {@code return} or
     * {@code arg0} instead of {@code this}; see the README's watch rules. An object a rule watched that is still
     * alive after the test is a {@code leak}. Rules need the Leak Inspector agent in the test JVM: start it with
     * {@code -javaagent:leak-inspector-agent.jar}, or allow loading it ({@code -Djdk.attach.allowAttachSelf=true});
     * otherwise a test with rules fails at its setup saying so.
     */
    String[] rules() default {};

    /** Keep the heap dump of a failed test (its path is in the failure message) instead of deleting it. */
    boolean keepDumpOnFailure() default false;
}
