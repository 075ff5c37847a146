package dev.leakinspector.demo;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * Patterns 5 and 5b: a {@link Timeline} spins a square in the window; endless and still running
 * after the close (5, LEAK), or finite and stopped on close if it has not finished yet (5b, NONE).
 * Use on the JavaFX thread.
 */
final class AnimationPattern extends DemoPattern {
    static final Duration CYCLE = Duration.seconds(1);
    static final int FINITE_CYCLES = 2;
    /** The id of the label that says whether the animation runs or has finished. */
    static final String STATE_LABEL_ID = "animation-state";
    static final String FINISHED = "Finished";

    private final boolean endless;

    AnimationPattern(boolean endless) {
        super(endless ? "5" : "5b",
                endless ? "Endless animation" : "Finished animation",
                endless ? ExpectedOutcome.LEAK : ExpectedOutcome.NONE,
                endless
                        ? "The square spins with a Timeline of INDEFINITE cycles that nobody stops: the pulse "
                                + "timer \u2192 timeline \u2192 key value \u2192 square \u2192 scene \u2192 window."
                        : "The square spins twice with a finite Timeline; closing the window stops it if it is "
                                + "still running, so the pulse timer lets go.");
        this.endless = endless;
    }

    @Override
    protected void populate(PatternWindow window) {
        Rectangle square = new Rectangle(60, 60, Color.CORNFLOWERBLUE);
        Label state = new Label(endless ? "Spinning forever" : "Spinning twice");
        state.setId(STATE_LABEL_ID);
        Timeline spin = new Timeline(new KeyFrame(CYCLE, new KeyValue(square.rotateProperty(), 360)));
        spin.setCycleCount(endless ? Animation.INDEFINITE : FINITE_CYCLES);
        window.form().getChildren().addAll(square, state);
        if (!endless) {
            spin.setOnFinished(e -> state.setText(FINISHED));
            window.setCloseBehaviour(spin::stop);
        }
        spin.play();
    }
}
