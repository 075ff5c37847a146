package dev.leakinspector.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A user's watch rule: "when method M of class C returns, watch this (or the return value, or
 * argument n)", written {@code com.acme.Session#close:this}. Immutable and thread-safe.
 *
 * <p>Grammar: {@code <class>#<method>[(<type>,...)]:<target>}, where the class is a binary name
 * ({@code com.acme.Outer$Inner}), the parameter types are optional (left out: every overload with
 * that name; {@code ()}: only the one without parameters; types are Java names such as
 * {@code int}, {@code java.lang.String[]}), and the target is {@code this}, {@code return} or
 * {@code arg0}, {@code arg1}, ... The rule covers the method on every instance of the class: where
 * the class declares it, inherits it from a superclass, or a subclass overrides it (see
 * {@code dev.leakinspector.agent.rules.RuleInstaller} for what is not reached).
 *
 * @param spec the rule in its normal form (no spaces), as users wrote it and as the report's trigger shows it
 * @param parameterTypes the declared parameter types, or {@code null} for every overload
 * @param argumentIndex the argument to watch for {@link Target#ARGUMENT}, otherwise -1
 */
public record WatchRule(String spec, String className, String methodName, List<String> parameterTypes,
                        Target target, int argumentIndex) {
    /** What the rule watches when the method returns. Immutable; any thread. */
    public enum Target {
        /** The object the method was called on. */
        THIS,
        /** The value the method returned. */
        RETURN,
        /** One of the method's arguments. */
        ARGUMENT
    }

    private static final Set<String> PRIMITIVES =
            Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");
    /** A method has at most 255 parameter slots (JVMS 4.3.3); more is certainly a typo. */
    private static final int MAX_ARGUMENT = 254;
    private static final String EXAMPLE = "e.g. com.acme.Session#close:this";

    public WatchRule {
        parameterTypes = parameterTypes == null ? null : List.copyOf(parameterTypes);
    }

    /** What the report's trigger says for an object this rule watched, e.g. {@code rule com.acme.Session#close:this}. */
    public String trigger() {
        return "rule " + spec;
    }

    /** Whether the rule names the parameter types, so only one overload is meant. */
    public boolean namesOneOverload() {
        return parameterTypes != null;
    }

    @Override
    public String toString() {
        return spec;
    }

    /**
     * Parses one rule. Whitespace around the parts is tolerated and left out of {@link #spec()}.
     *
     * @throws IllegalArgumentException with a message for the user that quotes the rule and says what is wrong
     */
    public static WatchRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty watch rule (" + EXAMPLE + ")");
        }
        String rule = text.strip();
        int hash = rule.indexOf('#');
        if (hash < 0) {
            throw bad(rule, "no '#' between class and method", null);
        }
        if (rule.indexOf('#', hash + 1) >= 0) {
            throw bad(rule, "more than one '#'", null);
        }
        int colon = rule.lastIndexOf(':');
        if (colon < hash) {
            throw bad(rule, "no ':<target>' at the end (this, return or arg0, arg1, ...)", null);
        }
        String className = rule.substring(0, hash).strip();
        String methodPart = rule.substring(hash + 1, colon).strip();
        String targetText = rule.substring(colon + 1).strip();

        if (!isBinaryName(className)) {
            throw bad(rule, className.isEmpty() ? "no class before '#'"
                    : "'" + className + "' is not a class name (package.Class, nested classes as Outer$Inner)", null);
        }
        String methodName = methodPart;
        List<String> parameterTypes = null;
        int open = methodPart.indexOf('(');
        if (open >= 0) {
            if (!methodPart.endsWith(")")) {
                throw bad(rule, "the parameter list has no closing ')'", null);
            }
            methodName = methodPart.substring(0, open).strip();
            parameterTypes = parseParameterTypes(rule, methodPart.substring(open + 1, methodPart.length() - 1));
        } else if (methodPart.indexOf(')') >= 0) {
            throw bad(rule, "')' without '('", null);
        }
        if (methodName.isEmpty()) {
            throw bad(rule, "no method name after '#'", null);
        }
        if (methodName.equals("<init>") || methodName.equals("<clinit>")) {
            throw bad(rule, "constructors and initialisers cannot end a lifecycle; name the method that does (close, dispose, ...)", null);
        }
        if (!isIdentifier(methodName)) {
            throw bad(rule, "'" + methodName + "' is not a method name", null);
        }

        Target target;
        int argumentIndex = -1;
        if (targetText.equals("this")) {
            target = Target.THIS;
        } else if (targetText.equals("return")) {
            target = Target.RETURN;
        } else if (targetText.matches("arg[0-9]+")) {
            target = Target.ARGUMENT;
            try {
                argumentIndex = Integer.parseInt(targetText.substring(3));
            } catch (NumberFormatException tooLong) {
                argumentIndex = Integer.MAX_VALUE;
            }
            if (argumentIndex > MAX_ARGUMENT) {
                throw bad(rule, "a method has at most " + (MAX_ARGUMENT + 1) + " arguments, so '" + targetText + "' cannot exist", null);
            }
            if (parameterTypes != null) {
                if (argumentIndex >= parameterTypes.size()) {
                    throw bad(rule, "'" + targetText + "' but the method named has " + parameterTypes.size()
                            + " parameter" + (parameterTypes.size() == 1 ? "" : "s") + " (arguments count from arg0)", null);
                }
                if (PRIMITIVES.contains(parameterTypes.get(argumentIndex))) {
                    throw bad(rule, "'" + targetText + "' is a " + parameterTypes.get(argumentIndex)
                            + ", and only objects can be watched", null);
                }
            }
        } else {
            throw bad(rule, targetText.isEmpty() ? "no target after ':'" : "unknown target '" + targetText + "'",
                    "targets: this, return, arg0, arg1, ...");
        }

        StringBuilder spec = new StringBuilder(className).append('#').append(methodName);
        if (parameterTypes != null) {
            spec.append('(').append(String.join(",", parameterTypes)).append(')');
        }
        spec.append(':').append(targetText);
        return new WatchRule(spec.toString(), className, methodName, parameterTypes, target, argumentIndex);
    }

    private static List<String> parseParameterTypes(String rule, String list) {
        List<String> types = new ArrayList<>();
        if (list.isBlank()) {
            return types;
        }
        for (String part : list.split(",", -1)) {
            String type = part.strip();
            String element = type;
            while (element.endsWith("[]")) {
                element = element.substring(0, element.length() - 2).strip();
            }
            if (element.isEmpty() || !(PRIMITIVES.contains(element) || isBinaryName(element))) {
                throw bad(rule, type.isEmpty() ? "an empty parameter type (stray comma?)"
                        : "'" + type + "' is not a parameter type", "write types as in Java: int, java.lang.String, byte[]");
            }
            types.add(element + type.substring(element.length()).replace(" ", ""));
        }
        return types;
    }

    private static boolean isBinaryName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
            return false;
        }
        for (String part : name.split("\\.", -1)) {
            if (!isIdentifier(part)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart);
    }

    private static IllegalArgumentException bad(String rule, String problem, String hint) {
        return new IllegalArgumentException("watch rule '" + rule + "': " + problem
                + (hint == null ? "" : "; " + hint) + " (" + EXAMPLE + ")");
    }
}
