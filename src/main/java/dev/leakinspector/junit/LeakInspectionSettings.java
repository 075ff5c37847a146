package dev.leakinspector.junit;

import dev.leakinspector.protocol.WatchRule;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings of one test: from its {@link LeakInspection} (the method's, else its class's or an enclosing
 * class's), each overridden by a configuration parameter when that is set. Configuration parameters are JVM system
 * properties ({@code -Dleakinspector.junit.failOn=retained}) or entries of {@code junit-platform.properties}:
 * <ul>
 *   <li>{@value #GRACE_PROPERTY}: milliseconds, e.g. {@code 1000};</li>
 *   <li>{@value #IGNORE_PROPERTY}: class-name globs separated by commas, added to the annotation's;</li>
 *   <li>{@value #FAIL_ON_PROPERTY}: {@code leak} or {@code retained};</li>
 *   <li>{@value #KEEP_DUMP_PROPERTY}: {@code true} or {@code false};</li>
 *   <li>{@value #RULES_PROPERTY}: watch rules separated by commas (a comma inside a rule's parameter list does not
 *       separate), added to the annotation's.</li>
 * </ul>
 * Immutable.
 */
public record LeakInspectionSettings(long graceMillis, List<String> ignore, FailOn failOn, boolean keepDumpOnFailure,
                                     List<String> rules) {
    public static final long DEFAULT_GRACE_MILLIS = 500;
    public static final String GRACE_PROPERTY = "leakinspector.junit.graceMillis";
    public static final String IGNORE_PROPERTY = "leakinspector.junit.ignore";
    public static final String FAIL_ON_PROPERTY = "leakinspector.junit.failOn";
    public static final String KEEP_DUMP_PROPERTY = "leakinspector.junit.keepDumpOnFailure";
    public static final String RULES_PROPERTY = "leakinspector.junit.rules";
    /** The longest grace accepted: a test must not wait minutes for its verdict. */
    static final long MAX_GRACE_MILLIS = 60_000;

    public LeakInspectionSettings {
        if (graceMillis < 0 || graceMillis > MAX_GRACE_MILLIS) {
            throw new IllegalArgumentException("graceMillis must be between 0 and " + MAX_GRACE_MILLIS + ", was " + graceMillis);
        }
        ignore = List.copyOf(ignore);
        rules = List.copyOf(rules);
        for (String rule : rules) {
            WatchRule.parse(rule); // a malformed rule is told at once, naming itself
        }
    }

    /** The settings without watch rules, as before rules existed. */
    public LeakInspectionSettings(long graceMillis, List<String> ignore, FailOn failOn, boolean keepDumpOnFailure) {
        this(graceMillis, ignore, failOn, keepDumpOnFailure, List.of());
    }

    /** The defaults, as without any annotation or parameter. */
    static LeakInspectionSettings defaults() {
        return new LeakInspectionSettings(DEFAULT_GRACE_MILLIS, List.of(), FailOn.LEAK, false);
    }

    /**
     * The settings for a test.
     *
     * @param testMethod the test method, or null
     * @param parameters the configuration parameter of a name, when set
     * @throws ExtensionConfigurationException naming the setting when a value is not valid
     */
    static LeakInspectionSettings resolve(AnnotatedElement testMethod, Class<?> testClass,
                                          Function<String, Optional<String>> parameters) {
        Optional<LeakInspection> annotation = find(testMethod, testClass);
        long grace = annotation.map(LeakInspection::graceMillis).orElse(DEFAULT_GRACE_MILLIS);
        List<String> ignore = new ArrayList<>(annotation.map(a -> Arrays.asList(a.ignore())).orElse(List.of()));
        FailOn failOn = annotation.map(LeakInspection::failOn).orElse(FailOn.LEAK);
        boolean keepDump = annotation.map(LeakInspection::keepDumpOnFailure).orElse(false);
        List<String> rules = new ArrayList<>(annotation.map(a -> Arrays.asList(a.rules())).orElse(List.of()));
        try {
            Optional<String> text = parameters.apply(GRACE_PROPERTY).filter(s -> !s.isBlank());
            if (text.isPresent()) {
                grace = parseMillis(text.get());
            }
            parameters.apply(IGNORE_PROPERTY).ifPresent(globs -> Arrays.stream(globs.split(","))
                    .map(String::strip).filter(glob -> !glob.isEmpty()).forEach(ignore::add));
            text = parameters.apply(FAIL_ON_PROPERTY).filter(s -> !s.isBlank());
            if (text.isPresent()) {
                failOn = FailOn.parse(text.get());
            }
            text = parameters.apply(KEEP_DUMP_PROPERTY).filter(s -> !s.isBlank());
            if (text.isPresent()) {
                keepDump = parseBoolean(text.get());
            }
            parameters.apply(RULES_PROPERTY).ifPresent(list -> splitRules(list).forEach(rules::add));
            return new LeakInspectionSettings(grace, ignore, failOn, keepDump,
                    rules.stream().map(String::strip).filter(rule -> !rule.isEmpty()).distinct().toList());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("Leak Inspector: " + e.getMessage()
                    + " (from @LeakInspection or the properties " + GRACE_PROPERTY + ", " + IGNORE_PROPERTY + ", "
                    + FAIL_ON_PROPERTY + ", " + KEEP_DUMP_PROPERTY + ", " + RULES_PROPERTY + ")", e);
        }
    }

    /** The rules of a comma-separated list; a comma inside parentheses separates a rule's parameter types. */
    static List<String> splitRules(String text) {
        List<String> rules = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                rules.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        rules.add(text.substring(start).strip());
        rules.removeIf(String::isEmpty);
        return rules;
    }

    private static Optional<LeakInspection> find(AnnotatedElement testMethod, Class<?> testClass) {
        Optional<LeakInspection> onMethod = AnnotationSupport.findAnnotation(testMethod, LeakInspection.class);
        if (onMethod.isPresent()) {
            return onMethod;
        }
        // A @Nested class inherits the settings of the class it is in.
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<LeakInspection> onClass = AnnotationSupport.findAnnotation(type, LeakInspection.class);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    private static long parseMillis(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(GRACE_PROPERTY + " must be a number of milliseconds, was \"" + text + "\"");
        }
    }

    private static boolean parseBoolean(String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(KEEP_DUMP_PROPERTY + " must be true or false, was \"" + text + "\"");
    }
}
