package dev.leakinspector.precision;

import java.util.List;

/**
 * A leak planted on purpose in a precision target: the class of the object that leaks (what the agent
 * should report, with verdict leak) and how it leaks. A report is of this leak when its class is this
 * class, or when the object lived inside one (a crumb of its view stack is this class). Immutable.
 *
 * @param className the leaking object's class, binary name
 * @param how       one line: what the program does wrong
 */
record PlantedLeak(String className, String how) {
    /** The crumb type the agent gives objects of this class: its simple name. */
    String simpleName() {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    /** Whether a report of {@code reportedClass} with {@code viewStack} is this leak. */
    boolean matches(String reportedClass, List<String> viewStack) {
        if (className.equals(reportedClass)) {
            return true;
        }
        String simple = simpleName();
        for (String crumb : viewStack) {
            if (crumb.equals(simple) || crumb.startsWith(simple + " ") || crumb.startsWith(simple + "#")
                    || crumb.startsWith(simple + ".")) {
                return true;
            }
        }
        return false;
    }
}
