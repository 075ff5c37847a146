package dev.leakinspector.app;

/**
 * How the app shows a class name where room is short (the list's Class column): the name a developer
 * would look for, with the whole name for the tooltip. Stateless; any thread.
 */
final class ClassNames {
    private ClassNames() {
    }

    /**
     * The readable simple name of a binary class name: {@code com.acme.ui.OrdersPage} is {@code OrdersPage},
     * a nested {@code com.acme.ShopPatterns$OrdersPage} is {@code OrdersPage} too (what its source calls it);
     * an anonymous or synthetic class ({@code Shop$1}, {@code Shop$$Lambda}) keeps its outer name, which is
     * the only readable part of it: {@code Shop$1}.
     */
    static String readable(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int dollar = simple.lastIndexOf('$');
        if (dollar < 0 || dollar == simple.length() - 1) {
            return simple;
        }
        String inner = simple.substring(dollar + 1);
        boolean named = Character.isJavaIdentifierStart(inner.charAt(0)) && simple.charAt(dollar - 1) != '$';
        return named ? inner : simple;
    }

    /** The tooltip: the whole class name, and where it lives ("nested in …", "package …"). */
    static String tooltip(String className) {
        int dot = className.lastIndexOf('.');
        String simple = className.substring(dot + 1);
        String readable = readable(className);
        StringBuilder text = new StringBuilder(className);
        if (!readable.equals(simple)) {
            text.append("\nnested in ").append(simple, 0, simple.length() - readable.length() - 1);
        }
        text.append(dot < 0 ? "\nthe default package" : "\npackage " + className.substring(0, dot));
        return text.toString();
    }
}
