package dev.leakinspector.demo;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Pattern 7: a reused dialog. Closing it hides it and shows it again 0.3 s later (well inside the
 * agent's grace period), then it closes for good and nothing keeps it (NONE). Use on the JavaFX thread.
 */
final class ReusedDialogPattern extends DemoPattern {
    /** How long the dialog stays hidden before it is reused; must stay under 0.5 s. */
    static final Duration HIDDEN_FOR = Duration.millis(300);
    /** How long the reused dialog stays up before its final close. */
    static final Duration SHOWN_AGAIN_FOR = Duration.millis(700);

    ReusedDialogPattern() {
        super("7", "Dialog hidden and shown again", ExpectedOutcome.NONE,
                "Close hides this dialog and shows it again 0.3 s later, as an app that reuses a dialog "
                        + "would; 0.7 s after that it closes for good and nothing keeps it.");
    }

    @Override
    protected void populate(PatternWindow window) {
        window.setCloseRequestHandler(() -> hideAndReuse(window));
    }

    private static void hideAndReuse(PatternWindow window) {
        // The handler is replaced first, so a second request while hidden or re-shown just closes.
        window.setCloseRequestHandler(window.stage()::close);
        window.hideForReuse();
        PauseTransition hidden = new PauseTransition(HIDDEN_FOR);
        hidden.setOnFinished(e -> {
            window.showAgain();
            PauseTransition shown = new PauseTransition(SHOWN_AGAIN_FOR);
            shown.setOnFinished(e2 -> window.stage().close());
            shown.play();
        });
        hidden.play();
    }
}
