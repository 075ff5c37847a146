package dev.leakinspector.agent;

import java.util.List;

/**
 * Classes whose objects our triggers see die-and-not-die all the time for reasons that are not the
 * user's leak: toolkit internals that keep a component for reuse or hold the last focused or
 * hovered one for a moment. They are never watched, with their subtrees. Each entry says why, so
 * it can be checked against the toolkit's source when the toolkit changes. Immutable.
 */
final class BuiltInIgnores {
    /** One ignored class-name glob and the reason it is ignored. */
    record Entry(String glob, String why) {
    }

    /**
     * JavaFX needs no entry: popup windows, the cells that virtualised controls recycle and the text
     * node a labeled control's skin keeps are left out by the trigger itself, and the scene's mouse
     * handler, which keeps the last hovered or pressed node, and a parent's children removed since
     * the last pulse are handled as momentary holders (a survivor they hold is deferred, not hidden).
     * A workout of the standard controls reports nothing (FalsePositivesIT). Swing's popups,
     * renderers and cell editors are likewise left out by its trigger, and AWT/Swing's last focused,
     * last painted and selection-owning components are momentary holders too
     * ({@code SwingMomentaryHolders}, SwingMomentaryHoldersIT).
     */
    static final List<Entry> ENTRIES = List.of(
            new Entry("javax.swing.plaf.basic.BasicSplitPaneUI$*",
                    "a split pane's drag divider (an anonymous Canvas) that the UI removes after every "
                            + "non-continuous drag and adds again on the next one"));

    private BuiltInIgnores() {
    }

    static List<String> globs() {
        return ENTRIES.stream().map(Entry::glob).toList();
    }
}
