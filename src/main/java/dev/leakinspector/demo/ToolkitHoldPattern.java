package dev.leakinspector.demo;

/**
 * Pattern 15: a Swing frame with a focused text field, disposed cleanly; the next window takes the focus
 * only a few seconds later. Meanwhile JDK/toolkit internals (the focus manager's last focus owner, an
 * input method's last focused component) keep the frame; the program does not. NONE when the hold lets
 * go; if reported, the report must be marked as a JDK/toolkit hold. Use on the JavaFX thread; the frame
 * lives on the event dispatch thread.
 */
final class ToolkitHoldPattern extends DemoPattern {
    ToolkitHoldPattern() {
        super("15", "Window kept by a toolkit internal", ExpectedOutcome.NONE_OR_JDK_HOLD,
                "A Swing frame whose search field has the keyboard focus is disposed cleanly; the next window "
                        + "takes the focus " + FocusedFieldForm.FOCUS_BACK_AFTER_MILLIS / 1000 + " s later. Until "
                        + "then only the JDK's focus bookkeeping keeps the frame: not the program's leak.");
    }

    @Override
    protected void populate(PatternWindow window) {
        SwingPatternWindow.open(window, new FocusedFieldForm());
        window.setScriptCloseAfter(SWING_FRAME_SHOWN);
    }
}
