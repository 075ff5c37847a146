package dev.leakinspector.demo;

/**
 * Patterns 8 and 8b: a Swing frame whose panel listens to {@link AppSettings} (a static bean); the
 * panel never removes its listener (8, LEAK of the {@code JFrame}) or removes it when it leaves
 * the screen (8b, NONE). Use on the JavaFX thread; the frame lives on the event dispatch thread.
 */
final class SwingListenerPattern extends DemoPattern {
    private final boolean clean;

    SwingListenerPattern(boolean clean) {
        super(clean ? "8b" : "8",
                clean ? "Swing frame disposed cleanly" : "Swing listener",
                clean ? ExpectedOutcome.NONE : ExpectedOutcome.LEAK,
                clean
                        ? "A Swing frame whose panel listens to the app-wide settings bean only while it is "
                                + "displayed (added in addNotify, removed in removeNotify). Disposing the frame "
                                + "leaves nothing that refers to it."
                        : "A Swing frame whose panel adds a PropertyChangeListener to the app-wide settings bean "
                                + "(a static field) and never removes it. Disposing the frame leaves "
                                + "settings \u2192 listener support \u2192 listener \u2192 panel \u2192 frame.");
        this.clean = clean;
    }

    @Override
    protected void populate(PatternWindow window) {
        SwingPatternWindow.open(window, new ThemeForm(clean));
    }
}
