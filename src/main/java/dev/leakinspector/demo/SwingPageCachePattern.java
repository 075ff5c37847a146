package dev.leakinspector.demo;

import javax.swing.SwingUtilities;

/**
 * Pattern 9: a Swing window swaps its orders page for a new one twice ("Next page") and keeps every old
 * page in a static list: the first old page alone may be a cache (RETAINED), two of them pile up
 * (→ LEAK ×2), each with the view stack it had before removal. Use on the JavaFX thread; the frame
 * lives on the event dispatch thread.
 */
final class SwingPageCachePattern extends DemoPattern {
    SwingPageCachePattern() {
        super("9", "Swing panel kept in a static list", ExpectedOutcome.RETAINED_THEN_LEAK_X2,
                "\"Next page\" swaps the Swing window's orders page for a new one and keeps the old page in a "
                        + "static list \"for later\"; done twice. One old page may be a cache (retained); the "
                        + "second makes it a leak: static list \u2192 page.");
    }

    @Override
    protected void populate(PatternWindow window) {
        OrdersForm orders = new OrdersForm();
        SwingPatternWindow.open(window, orders);
        window.addStep("swap-1", "Next page", SWING_FRAME_SHOWN, () -> SwingUtilities.invokeLater(orders::swapPage));
        window.addStep("swap-2", "Next page again", AFTER_REPORT, () -> SwingUtilities.invokeLater(orders::swapPage));
    }
}
