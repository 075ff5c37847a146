package dev.leakinspector.demo;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * Patterns 5 and 5b: a {@link Timeline} spins a square in the window; endless and still running
 * after the close (5, LEAK), or finite and stopped on close if it has not finished yet (5b, NONE).
 * Use on the JavaFX thread.
 */
final class AnimationPattern extends DemoPattern {
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
        Timeline spin = new Timeline(new KeyFrame(Duration.seconds(1.5),
                new KeyValue(square.rotateProperty(), 360)));
        spin.setCycleCount(endless ? Animation.INDEFINITE : 2);
        window.form().getChildren().add(square);
        if (!endless) {
            window.setCloseBehaviour(spin::stop);
        }
        spin.play();
    }
}
