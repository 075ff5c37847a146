package dev.leakinspector.demo;

import java.util.List;
import java.util.function.LongConsumer;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Runs patterns one after another by itself: open the window, run its {@linkplain PatternWindow#addStep
 * steps} each after its pause (none: let it show ~300 ms), close it the way the pattern does, and start
 * the next once it is closed for good (and the pattern's linger is over). Use on the JavaFX thread.
 */
final class DemoScript {
    static final Duration SHOW_FOR = Duration.millis(300);

    private final List<DemoPattern> patterns;
    private final PatternListener listener;
    private final LongConsumer onDone;

    /**
     * @param listener told of every close, re-show and step, as for a user's click
     * @param onDone   gets the time the last pattern was closed
     */
    DemoScript(List<DemoPattern> patterns, PatternListener listener, LongConsumer onDone) {
        this.patterns = List.copyOf(patterns);
        this.listener = listener;
        this.onDone = onDone;
    }

    void start() {
        runFrom(0);
    }

    private void runFrom(int index) {
        if (index == patterns.size()) {
            onDone.accept(System.currentTimeMillis());
            return;
        }
        DemoPattern pattern = patterns.get(index);
        PatternWindow window = pattern.open(new PatternListener() {
            @Override
            public void closed(String patternId, long epochMillis) {
                listener.closed(patternId, epochMillis);
                Duration linger = pattern.scriptLingerAfterClose();
                if (linger.greaterThan(Duration.ZERO)) {
                    PauseTransition lingering = new PauseTransition(linger);
                    lingering.setOnFinished(e -> runFrom(index + 1));
                    lingering.play();
                } else {
                    // Not from inside the hidden event of the window just closed: let that finish first.
                    Platform.runLater(() -> runFrom(index + 1));
                }
            }

            @Override
            public void reshown(String patternId, long epochMillis) {
                listener.reshown(patternId, epochMillis);
            }

            @Override
            public void step(String patternId, String step, long epochMillis) {
                listener.step(patternId, step, epochMillis);
            }
        });
        runSteps(window, window.steps(), 0);
    }

    /**
     * Runs the steps from {@code next} on, each after its pause, then closes the window. Only the pauses
     * hold the window, and only until they close it: after that the script keeps nothing, so NONE patterns
     * stay collectable. A window the user closed meanwhile ends its steps.
     */
    private static void runSteps(PatternWindow window, List<PatternWindow.Step> steps, int next) {
        boolean closing = next == steps.size();
        PauseTransition pause = new PauseTransition(closing ? window.scriptCloseAfter() : steps.get(next).pauseBefore());
        pause.setOnFinished(e -> {
            if (!window.stage().isShowing()) {
                // Closed already; closing again must not re-run its close (7 would re-show).
                return;
            }
            if (closing) {
                window.requestClose();
            } else {
                window.runStep(steps.get(next));
                runSteps(window, steps, next + 1);
            }
        });
        pause.play();
    }
}
