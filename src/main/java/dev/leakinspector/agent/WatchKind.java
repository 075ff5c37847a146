package dev.leakinspector.agent;

import java.util.List;

/**
 * What makes two watched objects "the same kind" for accumulation: the object's class, its trigger and the
 * place it was dropped from. The place is the view stack without the object's own crumb (the slot a page was
 * swapped out of: {@code Stage "Shop" › Scene › BorderPane}); a window, which has no parent, is its own place
 * ({@code JDialog "Preferences"}). So a sample browser that swaps pages of different classes into one slot has
 * one kind per page class, and a program that builds a new {@code OrdersPage} for the same slot each time has
 * one kind for all of them. Immutable.
 *
 * @param className the object's class name
 * @param key the class, trigger and place in one string, for maps
 */
record WatchKind(String className, String key) {
    static WatchKind of(String className, String trigger, ViewStack viewStack) {
        List<String> crumbs = viewStack.crumbs();
        List<String> place = crumbs.size() <= 1 ? crumbs : crumbs.subList(0, crumbs.size() - 1);
        return new WatchKind(className, className + '\n' + trigger + '\n' + String.join(" \u203a ", place));
    }

    /** The class's simple name as a user reads it ({@code OrdersPage} for {@code com.acme.Shop$OrdersPage}). */
    String simpleName() {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }
}
