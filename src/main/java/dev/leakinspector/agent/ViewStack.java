package dev.leakinspector.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a watched object lived when its trigger fired: the path from its window down to it, one
 * crumb per level ({@code Stage "Preferences" › Scene › BorderPane › VBox#form}).
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
    /** The simple name of the class, or of its nearest named superclass for anonymous classes: a crumb's type. */
    public static String typeName(Class<?> type) {
        Class<?> named = type;
        while (named.getSimpleName().isEmpty() && named.getSuperclass() != null) {
            named = named.getSuperclass();
        }
        return named.getSimpleName();
    }
}
