package dev.leakinspector.demo;

import javax.swing.SwingUtilities;

import javafx.util.Duration;

/**
 * Patterns 13 and 13b: a Swing preferences dialog whose Cancel only hides it. In 13 every
 * "Preferences…" builds a new dialog; opened and cancelled three times, three hidden dialogs pile up
 * (RETAINED, → LEAK ×3). In 13b one dialog is hidden and shown again after more than the grace period
 * (RETAINED → REUSED), then disposed with the pattern's frame. Use on the JavaFX thread; the dialogs
 * live on the event dispatch thread.
 */
final class SwingPreferencesPattern extends DemoPattern {
    /** How long an opened dialog shows before the script cancels it. */
    private static final Duration SHOWN_FOR = Duration.millis(500);

    private final boolean reuse;

    SwingPreferencesPattern(boolean reuse) {
        super(reuse ? "13b" : "13",
                reuse ? "Swing dialog reused" : "Swing dialog recreated on each open",
                reuse ? ExpectedOutcome.RETAINED_THEN_REUSED : ExpectedOutcome.RETAINED_THEN_LEAK_X3,
                reuse
                        ? "\"Preferences\u2026\" shows the one preferences dialog; Cancel hides it; opening it again "
                                + "a few seconds later shows the same dialog: kept, then reused."
                        : "Every \"Preferences\u2026\" builds a new dialog; Cancel only hides it (never dispose()). "
                                + "Open and cancel it three times: three hidden dialogs pile up.");
        this.reuse = reuse;
    }

    @Override
    protected void populate(PatternWindow window) {
        PreferencesForm form = new PreferencesForm(id() + " Preferences", reuse);
        SwingPatternWindow.open(window, form);
        Runnable open = () -> SwingUtilities.invokeLater(form::openPreferences);
        Runnable cancel = () -> SwingUtilities.invokeLater(form::cancel);
        window.addStep("open-1", "Preferences\u2026", SWING_FRAME_SHOWN, open);
        window.addStep("cancel-1", "Cancel", SHOWN_FOR, cancel);
        if (reuse) {
            window.addStep("open-again", "Preferences\u2026 again", AFTER_REPORT, open);
            window.setScriptCloseAfter(SHOWN_FOR);
        } else {
            window.addStep("open-2", "Preferences\u2026 (2)", AFTER_REPORT, open);
            window.addStep("cancel-2", "Cancel (2)", SHOWN_FOR, cancel);
            window.addStep("open-3", "Preferences\u2026 (3)", SHOWN_FOR, open);
            window.addStep("cancel-3", "Cancel (3)", SHOWN_FOR, cancel);
        }
    }
}
