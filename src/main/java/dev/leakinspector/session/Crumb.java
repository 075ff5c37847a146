package dev.leakinspector.session;

/**
 * One crumb of a view stack as the agent writes it, split into the type and what names it:
 * {@code Stage "Preferences"} is type Stage named "Preferences", {@code VBox#form} has id form,
 * {@code Label.title} has style class title. Immutable; any thread.
 *
 * @param type  the simple class name, e.g. {@code BorderPane}
 * @param title the window title, or ""
 * @param id    the node's id (fx:id) or component name, or ""
 * @param styleClass the first style class, or ""
 */
public record Crumb(String type, String title, String id, String styleClass) {

    /** Parses the agent's crumb text; anything it cannot read is kept whole as the type. */
    public static Crumb parse(String text) {
        String rest = text == null ? "" : text.strip();
        String title = "";
        int quote = rest.indexOf(" \"");
        if (quote >= 0 && rest.endsWith("\"")) {
            title = rest.substring(quote + 2, rest.length() - 1);
            rest = rest.substring(0, quote);
        }
        String id = "";
        int hash = rest.indexOf('#');
        String styleClass = "";
        if (hash >= 0) {
            id = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
            int dot = id.indexOf('.');
            if (dot >= 0) {
                styleClass = id.substring(dot + 1);
                id = id.substring(0, dot);
            }
        } else {
            int dot = rest.indexOf('.');
            if (dot > 0) {
                styleClass = rest.substring(dot + 1);
                rest = rest.substring(0, dot);
            }
        }
        return new Crumb(rest, title, id, styleClass);
    }

    /**
     * Just the type of a crumb, as {@code parse(text).type()} gives it for the agent's crumbs, without
     * parsing the rest: grouping asks this for every crumb of every row.
     */
    public static String typeOf(String text) {
        int length = typeLength(text);
        return length == text.length() ? text : text.substring(0, length);
    }

    /** How long {@link #typeOf}'s answer is: the type is that many chars from the start of {@code text}. */
    static int typeLength(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '#' || (c == '.' && i > 0)) {
                return i;
            }
        }
        return text.length();
    }

    /** A sentence about the object for the detail pane. */
    public String describe() {
        StringBuilder text = new StringBuilder("a ").append(type);
        if (!title.isEmpty()) {
            text.append(" titled \"").append(title).append('"');
        }
        if (!id.isEmpty()) {
            text.append(" with id \"").append(id).append('"');
        }
        if (!styleClass.isEmpty()) {
            text.append(" with style class \"").append(styleClass).append('"');
        }
        return text.toString();
    }
}
