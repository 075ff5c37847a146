package dev.leakinspector.demo;

/**
 * Pattern 9: a Swing window swaps its orders page for a summary and keeps the old page in a
 * static list (LEAK of the page, with the view stack it had before removal). Use on the JavaFX
 * thread; the frame lives on the event dispatch thread.
 */
final class SwingPageCachePattern extends DemoPattern {
    SwingPageCachePattern() {
        super("9", "Swing panel kept in a static list", ExpectedOutcome.LEAK,
                "Closing swaps the Swing window's orders page for a summary, keeps the old page in a static "
                        + "list \"for later\", then disposes the window. The page is removed from a displayed "
                        + "window and never collected: static list \u2192 page.");
    }

    @Override
    protected void populate(PatternWindow window) {
        SwingPatternWindow.open(window, new OrdersForm());
    }
}
