package dev.leakinspector.heap;

/** What kind of UI object a {@link UiLeakFinder} finding is, with the rule that made it a candidate. */
public enum UiLeakKind {
    FX_WINDOW("javafx-window", "JavaFX window not showing",
            "a javafx.stage.Window that was shown and is hidden now (popup windows excluded: their owner reuses them)"),
    FX_NODE("javafx-node", "JavaFX node detached",
            "the top of a node tree, a Parent (pane, control), that was rendered (it has a peer) and is in no window now"),
    AWT_WINDOW_DISPOSED("awt-window-disposed", "Swing/AWT window disposed",
            "a java.awt.Window that was shown (its root pane laid out) and is disposed now (no peer)"),
    AWT_WINDOW_HIDDEN("awt-window-hidden", "Swing/AWT window hidden",
            "a java.awt.Window that was shown (its root pane laid out) and is hidden now, not disposed"),
    AWT_COMPONENT("awt-component", "Swing/AWT component detached",
            "the top of a component tree that was laid out (it has a size) and is in no window now");

    private final String wireName;
    private final String label;
    private final String rule;

    UiLeakKind(String wireName, String label, String rule) {
        this.wireName = wireName;
        this.label = label;
        this.rule = rule;
    }

    /** The lower-case name JSON uses. */
    public String wireName() {
        return wireName;
    }

    /** A short label for a heading, e.g. "JavaFX window not showing". */
    public String label() {
        return label;
    }

    /** One line: what makes an object of this kind a candidate. */
    public String rule() {
        return rule;
    }
}
