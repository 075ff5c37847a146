package dev.leakinspector.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a watched object lived when its trigger fired: the path from its window down to it, one
 * crumb per level ({@code Stage "Preferences" › Scene › BorderPane › VBox#form}). Each crumb is a
 * type with what names it ({@link #crumb}), bounded in length, so that two pages a user tells apart on
 * screen get two stacks.
 *
 * <p>Stored as an immutable linked list pointing to its parent, so the thousands of nodes of a
 * closed window share their common prefix and cost one small object each. Holds only strings,
 * never the objects they describe. Immutable and thread-safe.
 */
public final class ViewStack {
    private final ViewStack parent;
    private final String crumb;
    private final int depth;

    private ViewStack(ViewStack parent, String crumb) {
        this.parent = parent;
        this.crumb = crumb;
        this.depth = parent == null ? 1 : parent.depth + 1;
    }

    /** A stack of one crumb, typically the window. */
    public static ViewStack of(String crumb) {
        return new ViewStack(null, crumb);
    }

    /** This stack with one more crumb below it. */
    public ViewStack then(String childCrumb) {
        return new ViewStack(this, childCrumb);
    }

    /** The stack above this crumb, or null for a stack of one. */
    ViewStack parent() {
        return parent;
    }

    /** This stack's last crumb: the object's own. */
    String crumb() {
        return crumb;
    }

    /** The crumbs from the top (the window) down to the object. */
    public List<String> crumbs() {
        String[] crumbs = new String[depth];
        ViewStack level = this;
        for (int i = depth - 1; i >= 0; i--) {
            crumbs[i] = level.crumb;
            level = level.parent;
        }
        return Collections.unmodifiableList(new ArrayList<>(List.of(crumbs)));
    }

    @Override
    public String toString() {
        return String.join(" › ", crumbs());
    }

    /** The longest name, title or class name a crumb shows; longer ones are cut, so a stack stays small. */
    public static final int MAX_NAME_LENGTH = 80;
    /**
     * Packages of the JDK, the UI toolkits and the control library most JavaFX programs use: their
     * classes are never "the program's own" (a library's internal handler must not name a pane).
     */
    private static final String[] TOOLKIT_PACKAGES = {"java.", "javax.", "javafx.", "com.sun.", "sun.", "jdk.",
        "org.controlsfx."};

    /**
     * A crumb's type: the class's simple name. An anonymous or local class the program declared
     * inside one of its own classes is named after both, {@code InvoicesPage$JPanel} for a
     * {@code new JPanel() {…}} written in {@code InvoicesPage}: that is what a developer recognises.
     * Anonymous classes of the JDK or a toolkit take their nearest named superclass's name.
     */
    public static String typeName(Class<?> type) {
        return TYPE_NAMES.get(type);
    }

    /**
     * {@link #typeName} per class, computed once: it asks the class for its simple name and whether it is
     * anonymous, which the JVM answers slowly, and triggers name thousands of nodes of a few classes.
     */
    private static final ClassValue<String> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return computeTypeName(type);
        }
    };

    private static String computeTypeName(Class<?> type) {
        Class<?> named = type;
        while ((named.isAnonymousClass() || named.getSimpleName().isEmpty()) && named.getSuperclass() != null) {
            named = named.getSuperclass();
        }
        if (named == type || isToolkitClass(type)) {
            return clip(named.getSimpleName());
        }
        String owner = programClassName(type);
        return owner == null ? clip(named.getSimpleName()) : clip(owner + "$" + named.getSimpleName());
    }

    /** Our own package, wherever the build relocated it: the agent's classes are never the program's either. */
    private static final String AGENT_PACKAGE = ViewStack.class.getPackageName() + ".";

    /** Whether the class belongs to the JDK, a UI toolkit or this agent rather than to the program. */
    public static boolean isToolkitClass(Class<?> type) {
        String name = type.getName();
        if (name.startsWith(AGENT_PACKAGE)) {
            return true;
        }
        for (String prefix : TOOLKIT_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The simple name of the program's class that declared {@code type}: {@code InvoicesPage} for
     * {@code InvoicesPage}, for the anonymous classes in it ({@code InvoicesPage$1}) and for the
     * lambdas written in it ({@code InvoicesPage$$Lambda/0x…}), also when InvoicesPage is nested in
     * another class; null for a JDK or toolkit class. Reads only the class name: no reflection.
     */
    public static String programClassName(Class<?> type) {
        if (type == null || type.isArray() || type.isPrimitive() || isToolkitClass(type)) {
            return null;
        }
        String name = type.getName();
        int lambda = name.indexOf("$$");
        if (lambda > 0) {
            name = name.substring(0, lambda);
        }
        String[] levels = name.substring(name.lastIndexOf('.') + 1).split("\\$");
        for (int i = levels.length - 1; i >= 0; i--) {
            String level = stripLeadingDigits(levels[i]);
            if (!level.isEmpty()) {
                return clip(level);
            }
        }
        return null;
    }

    /** {@code 1Local} → {@code Local}: how javac names a local class; {@code 1} → "": an anonymous one. */
    private static String stripLeadingDigits(String level) {
        int start = 0;
        while (start < level.length() && Character.isDigit(level.charAt(start))) {
            start++;
        }
        return level.substring(start);
    }

    /**
     * A crumb in the form the session reads back ({@code session.Crumb}):
     * {@code Type#id.styleClass "title"}, each part left out when empty. Names are cut to
     * {@link #MAX_NAME_LENGTH}, and the characters that separate the parts are replaced in them.
     */
    public static String crumb(String type, String id, String styleClass, String title) {
        if (isEmpty(id) && isEmpty(styleClass) && isEmpty(title)) {
            return type; // most crumbs: no string to build
        }
        StringBuilder crumb = new StringBuilder(type);
        String cleanId = clean(id, true);
        if (!cleanId.isEmpty()) {
            crumb.append('#').append(cleanId);
        }
        String cleanStyle = clean(styleClass, true);
        if (!cleanStyle.isEmpty()) {
            crumb.append('.').append(cleanStyle);
        }
        String cleanTitle = clean(title, false);
        if (!cleanTitle.isEmpty()) {
            crumb.append(" \"").append(cleanTitle).append('"');
        }
        return crumb.toString();
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    /** {@code text} cut to {@link #MAX_NAME_LENGTH} characters, the cut marked with an ellipsis. */
    static String clip(String text) {
        return text.length() <= MAX_NAME_LENGTH ? text : text.substring(0, MAX_NAME_LENGTH - 1) + "\u2026";
    }

    /**
     * A name or title as a crumb can carry it: one line, double quotes made single, and for ids and
     * style classes no '#', '.' or blank (they would split the crumb when it is read back); cut to length.
     */
    private static String clean(String text, boolean isName) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String stripped = text.strip();
        StringBuilder clean = new StringBuilder(Math.min(stripped.length(), MAX_NAME_LENGTH + 1));
        for (int i = 0; i < stripped.length() && clean.length() <= MAX_NAME_LENGTH; i++) {
            char c = stripped.charAt(i);
            if (Character.isISOControl(c) || (isName && (c == ' ' || c == '#' || c == '.'))) {
                clean.append(isName ? '_' : ' ');
            } else {
                clean.append(c == '"' ? '\'' : c);
            }
        }
        return clip(clean.toString());
    }
}
